package dev.quarry.cli;

import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.documents.qc.ProductionQc;
import dev.quarry.documents.qc.QcFinding;
import dev.quarry.documents.qc.QcReport;
import dev.quarry.export.TableWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "production", description = "Work with a matter's productions.",
        subcommands = {ProductionCommand.Qc.class, ProductionCommand.ListProductions.class})
final class ProductionCommand {

    @Command(name = "qc", description = {"Check a production's quality: Bates gaps, overlaps and duplicates; DAT rows, "
            + "OPT breaks and files present; page counts; hashes; documents without text; blank fields; broken families; slip sheets.",
            "The report is stored for the Documents pane (it also runs after every load-file import)."})
    static final class Qc implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", paramLabel = "NAME", description = "The production's name (as 'production list' shows it; "
                + "the most recent of that name), or its id.") String name;
        @Option(names = "--json", description = "Print the report as JSON.") boolean json;
        @Option(names = "--format", paramLabel = "csv|xlsx", description = "Also write the findings to --out as CSV or XLSX "
                + "(default: by the file's extension).") String format;
        @Option(names = "--out", paramLabel = "FILE", description = "The file to write the findings to.") Path out;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() {
            TableWriter.Format fmt = null;
            if (format != null) {
                try {
                    fmt = TableWriter.Format.of(format);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--format must be csv or xlsx, not '" + format + "'");
                }
                if (out == null) throw new CommandLine.ParameterException(spec.commandLine(), "--format needs --out FILE");
            } else if (out != null) {
                fmt = TableWriter.Format.forFile(out);
                if (fmt == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--out needs a .csv or .xlsx file name, or --format");
                }
            }
            // Read-only when the matter is open elsewhere (the app): the check runs, its report is not stored.
            try (Matter m = Matter.openForReading(dir, Passwords.forMatter(dir, passwordEnv))) {
                ProductionQc qc = new ProductionQc(m.db());
                var production = qc.production(name).orElseThrow(() -> new QuarryException("There is no production \u201c"
                        + name.strip() + "\u201d in this matter ('quarry production list " + dir + "' shows them)."));
                QcReport report = m.guest() ? qc.check(production.id()) : qc.run(production.id());
                if (fmt != null) ProductionQc.export(report, out, fmt);
                if (json) {
                    System.out.println(Json.write(toJson(report)));
                } else {
                    System.out.printf("Production %s: %d documents, %d pages, %d findings%s%n", report.production(), report.documents(),
                            report.pages(), report.findings().size(), m.guest() ? " (not stored: the matter is open elsewhere)" : "");
                    for (QcFinding f : report.findings()) {
                        String range = f.batesBegin() == null ? "" : f.batesEnd() == null || f.batesEnd().equals(f.batesBegin())
                                ? f.batesBegin() : f.batesBegin() + "\u2013" + f.batesEnd();
                        System.out.printf("%-20s %-25s %s%n", f.kind().id(), range, f.detail());
                    }
                    if (fmt != null) System.out.println("Written to " + out.toAbsolutePath() + ".");
                }
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List the matter's productions with the counts of their last quality check.")
    static final class ListProductions implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() {
            try (Matter m = Matter.openForReading(dir, Passwords.forMatter(dir, passwordEnv))) {
                ProductionQc qc = new ProductionQc(m.db());
                List<Map<String, Object>> rows = new ArrayList<>();
                for (var p : qc.productions()) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("id", p.id());
                    o.put("name", p.name());
                    o.put("kind", p.kind());
                    var stored = qc.stored(p.id());
                    o.put("checked_at", stored.map(r -> r.checkedAt().toString()).orElse(null));
                    o.put("findings", stored.map(r -> r.findings().size()).orElse(null));
                    rows.add(o);
                }
                if (json) {
                    System.out.println(Json.write(rows));
                } else {
                    System.out.printf("%4s  %-10s %-9s %s%n", "id", "kind", "findings", "name");
                    for (Map<String, Object> o : rows) {
                        System.out.printf("%4s  %-10s %-9s %s%n", o.get("id"), o.get("kind"),
                                o.get("findings") == null ? "-" : o.get("findings"), o.get("name"));
                    }
                }
            }
            return 0;
        }
    }

    static Map<String, Object> toJson(QcReport r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("production", r.production());
        o.put("documents", r.documents());
        o.put("pages", r.pages());
        List<Map<String, Object>> findings = new ArrayList<>();
        for (QcFinding f : r.findings()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("kind", f.kind().id());
            x.put("bates_begin", f.batesBegin());
            x.put("bates_end", f.batesEnd());
            x.put("detail", f.detail());
            findings.add(x);
        }
        o.put("findings", findings);
        o.put("checked_at", r.checkedAt().toString());
        return o;
    }
}
