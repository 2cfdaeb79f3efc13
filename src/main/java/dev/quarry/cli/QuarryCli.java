package dev.quarry.cli;

import dev.quarry.core.QuarryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code quarry} command line: every capability, for scripts, benchmarks and power users. */
@Command(name = "quarry", mixinStandardHelpOptions = true, version = "Quarry 0.1.0",
        description = "Offline-first document review. With no command, starts the desktop app.",
        subcommands = {MatterCommand.class, ImportCommand.class, DocsCommand.class, SearchCommand.class, EmbedCommand.class,
                AskCommand.class, HistoryCommand.class, ReviewCommand.class, AuditCommand.class, EvalCommand.class, BenchCommand.class})
public final class QuarryCli {

    /**
     * Runs the command line; returns the process exit code (0 ok, 1 a problem the user can fix, 2 usage or a
     * wrong password).
     */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new QuarryCli());
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
        return cl.execute(args);
    }
}
