package dev.quarry.core;

/**
 * The one exception family that reaches users. {@link #getMessage()} is a single sentence a person can
 * act on; {@link #detail()} carries what a developer needs (shown as copyable detail, never as the message).
 */
public class QuarryException extends RuntimeException {
    private final String detail;

    public QuarryException(String userMessage) {
        this(userMessage, null, null);
    }

    public QuarryException(String userMessage, Throwable cause) {
        this(userMessage, null, cause);
    }

    public QuarryException(String userMessage, String detail, Throwable cause) {
        super(userMessage, cause);
        this.detail = detail;
    }

    /** Technical detail for a "copy details" button or a log; may be null. */
    public String detail() {
        if (detail != null) return detail;
        return getCause() == null ? null : getCause().toString();
    }
}
