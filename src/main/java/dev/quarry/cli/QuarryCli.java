package dev.quarry.cli;

import dev.quarry.core.QuarryException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code quarry} command line: every capability, for scripts, benchmarks and power users. */
/*
 * scope = INHERIT hands mixinStandardHelpOptions (-h/--help, -V/--version) to every subcommand, so each one
 * answers --help without an annotation of its own; Help adds `quarry help [COMMAND [SUBCOMMAND]]`.
 */
@Command(name = "quarry", mixinStandardHelpOptions = true, version = "Quarry 0.1.0", scope = CommandLine.ScopeType.INHERIT,
        description = "Offline-first document review. With no command, starts the desktop app.",
        subcommands = {QuarryCli.Help.class, MatterCommand.class, ImportCommand.class, DocsCommand.class, TextCommand.class, SearchCommand.class, EmbedCommand.class,
                AskCommand.class, HistoryCommand.class, ReviewCommand.class, AuditCommand.class, EvalCommand.class, BenchCommand.class,
                ProductionCommand.class, LetterCommand.class})
public final class QuarryCli {
    /** The description every command gives its --password-env option. */
    static final String PASSWORD_ENV = "Take the matter's password from environment variable VAR; without it, an encrypted "
            + "matter's password is asked on the terminal.";

    /**
     * Runs the command line; returns the process exit code (0 ok, 1 a problem the user can fix, 2 usage or a
     * wrong password).
     */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command tree with Quarry's error handling, as {@link #run} executes it. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new QuarryCli());
        cl.registerConverter(LocalDate.class, QuarryCli::date);
        cl.setParameterExceptionHandler(QuarryCli::badUsage);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Throwable t = ex;
            while (!(t instanceof QuarryException) && t.getCause() != null) t = t.getCause();
            if (t instanceof QuarryException q) {
                cmd.getErr().println("quarry: " + q.getMessage());
                org.slf4j.LoggerFactory.getLogger(QuarryCli.class).debug("Command failed", ex);
                return q instanceof dev.quarry.core.WrongPasswordException ? 2 : 1;
            }
            throw ex;
        });
        return cl;
    }

    /**
     * Bad usage (an unknown option, a missing or unparsable value) is one sentence on stderr and exit 2.
     * Picocli's default printed the whole usage after it, which buried the one line that said what was wrong;
     * the sentence names the --help that shows it.
     */
    private static int badUsage(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String what = String.valueOf(ex.getMessage()).strip().replaceAll("\\s+", " ").replaceAll("[.:;,]+$", "");
        cmd.getErr().println("quarry: " + what + " (see '" + cmd.getCommandSpec().qualifiedName(" ") + " --help').");
        org.slf4j.LoggerFactory.getLogger(QuarryCli.class).debug("Bad usage", ex);
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Dates on the command line (search --from/--to and any later one) are ISO dates. */
    static LocalDate date(String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a date in the form YYYY-MM-DD, e.g. 2024-03-31");
        }
    }

    /**
     * {@code quarry help [COMMAND [SUBCOMMAND]]}: the usage of the command named, at any depth. Picocli's own
     * HelpCommand looks one level down only, so {@code help matter create} printed the usage of {@code matter}.
     */
    @Command(name = "help", helpCommand = true, description = "Show the usage of quarry, or of the command named.")
    static final class Help implements CommandLine.IHelpCommandInitializable2, Runnable {
        @CommandLine.Parameters(paramLabel = "COMMAND", arity = "0..*",
                description = "The command (and subcommand) to describe, e.g. matter create.")
        List<String> names = new ArrayList<>();
        private CommandLine self;
        private java.io.PrintWriter out;
        private CommandLine.Help.ColorScheme colors;

        @Override
        public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme,
                         java.io.PrintWriter out, java.io.PrintWriter err) {
            this.self = helpCommandLine;
            this.colors = colorScheme;
            this.out = out;
        }

        @Override
        public void run() {
            CommandLine target = self.getParent();
            for (String name : names) {
                CommandLine sub = target.getSubcommands().get(name);
                if (sub == null) {
                    throw new CommandLine.ParameterException(self, "There is no command '"
                            + String.join(" ", target.getCommandSpec().qualifiedName(" "), name) + "'");
                }
                target = sub;
            }
            target.usage(out, colors);
        }
    }
}
