package dev.quarry.extraction;

import dev.quarry.core.Json;
import dev.quarry.core.QuarryException;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobProgress;
import dev.quarry.core.jobs.JobRepository;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.evidence.Answer;
import dev.quarry.evidence.Criterion;
import dev.quarry.evidence.Evidence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a grid run: asks the evidence engine for every (document, variable) cell the run has not stored yet, on
 * a few threads (model calls run concurrently, bounded so the gateway's budget and rate limits hold), each cell
 * committed on its own. A killed run resumes with exactly the cells missing: the work list is the run's
 * documents × its pinned prompt versions minus the cells stored, and the database refuses a second cell for the
 * same run, document and variable. Cancel stops between cells.
 */
public final class GridRunner {
    private static final Logger log = LoggerFactory.getLogger(GridRunner.class);

    private final GridService service;
    private final GridRepository repo;
    private final JobRepository jobs;
    private final Evidence evidence;
    private final int threads;

    /** @param threads how many cells are decided at once (model calls in flight); at least one */
    public GridRunner(GridService service, Evidence evidence, int threads) {
        this.service = service;
        this.repo = service.repository();
        this.jobs = new JobRepository(service.matter().db());
        this.evidence = evidence;
        this.threads = Math.max(1, threads);
    }

    /** Threads for a mode: a model's calls wait on the network, so several; offline work is CPU-bound. */
    public static int threadsFor(Evidence.Mode mode, int modelConcurrency) {
        int cores = Runtime.getRuntime().availableProcessors();
        return mode == Evidence.Mode.OFFLINE ? Math.max(1, cores) : Math.max(1, modelConcurrency);
    }

    /** How a run ended: cells stored over all its sessions, this session's count and rate. */
    public record Report(long runId, long jobId, RunKind kind, JobStatus status, long cellsTotal, long cellsDone, long storedNow,
                         long errors, Duration elapsed) {
        public double cellsPerSecond() {
            double s = elapsed.toNanos() / 1e9;
            return s <= 0 ? 0 : storedNow / s;
        }
    }

    public Report run(long runId, ProgressListener listener, CancelToken cancel) {
        GridRun run = repo.run(runId).orElseThrow(() -> new QuarryException("There is no grid run " + runId + "."));
        service.beforeRun(run);
        jobs.markRunning(run.jobId());
        long t0 = System.nanoTime();
        Map<Long, Variable> vars = new LinkedHashMap<>();
        for (Variable v : repo.variables(run.gridId())) if (run.prompts().containsKey(v.id())) vars.put(v.id(), v);
        Map<Long, PromptVersion> prompts = new LinkedHashMap<>();
        Map<Long, Criterion> criteria = new LinkedHashMap<>();
        for (Variable v : vars.values()) {
            PromptVersion p = repo.prompt(run.prompts().get(v.id()))
                    .orElseThrow(() -> new QuarryException("Run " + runId + " names a prompt version that is gone."));
            prompts.put(v.id(), p);
            criteria.put(v.id(), p.criterion(v));
        }
        Set<String> done = repo.doneCells(runId);
        List<long[]> work = new ArrayList<>();
        for (long doc : repo.runDocuments(runId)) {
            for (long varId : vars.keySet()) if (!done.contains(doc + ":" + varId)) work.add(new long[] {doc, varId});
        }
        long total = run.cellsTotal();
        AtomicLong stored = new AtomicLong(done.size());
        AtomicLong now = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        if (!done.isEmpty()) repo.log(runId, null, null, "INFO", "Resumed with " + work.size() + " of " + total + " cells left.");
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "grid-run-" + runId);
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(threads * 2);
        long[] lastSave = {System.nanoTime()};
        JobStatus end;
        try {
            for (long[] w : work) {
                if (cancel.isCancelled() || fatal.get() != null) break;
                inFlight.acquire();
                pool.execute(() -> {
                    try {
                        if (cancel.isCancelled() || fatal.get() != null) return;
                        long doc = w[0];
                        long varId = w[1];
                        Cell cell = decide(run, doc, vars.get(varId), prompts.get(varId), criteria.get(varId));
                        if (repo.insertCell(cell)) {
                            stored.incrementAndGet();
                            now.incrementAndGet();
                            if (cell.isError()) {
                                errors.incrementAndGet();
                                repo.log(runId, doc, varId, "ERROR", cell.error());
                            } else if (Cell.REVIEW.equals(cell.status()) && cell.quote() != null && !cell.quoteVerified()) {
                                repo.log(runId, doc, varId, "WARNING", "The quote was not found verbatim in the cited passage; "
                                        + "the cell is flagged for review.");
                            }
                        }
                        progress(listener, run, total, stored.get(), errors.get(), now.get(), t0, null);
                        synchronized (lastSave) {
                            if (System.nanoTime() - lastSave[0] > 1_000_000_000L) {
                                lastSave[0] = System.nanoTime();
                                jobs.saveCounters(run.jobId(), total, stored.get());
                            }
                        }
                    } catch (RuntimeException e) {
                        fatal.compareAndSet(null, e);
                    } finally {
                        inFlight.release();
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(200, TimeUnit.MILLISECONDS)) {
                // waits for the cells in flight: each is stored whole or not at all
            }
            if (fatal.get() != null) throw fatal.get();
            end = cancel.isCancelled() && stored.get() < total ? JobStatus.CANCELLED : JobStatus.COMPLETED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
            end = JobStatus.CANCELLED;
        } catch (RuntimeException e) {
            pool.shutdownNow();
            jobs.saveCounters(run.jobId(), total, repo.countCells(runId));
            jobs.finish(run.jobId(), JobStatus.FAILED, e.getMessage());
            repo.log(runId, null, null, "ERROR", "The run stopped: " + e.getMessage());
            service.afterRun(run, JobStatus.FAILED);
            throw e;
        }
        long cellsDone = repo.countCells(runId);
        jobs.saveCounters(run.jobId(), total, cellsDone);
        jobs.finish(run.jobId(), end, null);
        repo.log(runId, null, null, "INFO", (end == JobStatus.COMPLETED ? "Completed: " : "Cancelled: ") + cellsDone + " of " + total
                + " cells, " + errors.get() + " errors this session.");
        service.afterRun(run, end);
        progress(listener, run, total, cellsDone, errors.get(), now.get(), t0, end);
        service.matter().audit().record("grid.run." + end.db(), "grid", String.valueOf(run.gridId()),
                Map.of("run", runId, "cells", cellsDone, "total", total));
        log.info("Grid run {} {}: {} of {} cells", runId, end.db(), cellsDone, total);
        return new Report(runId, run.jobId(), run.kind(), end, total, cellsDone, now.get(), errors.get(), Duration.ofNanos(System.nanoTime() - t0));
    }

    private Cell decide(GridRun run, long doc, Variable v, PromptVersion p, Criterion criterion) {
        Answer a;
        try {
            a = evidence.ask(doc, criterion, run.mode());
        } catch (dev.quarry.core.jobs.JobCancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("Evidence failed on document {} variable {}", doc, v.name(), e);
            return errorCell(run, doc, v, p, "The evidence engine failed on this cell: " + e.getMessage());
        }
        if (a == null) return errorCell(run, doc, v, p, "The evidence engine gave no answer.");
        return toCell(run, doc, v, p, a);
    }

    static Cell toCell(GridRun run, long doc, Variable v, PromptVersion p, Answer a) {
        String status = switch (a.outcome()) {
            case ERROR -> Cell.ERROR;
            case NOT_STATED -> a.needsReview() ? Cell.REVIEW : Cell.NOT_STATED;
            // A value rests on a verified quote; a BOOLEAN "no" may rest on the absence of one (its proof is the passages seen).
            case VALUE -> a.needsReview() || a.quote() != null && !a.quote().verified()
                    || a.quote() == null && !(v.type() == dev.quarry.evidence.ValueType.BOOLEAN && "no".equals(a.value())) ? Cell.REVIEW : Cell.EXTRACTED;
        };
        var q = a.quote();
        Map<String, Object> proof = new LinkedHashMap<>();
        proof.put("queries", a.queriesRun());
        proof.put("closest", a.closest().stream().limit(5).map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("chunk_id", s.chunkId());
            m.put("page", s.page());
            m.put("start_char", s.startChar());
            m.put("end_char", s.endChar());
            m.put("text", s.text() == null ? null : s.text().length() > 600 ? s.text().substring(0, 599) + "…" : s.text());
            m.put("score", s.score());
            return m;
        }).toList());
        String value = a.outcome() == Answer.Outcome.VALUE ? (a.value() == null ? "" : a.value()) : "";
        return new Cell(0, run.id(), run.gridId(), doc, v.id(), p.id(), p.version(), a.outcome().name(), status, a.rawValue(), value,
                a.unit(), Math.max(0, Math.min(1, a.confidence())), q == null ? null : q.text(), q != null && q.verified(),
                q == null ? null : q.chunkId(), q == null ? null : q.page(), q == null ? null : q.bates(), q == null ? null : q.startChar(),
                q == null ? null : q.endChar(), a.method() == null ? null : a.method().name().toLowerCase(), a.model(), Json.write(proof),
                a.outcome() == Answer.Outcome.ERROR ? (a.error() == null ? "The extractor failed without a reason." : a.error()) : null, null);
    }

    private static Cell errorCell(GridRun run, long doc, Variable v, PromptVersion p, String why) {
        return new Cell(0, run.id(), run.gridId(), doc, v.id(), p.id(), p.version(), "ERROR", Cell.ERROR, null, "", null, 0.0, null, false,
                null, null, null, null, null, null, null, null, why, null);
    }

    private static void progress(ProgressListener l, GridRun run, long total, long done, long errors, long now, long t0, JobStatus end) {
        double secs = (System.nanoTime() - t0) / 1e9;
        double rate = secs <= 0 ? 0 : now / secs;
        Duration eta = rate <= 0 || done >= total ? null : Duration.ofSeconds((long) ((total - done) / rate));
        l.onProgress(new JobProgress(run.jobId(), GridService.JOB_KIND, end == null ? JobStatus.RUNNING : end,
                run.kind() == RunKind.SAMPLE ? "sample" : "all", total, Math.max(0, done - errors), errors, 0, 0, 0, rate, 0, 0, eta, null));
    }
}
