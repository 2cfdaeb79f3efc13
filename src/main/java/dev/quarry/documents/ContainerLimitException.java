package dev.quarry.documents;

import dev.quarry.core.QuarryException;

/** A container went over a safety limit (size, nesting, entry count): the container fails, the import goes on. */
public final class ContainerLimitException extends QuarryException {
    public ContainerLimitException(String message) {
        super(message);
    }
}
