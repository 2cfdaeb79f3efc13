package dev.quarry.llm;

import dev.quarry.core.QuarryException;

/** A classified failure of a language model call. The message is one sentence for the user; never holds a key. */
public final class LlmException extends QuarryException {
    private final LlmFailure failure;
    private final int retries;

    public LlmException(LlmFailure failure, String userMessage, String detail, Throwable cause, int retries) {
        super(userMessage == null ? failure.userMessage() : userMessage, detail, cause);
        this.failure = failure;
        this.retries = retries;
    }

    public LlmException(LlmFailure failure, String detail) {
        this(failure, null, detail, null, 0);
    }

    public LlmFailure failure() { return failure; }

    /** How many retries were made before giving up (0 or 1). */
    public int retries() { return retries; }

    LlmException withRetries(int n) {
        return new LlmException(failure, getMessage(), detail(), getCause(), n);
    }
}
