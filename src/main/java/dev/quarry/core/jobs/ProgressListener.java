package dev.quarry.core.jobs;

/** Receives progress from a job's worker thread; implementations hop to their own thread if they need to. */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(JobProgress progress);

    ProgressListener NONE = p -> {};
}
