package dev.quarry.cli;

import dev.quarry.app.MatterSession;
import dev.quarry.core.Json;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobProgress;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ImportService;
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

@Command(name = "import", description = {
        "Import files, folders, ZIPs or load-file volumes into a matter.",
        "An interrupted import of this matter is resumed first. Progress goes to stderr."})
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The matter folder.") Path dir;
    @Parameters(index = "1..*", arity = "0..*", description = "Files or folders to import.") List<Path> paths = new ArrayList<>();
    @Option(names = "--production", description = "Name of the production (default: the first path's name).") String production;
    @Option(names = "--json", description = "Print the result as JSON on stdout.") boolean json;
    @Option(names = "--password-env", paramLabel = "VAR", description = QuarryCli.PASSWORD_ENV) String passwordEnv;
    @Option(names = "--quiet", description = "No progress on stderr.") boolean quiet;
    @Option(names = "--keyword-only", description = "Index for keyword search only and leave embedding for later "
            + "(a later import or `quarry embed`).") boolean keywordOnly;

    @Override
    public Integer call() {
        try (MatterSession s = new MatterSession(Passwords.open(dir, passwordEnv))) {
            CancelToken cancel = new CancelToken();
            Runtime.getRuntime().addShutdownHook(new Thread(cancel::cancel));
            ProgressListener progress = quiet ? ProgressListener.NONE : new StderrProgress();
            List<ImportService.Report> reports = new ArrayList<>();
            // Embedding (the slow step) runs on its own thread while files are parsed, taking chunks as they land.
            AtomicBoolean importing = new AtomicBoolean(true);
            ProgressListener embedProgress = quiet ? ProgressListener.NONE : p -> { if (!importing.get()) progress.onProgress(p); };
            CompletableFuture<EmbeddingService.Report> searchable = CompletableFuture.supplyAsync(() -> keywordOnly
                    ? s.retrieval().indexKeywordsOnly()
                    : s.retrieval().makeSearchable(importing::get, embedProgress, cancel));
            try {
                for (long jobId : s.imports().resumableJobs()) {
                    if (!quiet) System.err.println("Resuming interrupted import job " + jobId);
                    reports.add(s.imports().run(jobId, progress, cancel));
                }
                if (!paths.isEmpty()) {
                    long jobId = s.imports().plan(paths, production);
                    reports.add(s.imports().run(jobId, progress, cancel));
                }
            } finally {
                importing.set(false);
            }
            EmbeddingService.Report embedded = searchable.join();
            if (keywordOnly) s.retrieval().indexKeywords();
            if (!quiet) System.err.println();
            Map<DocumentStatus, Long> byStatus = s.documents().countByStatus();
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                List<Map<String, Object>> jobs = new ArrayList<>();
                for (ImportService.Report r : reports) {
                    Map<String, Object> j = new LinkedHashMap<>();
                    j.put("job_id", r.jobId());
                    j.put("status", r.status().db());
                    j.put("items", r.items());
                    j.put("done", r.done());
                    j.put("failed", r.failed());
                    j.put("pages", r.pages());
                    j.put("seconds", r.elapsed().toMillis() / 1000.0);
                    jobs.add(j);
                }
                out.put("jobs", jobs);
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("status", embedded.status().db());
                e.put("embedded", embedded.embedded());
                e.put("reused", embedded.reused());
                e.put("seconds", embedded.elapsed().toMillis() / 1000.0);
                out.put("embedding", e);
                Map<String, Long> docs = new LinkedHashMap<>();
                byStatus.forEach((k, v) -> docs.put(k.db(), v));
                out.put("documents", docs);
                System.out.println(Json.write(out));
            } else {
                for (ImportService.Report r : reports) {
                    System.out.printf("Job %d %s: %d files, %d read, %d could not be read, %d pages in %.1f s%n",
                            r.jobId(), r.status().db(), r.items(), r.done(), r.failed(), r.pages(), r.elapsed().toMillis() / 1000.0);
                }
                System.out.println("Documents: " + byStatus);
                System.out.printf("Embedding %s: %d chunks embedded, %d reused in %.1f s%n", embedded.status().db(),
                        embedded.embedded(), embedded.reused(), embedded.elapsed().toMillis() / 1000.0);
            }
            return reports.stream().anyMatch(r -> r.status() != dev.quarry.core.jobs.JobStatus.COMPLETED)
                    || embedded.status() != dev.quarry.core.jobs.JobStatus.COMPLETED ? 3 : 0;
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
