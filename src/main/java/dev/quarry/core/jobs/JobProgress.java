package dev.quarry.core.jobs;

import java.time.Duration;

/**
 * A snapshot of a job's progress, cheap to make and safe to hand to another thread.
 * Rates are per second since the job (or its resumption) started.
 */
public record JobProgress(long jobId, String kind, JobStatus status, String phase,
                          long itemsTotal, long itemsDone, long itemsFailed,
                          long bytesTotal, long bytesDone, long pagesDone,
                          double itemsPerSecond, double pagesPerSecond, double bytesPerSecond,
                          Duration eta, String current) {

    public double fraction() {
        if (bytesTotal > 0) return Math.min(1.0, (double) bytesDone / bytesTotal);
        return itemsTotal == 0 ? 0 : Math.min(1.0, (double) (itemsDone + itemsFailed) / itemsTotal);
    }
}
