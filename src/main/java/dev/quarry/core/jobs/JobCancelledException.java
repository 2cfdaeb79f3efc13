package dev.quarry.core.jobs;

import dev.quarry.core.QuarryException;

public final class JobCancelledException extends QuarryException {
    public JobCancelledException() {
        super("The job was cancelled.");
    }
}
