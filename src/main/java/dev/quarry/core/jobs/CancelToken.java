package dev.quarry.core.jobs;

/** Cooperative cancellation: long work checks it between units and stops cleanly. */
public final class CancelToken {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled || Thread.currentThread().isInterrupted();
    }

    public void throwIfCancelled() {
        if (isCancelled()) throw new JobCancelledException();
    }

    public static CancelToken none() {
        return new CancelToken();
    }
}
