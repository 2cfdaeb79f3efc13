package dev.quarry.documents;

import dev.quarry.core.QuarryException;
import java.io.IOException;

/** The disk filled up during an import: the job stops as interrupted and resumes later. */
public final class DiskFullException extends QuarryException {
    public DiskFullException(Throwable cause) {
        super("The disk is full; free some space and run the import again: it will resume where it stopped.", cause);
    }

    static boolean isDiskFull(Throwable t) {
        for (; t != null; t = t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null
                    && (t.getMessage().contains("No space left on device") || t.getMessage().contains("There is not enough space"))) {
                return true;
            }
        }
        return false;
    }
}
