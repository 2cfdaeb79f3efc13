package dev.quarry.retrieval;

import dev.quarry.core.Hashing;
import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobCancelledException;
import dev.quarry.core.jobs.JobProgress;
import dev.quarry.core.jobs.JobRecord;
import dev.quarry.core.jobs.JobRepository;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.core.jobs.ProgressListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "embed" job: gives every chunk lacking one a vector of the matter's model. The work list is the
 * database itself (chunks with no vector for the model), and each batch is committed in one transaction,
 * so a killed job simply continues where it stopped and never embeds a chunk twice. A text this model has
 * already embedded (same SHA-256) reuses that vector.
 */
public final class EmbeddingService {
    private static final Logger log = LoggerFactory.getLogger(EmbeddingService.class);
    public static final String JOB_KIND = "embed";
    private static final int BATCH = 32;

    private final Matter matter;
    private final Embedder embedder;
    private final EmbeddingRepository vectors;
    private final JobRepository jobs;

    public EmbeddingService(Matter matter, Embedder embedder) {
        this.matter = matter;
        this.embedder = embedder;
        this.vectors = new EmbeddingRepository(matter.db());
        this.jobs = new JobRepository(matter.db());
    }

    public record Report(long jobId, JobStatus status, long embedded, long reused, Duration elapsed) {}

    /** Embeds everything pending now and returns. */
    public Report run(ProgressListener listener, CancelToken cancel) {
        return runWhile(() -> false, listener, cancel);
    }

    /**
     * Embeds chunks as they land while {@code producerRunning} says more may come (an import running on
     * another thread), then everything left. Lets semantic search fill in while parsing goes on.
     */
    public Report runWhile(BooleanSupplier producerRunning, ProgressListener listener, CancelToken cancel) {
        String model = embedder.modelId();
        // Resume this model's own job: during a model switch (ModelSwitch) two models each have one.
        String params = "{\"model\":\"" + model + "\"}";
        long jobId = jobs.resumable(JOB_KIND).stream().filter(j -> params.equals(j.params())).mapToLong(JobRecord::id)
                .findFirst().orElseGet(() -> jobs.create(JOB_KIND, params, null));
        jobs.markRunning(jobId);
        long t0 = System.nanoTime();
        long embedded = 0, reused = 0, lastId = 0, batches = 0;
        long total = vectors.countPending(model);
        try {
            while (true) {
                cancel.throwIfCancelled();
                boolean more = producerRunning.getAsBoolean();
                List<EmbeddingRepository.PendingChunk> batch = vectors.pending(model, lastId, BATCH);
                if (batch.isEmpty()) {
                    if (!more) {
                        if (lastId == 0) break;
                        lastId = 0; // a last sweep from the start: chunks with lower ids may have landed late
                        if (vectors.countPending(model) == 0) break;
                        continue;
                    }
                    Thread.sleep(200);
                    total = Math.max(total, embedded + reused + vectors.countPending(model));
                    continue;
                }
                List<EmbeddingRepository.NewVector> out = new ArrayList<>(batch.size());
                Map<String, float[]> seen = new HashMap<>();
                for (EmbeddingRepository.PendingChunk ch : batch) {
                    cancel.throwIfCancelled();
                    String sha = Hashing.sha256(ch.text());
                    float[] v = seen.get(sha);
                    if (v == null) v = vectors.findByText(model, sha).orElse(null);
                    if (v != null) {
                        reused++;
                    } else {
                        v = embedder.embedPassage(ch.text());
                        embedded++;
                    }
                    seen.put(sha, v);
                    out.add(new EmbeddingRepository.NewVector(ch.chunkId(), sha, v));
                    lastId = ch.chunkId();
                }
                vectors.insert(model, out);
                // Chunks keep landing while an import parses: recount now and then, and whenever the
                // estimate runs out, so the total and the ETA stay true.
                if (embedded + reused >= total || ++batches % 16 == 0) {
                    total = Math.max(total, embedded + reused + vectors.countPending(model));
                }
                double secs = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
                double rate = embedded / secs;
                long left = Math.max(0, total - embedded - reused);
                listener.onProgress(new JobProgress(jobId, JOB_KIND, JobStatus.RUNNING, "embedding", total,
                        embedded + reused, 0, 0, 0, 0, (embedded + reused) / secs, 0, 0,
                        rate > 0 ? Duration.ofSeconds((long) (left / rate)) : null, null));
            }
            jobs.finish(jobId, JobStatus.COMPLETED, null);
            return new Report(jobId, JobStatus.COMPLETED, embedded, reused, Duration.ofNanos(System.nanoTime() - t0));
        } catch (JobCancelledException | InterruptedException e) {
            jobs.finish(jobId, JobStatus.INTERRUPTED, null);
            log.info("Embedding job {} stopped after {} vectors; it resumes next time", jobId, embedded + reused);
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return new Report(jobId, JobStatus.INTERRUPTED, embedded, reused, Duration.ofNanos(System.nanoTime() - t0));
        } catch (RuntimeException e) {
            jobs.finish(jobId, JobStatus.FAILED, e.getMessage());
            throw e;
        }
    }
}
