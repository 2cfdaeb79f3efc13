package dev.quarry.cli;

import dev.quarry.app.MatterSession;
import dev.quarry.core.Json;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobProgress;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.documents.ImportService;
import dev.quarry.documents.ImportSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.quarry.retrieval.EmbeddingService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true, description = {
        "Import files, folders, ZIPs or load-file volumes into a matter.",
        "An interrupted or cancelled import of this matter is resumed first (running the same import again after "
                + "Ctrl-C resumes it).",
        "Progress goes to stderr; the summary counts this import's files by end state (completed, failed, needs_ocr, "
                + "password_required, duplicate, pending) and names each one not completed.",
        "Scans, image files and a production's page images are read by OCR in the same job, a page at a time: "
                + "an interrupted import resumes at the first page not stored.",
        "Ctrl-C cancels cleanly: the file at hand is finished or dropped, nothing is half-stored."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every file was read (completed, or a copy of a completed document)",
                "1:some files were not read (failed, needs OCR, password required), or an error",
                "2:the command line was wrong",
                "3:cancelled (Ctrl-C): run the same command again to resume"})
final class ImportCommand implements Callable<Integer> {
    /** Files listed per state in the plain summary; --json lists all of them. */
    static final int LISTED = 20;

    @Parameters(index = "0", description = "The matter folder.") Path dir;
    @Parameters(index = "1..*", arity = "0..*", description = "Files or folders to import.") List<Path> paths = new ArrayList<>();
    @Option(names = "--production", description = "Name of the production (default: the first path's name).") String production;
    @Option(names = "--json", description = "Print the result as JSON on stdout.") boolean json;
    @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;
    @Option(names = "--quiet", description = "No progress on stderr.") boolean quiet;
    @Option(names = "--retry", description = {"Read again every failed document (from the matter's copy of its original) "
            + "and OCR every page still waiting for it: documents imported with OCR off or before Quarry had OCR, "
            + "and pages OCR could not read."}) boolean retry;
    @Option(names = "--keyword-only", description = "Index for keyword search only and leave embedding for later "
            + "(a later import or `quarry embed`).") boolean keywordOnly;

    @Option(names = "--rows", description = "Import one CSV, TSV, JSONL, JSON or Parquet file as one document per row "
            + "(the other columns become the documents' fields, shown by grids as given columns).") boolean rows;
    @Option(names = "--text-column", paramLabel = "C", description = "With --rows: the column holding each row's text.") String textColumn;
    @Option(names = "--id-column", paramLabel = "C", description = "With --rows: the column naming each row (its document's "
            + "file name); default <file>-row-<n>.") String idColumn;
    @Option(names = "--title-column", paramLabel = "C", description = "With --rows: the column holding each row's title.") String titleColumn;
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (rows && (paths.size() != 1 || textColumn == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--rows takes exactly one file and --text-column C");
        }
        if (!rows && (textColumn != null || idColumn != null || titleColumn != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--text-column, --id-column and --title-column go with --rows");
        }
        CancelOnInterrupt interrupt = new CancelOnInterrupt("the import");
        int code = 1;
        try {
            code = importAll(interrupt.token());
            return code;
        } finally {
            interrupt.finish(code);
        }
    }

    /** The user setting auto_analyse: the production just imported is analysed against the newest report's requests. */
    private void autoAnalyse(MatterSession s) {
        try {
            List<dev.quarry.documents.ImportStore.Production> ps = new dev.quarry.documents.ImportStore(s.matter().db()).productions();
            if (ps.isEmpty()) return;
            String name = ps.get(ps.size() - 1).name();
            dev.quarry.app.DeficiencyAuto.afterImport(s, dev.quarry.app.UserSettings.standard(), name).ifPresent(r -> System.err.println(
                    "Analysed production " + name + " for deficiencies: report " + r.reportId() + " (quarry deficiency report " + dir + ")."));
        } catch (dev.quarry.core.QuarryException e) {
            System.err.println("The automatic deficiency analysis did not run: " + e.getMessage());
        }
    }

    private int importAll(CancelToken cancel) {
        try (MatterSession s = new MatterSession(Passwords.open(dir, passwordEnv))) {
            ProgressListener progress = quiet ? ProgressListener.NONE : new StderrProgress();
            List<ImportService.Report> reports = new ArrayList<>();
            // Embedding (the slow step) runs on its own thread while files are parsed, taking chunks as they land.
            AtomicBoolean importing = new AtomicBoolean(true);
            ProgressListener embedProgress = quiet ? ProgressListener.NONE : p -> { if (!importing.get()) progress.onProgress(p); };
            CompletableFuture<EmbeddingService.Report> searchable = CompletableFuture.supplyAsync(() -> keywordOnly
                    ? s.retrieval().indexKeywordsOnly()
                    : s.retrieval().makeSearchable(importing::get, embedProgress, cancel));
            try {
                boolean planned = false;
                for (long jobId : s.imports().resumableJobs()) {
                    if (cancel.isCancelled()) break;
                    if (!quiet) System.err.println("Resuming unfinished import job " + jobId);
                    planned |= !paths.isEmpty() && s.imports().plannedFor(jobId, paths);
                    reports.add(s.imports().run(jobId, progress, cancel));
                }
                if (!paths.isEmpty() && !planned && !cancel.isCancelled()) {
                    long jobId = rows ? new dev.quarry.documents.DatasetImport(s.matter()).plan(paths.get(0),
                            new dev.quarry.documents.DatasetImport.Options(textColumn, idColumn, titleColumn, production)).jobId()
                            : s.imports().plan(paths, production);
                    reports.add(s.imports().run(jobId, progress, cancel));
                }
                if (retry && !cancel.isCancelled()) {
                    long jobId = s.imports().planRetry();
                    if (!quiet) System.err.println("Retrying failed documents and pages waiting for OCR (job " + jobId + ")");
                    reports.add(s.imports().run(jobId, progress, cancel));
                }
            } finally {
                importing.set(false);
            }
            EmbeddingService.Report embedded = searchable.join();
            if (keywordOnly) s.retrieval().indexKeywords();
            if (!quiet) System.err.println();
            boolean cancelled = cancel.isCancelled()
                    || reports.stream().anyMatch(r -> r.status() != JobStatus.COMPLETED)
                    || embedded.status() != JobStatus.COMPLETED;
            boolean allRead = reports.stream().allMatch(r -> r.summary().allCompleted());
            int code = cancelled ? 3 : allRead ? 0 : 1;
            if (!cancelled && !paths.isEmpty()) autoAnalyse(s);
            Map<String, Long> total = new LinkedHashMap<>();
            for (ImportService.Report r : reports) r.summary().counts().forEach((k, v) -> total.merge(k, v, Long::sum));
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("jobs", reports.stream().map(ImportCommand::jobJson).toList());
                out.put("documents", total);
                out.put("all_completed", allRead);
                out.put("cancelled", cancelled);
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("status", embedded.status().db());
                e.put("embedded", embedded.embedded());
                e.put("reused", embedded.reused());
                e.put("seconds", embedded.elapsed().toMillis() / 1000.0);
                out.put("embedding", e);
                Map<String, Long> docs = new LinkedHashMap<>();
                s.documents().countByStatus().forEach((k, v) -> docs.put(k.db(), v));
                out.put("matter_documents", docs);
                out.put("exit_code", code);
                System.out.println(Json.write(out));
            } else {
                if (reports.isEmpty()) {
                    System.out.println(cancelled ? "Cancelled before the import started: nothing was stored."
                            : "Nothing to import: no files given and no unfinished import to resume.");
                }
                for (ImportService.Report r : reports) printJob(r, s.imports().plannedPaths(r.jobId()));
                dev.quarry.documents.qc.ProductionQc qc = new dev.quarry.documents.qc.ProductionQc(s.matter().db());
                for (ImportService.Report r : reports) {
                    if (r.status() != JobStatus.COMPLETED) continue;
                    qc.storedForJob(r.jobId()).ifPresent(q -> System.out.println("Quality check of production " + q.production()
                            + ": " + q.findings().size() + " finding" + (q.findings().size() == 1 ? "" : "s")
                            + (q.findings().isEmpty() ? "." : "; quarry production qc " + dir + " '" + q.production() + "' lists them.")));
                }
                if (keywordOnly) {
                    System.out.println("Embedding left for later (--keyword-only): run quarry embed " + dir);
                } else {
                    System.out.printf("Embedding %s: %d chunks embedded, %d reused in %.1f s%n", embedded.status().db(),
                            embedded.embedded(), embedded.reused(), embedded.elapsed().toMillis() / 1000.0);
                }
                new dev.quarry.retrieval.ModelSwitch(s.matter()).pending().ifPresent(p -> System.out.println("Note: "
                        + p.describe() + "; search uses " + p.from() + " until it is done (quarry embed " + dir + " resumes it)."));
                if (cancelled && reports.isEmpty()) {
                    System.out.println("To import, run the same command again.");
                } else if (cancelled) {
                    long left = total.getOrDefault("pending", 0L);
                    System.out.println("Cancelled" + (left > 0 ? " with " + left + " file" + (left == 1 ? "" : "s") + " not read yet" : "")
                            + "; every file stored is whole. To resume, run: quarry import " + dir
                            + (paths.isEmpty() ? "" : " " + String.join(" ", paths.stream().map(Path::toString).toList())));
                } else if (!allRead) {
                    long files = total.values().stream().mapToLong(Long::longValue).sum();
                    long notRead = reports.stream().mapToLong(r -> r.summary().notCompleted().size() + r.summary().duplicatesNotRead()).sum();
                    System.out.println(notRead + " of " + files + " files were not read (exit code 1).");
                }
            }
            return code;
        }
    }

    private static Map<String, Object> jobJson(ImportService.Report r) {
        ImportSummary sum = r.summary();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("job_id", r.jobId());
        j.put("status", r.status().db());
        j.put("files", sum.files());
        j.put("pages", r.pages());
        j.put("seconds", r.elapsed().toMillis() / 1000.0);
        j.put("documents", sum.counts());
        Map<String, Object> ocr = new LinkedHashMap<>();
        ocr.put("pages_read", r.ocr().pagesRead());
        ocr.put("pages_failed", r.ocr().pagesFailed());
        ocr.put("pages_pending", r.ocr().pagesPending());
        ocr.put("seconds", r.ocr().elapsed().toMillis() / 1000.0);
        ocr.put("pages_per_second", Math.round(r.ocr().pagesPerSecond() * 100) / 100.0);
        ocr.put("problem", r.ocr().problem());
        j.put("ocr", ocr);
        j.put("containers", sum.containers());
        j.put("not_completed", sum.notCompleted().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", e.path());
            m.put("file_name", e.fileName());
            m.put("document_id", e.documentId());
            m.put("status", e.state());
            m.put("reason", e.reason());
            return m;
        }).toList());
        j.put("duplicates", sum.duplicates().stream().map(e -> {
            Map<String, Object> of = new LinkedHashMap<>();
            of.put("document_id", e.documentId());
            of.put("file_name", e.documentName());
            of.put("status", e.documentStatus());
            if (!"completed".equals(e.documentStatus())) of.put("reason", e.reason());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", e.path());
            m.put("file_name", e.fileName());
            m.put("duplicate_of", of);
            return m;
        }).toList());
        return j;
    }

    /** Words for the states in the plain summary. */
    private static final Map<String, String[]> WORDS = Map.of(
            "completed", new String[] {"completed", "completed"},
            "failed", new String[] {"failed", "failed"},
            "needs_ocr", new String[] {"needs OCR", "need OCR"},
            "password_required", new String[] {"password required", "password required"},
            "duplicate", new String[] {"duplicate", "duplicates"},
            "pending", new String[] {"not read yet", "not read yet"});

    /** A file's path as the user gave it: from the imported folder's name down ("court/empty.pdf"). */
    static String shown(String sourcePath, List<String> roots) {
        for (String root : roots) {
            Path parent = Path.of(root).getParent();
            if (parent != null && sourcePath.startsWith(parent + java.io.File.separator)) {
                return sourcePath.substring(parent.toString().length() + 1);
            }
        }
        return sourcePath;
    }

    private static void printJob(ImportService.Report r, List<String> roots) {
        ImportSummary sum = r.summary();
        System.out.printf("Import job %d %s: %d files, %d pages in %.1f s%n", r.jobId(), r.status().db(), sum.files(),
                r.pages(), r.elapsed().toMillis() / 1000.0);
        List<String> parts = new ArrayList<>();
        sum.counts().forEach((state, n) -> {
            if (n > 0 || state.equals("completed")) parts.add(n + " " + WORDS.get(state)[n == 1 ? 0 : 1]);
        });
        if (sum.containers() > 0) parts.add(sum.containers() + " container" + (sum.containers() == 1 ? "" : "s") + " unpacked");
        System.out.println("  " + String.join(", ", parts));
        ImportService.OcrReport ocr = r.ocr();
        if (ocr.pagesRead() + ocr.pagesFailed() > 0) {
            System.out.printf("  OCR: %d page%s read%s in %.1f s (%.2f pages/s)%s%n", ocr.pagesRead(), ocr.pagesRead() == 1 ? "" : "s",
                    ocr.pagesFailed() > 0 ? ", " + ocr.pagesFailed() + " not readable" : "", ocr.elapsed().toMillis() / 1000.0,
                    ocr.pagesPerSecond(), ocr.pagesPending() > 0 ? ", " + ocr.pagesPending() + " still waiting" : "");
        }
        if (ocr.problem() != null) System.out.println("  OCR: " + ocr.pagesPending() + " pages wait for OCR: " + ocr.problem());
        for (String state : List.of("failed", "needs_ocr", "password_required")) {
            List<ImportSummary.Entry> list = sum.notCompleted().stream().filter(e -> e.state().equals(state)).toList();
            if (list.isEmpty()) continue;
            System.out.println("  " + WORDS.get(state)[0] + ":");
            list.stream().limit(LISTED).forEach(e -> System.out.println("    "
                    + (e.documentId() != null ? "#" + e.documentId() + " " : "") + shown(e.path(), roots) + ": " + e.reason()));
            if (list.size() > LISTED) System.out.println("    ... and " + (list.size() - LISTED) + " more (--json lists them all)");
        }
        if (!sum.duplicates().isEmpty()) {
            System.out.println("  duplicates:");
            sum.duplicates().stream().limit(LISTED).forEach(e -> System.out.println("    " + shown(e.path(), roots) + ": duplicate of #"
                    + e.documentId() + " " + e.documentName()
                    + ("completed".equals(e.documentStatus()) ? "" : " (" + e.documentStatus().replace('_', ' ') + ": " + e.reason() + ")")));
            if (sum.duplicates().size() > LISTED) {
                System.out.println("    ... and " + (sum.duplicates().size() - LISTED) + " more (--json lists them all)");
            }
        }
    }

    /** One status line on stderr, rewritten at most four times a second. */
    static final class StderrProgress implements ProgressListener {
        private long last;

        @Override
        public void onProgress(JobProgress p) {
            long now = System.currentTimeMillis();
            if (now - last < 250 && p.itemsDone() + p.itemsFailed() < p.itemsTotal()) return;
            last = now;
            String eta = p.eta() == null ? "" : String.format(" ETA %d:%02d", p.eta().toMinutes(), p.eta().toSecondsPart());
            if ("ocr".equals(p.phase())) {
                System.err.printf("\r[ocr %d] %d/%d pages read (%d failed), %.2f pages/s%s   ", p.jobId(), p.itemsDone() + p.itemsFailed(),
                        p.itemsTotal(), p.itemsFailed(), p.pagesPerSecond(), eta);
                return;
            }
            if ("embed".equals(p.kind())) {
                System.err.printf("\r[embed %d] %d/%d chunks, %.1f chunks/s%s   ", p.jobId(), p.itemsDone(), p.itemsTotal(),
                        p.itemsPerSecond(), eta);
                return;
            }
            System.err.printf("\r[%s %d] %d/%d files (%d failed), %d pages, %.1f pages/s, %.1f MB/s%s   ",
                    p.kind(), p.jobId(), p.itemsDone() + p.itemsFailed(), p.itemsTotal(), p.itemsFailed(), p.pagesDone(),
                    p.pagesPerSecond(), p.bytesPerSecond() / 1e6, eta);
        }
    }
}
