package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Walks the whole command tree: every command and subcommand answers {@code --help}, {@code -h} and
 * {@code quarry help …} with its usage and exit 0, describes every option and positional, and says things
 * in whole sentences (picocli prints each description element on a line of its own and the command list
 * shows only the first, so an element that stops mid-sentence is a sentence cut in two).
 */
class CliHelpTest {
    /** A complete sentence ends in . ! ? or : (a lead-in), possibly inside a closing bracket or quote. */
    private static final Pattern WHOLE = Pattern.compile("(?s).*[.!?:][)\"'’”]*$");

    static List<CommandSpec> tree() {
        List<CommandSpec> out = new ArrayList<>();
        walk(QuarryCli.commandLine(), out);
        return out;
    }

    private static void walk(CommandLine cl, List<CommandSpec> out) {
        out.add(cl.getCommandSpec());
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!out.contains(sub.getCommandSpec())) walk(sub, out);
        }
    }

    /** The words after {@code quarry} that name a command, e.g. [matter, create]. */
    private static List<String> path(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (CommandSpec s = spec; s.parent() != null; s = s.parent()) names.add(0, s.name());
        return names;
    }

    @Test
    void everyCommandAnswersHelpWithItsUsageAndExitsZero() {
        List<CommandSpec> all = tree();
        assertThat(all).hasSizeGreaterThan(15);
        for (CommandSpec spec : all) {
            List<String> path = path(spec);
            String usage = "Usage: " + String.join(" ", spec.qualifiedName(" "));
            for (String flag : new String[] {"--help", "-h"}) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                CliTest.Run r = CliTest.quarry(args.toArray(String[]::new));
                assertThat(r.code()).as("quarry %s", String.join(" ", args)).isZero();
                assertThat(r.out()).as("quarry %s", String.join(" ", args)).contains(usage);
                assertThat(r.err()).as("quarry %s", String.join(" ", args)).isEmpty();
            }
            List<String> help = new ArrayList<>(List.of("help"));
            help.addAll(path);
            if (path.contains("help")) continue;
            CliTest.Run r = CliTest.quarry(help.toArray(String[]::new));
            assertThat(r.code()).as("quarry %s", String.join(" ", help)).isZero();
            assertThat(r.out()).as("quarry %s", String.join(" ", help)).contains(usage);
        }
    }

    @Test
    void everyOptionAndPositionalHasADescription() {
        List<String> missing = new ArrayList<>();
        for (CommandSpec spec : tree()) {
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec a : args) {
                if (a.hidden()) continue;
                String text = String.join(" ", a.description()).strip();
                if (text.isEmpty()) missing.add(spec.qualifiedName() + " " + a.paramLabel() + (a.isOption() ? " " + ((CommandLine.Model.OptionSpec) a).longestName() : ""));
            }
        }
        assertThat(missing).as("options and positionals without a description").isEmpty();
    }

    @Test
    void descriptionsAreWholeSentences() {
        List<String> cut = new ArrayList<>();
        for (CommandSpec spec : tree()) {
            String[] d = spec.usageMessage().description();
            if (d.length == 0) cut.add(spec.qualifiedName() + ": no description");
            for (String line : d) if (!WHOLE.matcher(line.strip()).matches()) cut.add(spec.qualifiedName() + ": " + line);
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec a : args) {
                for (String line : a.description()) {
                    if (!line.isBlank() && !WHOLE.matcher(line.strip()).matches()) cut.add(spec.qualifiedName() + " " + a.paramLabel() + ": " + line);
                }
            }
        }
        assertThat(cut).as("description lines that stop mid-sentence").isEmpty();
    }

    @Test
    void theCommandListShowsEachCommandsWholeSummary() {
        CliTest.Run r = CliTest.quarry("--help");
        assertThat(r.code()).isZero();
        for (CommandSpec spec : tree()) {
            if (spec.parent() == null || spec.parent().parent() != null) continue;
            String summary = spec.usageMessage().description()[0];
            // At 80 columns picocli wraps a long summary over several lines of the list; undo that to compare.
            assertThat(r.out().replaceAll("\\s+", " ")).as(spec.name()).contains(summary.replaceAll("\\s+", " "));
        }
    }
}
