package dev.quarry.cli;

import dev.quarry.app.MatterSession;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.deficiency.DeficiencyRepository;
import dev.quarry.deficiency.DeficiencyService;
import dev.quarry.deficiency.ReportJson;
import dev.quarry.deficiency.ReportTable;
import dev.quarry.deficiency.model.Classification;
import dev.quarry.deficiency.model.Report;
import dev.quarry.deficiency.model.RequestResult;
import dev.quarry.evidence.Evidence;
import dev.quarry.export.TableExport;
import dev.quarry.llm.ApiKeys;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "deficiency", description = "Deficiency review: check requests for production against a production.",
        subcommands = {DeficiencyCommand.Analyze.class, DeficiencyCommand.ReportCmd.class, DeficiencyCommand.OverrideCmd.class,
                DeficiencyCommand.Export.class})
final class DeficiencyCommand {

    /** Who a change is by: --user, else the reviewer name kept in the user's settings, else the login name. */
    static String user(String given) {
        if (given != null && !given.isBlank()) return given.strip();
        String kept = dev.quarry.app.UserSettings.standard().load().reviewer();
        return kept != null && !kept.isBlank() ? kept : System.getProperty("user.name", "unknown");
    }

    static void printText(Report r) {
        System.out.println("Report " + r.reportId() + " (version " + r.version() + ") of production " + r.production()
                + (r.known().isEmpty() ? "" : ", known sets " + String.join(", ", r.known())) + ".");
        System.out.println("Summary: " + r.summary());
        for (RequestResult q : r.requests()) {
            System.out.printf("No. %-4s %-20s %-14s %.2f%s  evidence %d, missing %d%n", q.number(), q.classification().wire(),
                    q.responsePosture().wire(), q.confidence(), q.overridden() ? " (overridden)" : "", q.evidence().size(), q.missing().size());
        }
    }

    @Command(name = "analyze", description = {
            "Analyse written responses to requests for production against a production and the known document sets.",
            "Parses the requests and the responses (DOCX or PDF), judges every document of the production and of the known "
                    + "sets against each request, classifies each request by what was produced, stores the report (the "
                    + "production's report is updated when it has one; overrides are kept) and prints it."})
    static final class Analyze implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Option(names = "--requests", required = true, paramLabel = "FILE", description = "The requests for production (DOCX or PDF).") Path requests;
        @Option(names = "--responses", required = true, paramLabel = "FILE", description = "The written responses and objections (DOCX or PDF).") Path responses;
        @Option(names = "--production", required = true, paramLabel = "NAME", description = "The production under review, by name.") String production;
        @Option(names = "--known", paramLabel = "NAME", description = "A set of documents known to exist, by production name (repeatable).") List<String> known = new ArrayList<>();
        @Option(names = "--offline", description = "Decide offline only (retrieval and typed parsers), with no model.") boolean offline;
        @Option(names = "--json", description = "Print the report as JSON.") boolean json;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() {
            try (MatterSession s = new MatterSession(Passwords.open(dir, passwordEnv))) {
                Matter m = s.matter();
                LlmGateway gateway = LlmGateway.forMatter(m, LlmSettings.resolve(m.settings(), System.getenv(), ApiKeys.userDefault()).orElse(null));
                Evidence.Mode mode = offline || !gateway.available() ? Evidence.Mode.OFFLINE : Evidence.Mode.BOTH;
                CancelOnInterrupt cancel = new CancelOnInterrupt("the analysis");
                Report r;
                try {
                    r = s.deficiency(gateway).analyze(new DeficiencyService.Request(requests, responses, production, known, mode),
                            cancel.token(), (what, done, total) -> {
                                if (!json) System.err.printf("\r%s (%d/%d)   ", what, done, total);
                            });
                } finally {
                    cancel.finish(0);
                }
                m.audit().record("deficiency.analyzed", "deficiency_report", String.valueOf(r.reportId()),
                        Map.of("production", production, "mode", mode.name().toLowerCase(java.util.Locale.ROOT)));
                if (json) System.out.println(Json.write(ReportJson.of(r)));
                else {
                    System.err.println();
                    printText(r);
                }
                return 0;
            }
        }
    }

    @Command(name = "report", description = {
            "Print a stored deficiency report, with every override applied.",
            "Without REPORT, the newest report of the matter; with --list, the reports of the matter."})
    static final class ReportCmd implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", arity = "0..1", paramLabel = "REPORT", description = "The report's id (default: the newest).") Long report;
        @Option(names = "--list", description = "List the reports instead.") boolean list;
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() {
            try (Matter m = Matter.openForReading(dir, Passwords.forMatter(dir, passwordEnv))) {
                DeficiencyService svc = new DeficiencyService(m.db(), new dev.quarry.documents.DocumentRepository(m.db()), null);
                if (list) {
                    List<Object> rows = new ArrayList<>();
                    for (DeficiencyRepository.ReportRow r : svc.reports()) {
                        rows.add(Map.of("report_id", r.id(), "production", r.productionName(), "status", r.status(),
                                "version", r.version(), "requests", r.totalRequests(), "updated_at", String.valueOf(r.updatedAt())));
                        if (!json) System.out.println(r.id() + "  " + r.productionName() + "  " + r.status() + "  v" + r.version() + "  " + r.updatedAt());
                    }
                    if (json) System.out.println(Json.write(Map.of("reports", rows)));
                    return 0;
                }
                Report r = report == null ? svc.latest().orElseThrow(() -> new QuarryException("The matter has no deficiency report yet."))
                        : svc.report(report);
                if (json) System.out.println(Json.write(ReportJson.of(r)));
                else printText(r);
                return 0;
            }
        }
    }

    @Command(name = "override", description = {
            "Override a request's classification, or a document's responsiveness to it, with a note.",
            "Who (--user, else the reviewer name in the user settings) and when are kept with every change; re-analysis never "
                    + "overwrites an override."})
    static final class OverrideCmd implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", paramLabel = "REPORT", description = "The report's id.") long report;
        @Option(names = "--request", required = true, paramLabel = "N", description = "The request's number.") String request;
        @Option(names = "--classification", paramLabel = "C",
                description = "fully_produced, partially_produced, not_produced or no_responsive_docs.") String classification;
        @Option(names = "--document", paramLabel = "ID", description = "A document whose responsiveness to the request is set (with --responsive).") Long document;
        @Option(names = "--responsive", paramLabel = "BOOL", description = "Whether the document is responsive (true or false).") Boolean responsive;
        @Option(names = "--note", paramLabel = "TEXT", description = "The reviewer's note.") String note;
        @Option(names = "--user", paramLabel = "NAME", description = "Who makes the change (default: the reviewer name in the user settings).") String user;
        @Option(names = "--json", description = "Print the report as JSON.") boolean json;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() {
            if (classification == null && document == null && (note == null || note.isBlank())) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "Give --classification, or --document with --responsive, or a --note.");
            }
            if (document != null && responsive == null) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--document needs --responsive true or false.");
            }
            Classification c = null;
            if (classification != null) {
                try {
                    c = Classification.fromWire(classification);
                } catch (IllegalArgumentException e) {
                    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "The classification must be one of "
                            + "fully_produced, partially_produced, not_produced, no_responsive_docs.");
                }
            }
            try (Matter m = Passwords.open(dir, passwordEnv)) {
                DeficiencyService svc = new DeficiencyService(m.db(), new dev.quarry.documents.DocumentRepository(m.db()), null);
                String who = user(user);
                Report r = null;
                if (c != null) r = svc.overrideClassification(report, request, c, note, who);
                if (document != null) r = svc.overrideResponsive(report, request, document, responsive, c == null ? note : null, who);
                if (r == null) r = svc.addNote(report, request, note, who);
                m.audit().record("deficiency.override", "deficiency_report", String.valueOf(report),
                        Map.of("request", request, "user", who));
                if (json) System.out.println(Json.write(ReportJson.of(r)));
                else {
                    RequestResult q = r.requests().stream().filter(x -> x.number().equals(request)).findFirst().orElseThrow();
                    System.out.println("Request No. " + request + " is " + q.classification().wire() + (q.overridden() ? " (overridden by " + who + ")" : "")
                            + (note == null ? "." : "; note: \"" + note.strip() + "\"."));
                }
                return 0;
            }
        }
    }

    @Command(name = "export", description = "Export a deficiency report as XLSX or CSV, one row per request.")
    static final class Export implements Callable<Integer> {
        @Parameters(index = "0", description = "The matter folder.") Path dir;
        @Parameters(index = "1", paramLabel = "REPORT", description = "The report's id.") long report;
        @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "xlsx or csv.") String format;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write.") Path out;
        @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;

        @Override
        public Integer call() {
            TableExport.Format f;
            try {
                f = TableExport.Format.valueOf(format.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "The format must be xlsx or csv.");
            }
            try (Matter m = Matter.openForReading(dir, Passwords.forMatter(dir, passwordEnv))) {
                DeficiencyService svc = new DeficiencyService(m.db(), new dev.quarry.documents.DocumentRepository(m.db()), null);
                Report r = svc.report(report);
                TableExport.write(ReportTable.of(r), f, out);
                System.out.println("Wrote report " + report + " (" + r.requests().size() + " requests) to " + out + ".");
                return 0;
            }
        }
    }
}
