package dev.quarry.app;

import dev.quarry.core.QuarryException;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A failure as a person sees it: one sentence to read, and detail to copy for whoever helps them.
 * {@code expected} is true for {@link QuarryException}s (bad input, wrong password), false for bugs.
 */
public record UserError(String message, String detail, boolean expected) {

    public static UserError of(Throwable t) {
        if (t instanceof QuarryException q) {
            String detail = q.detail();
            return new UserError(q.getMessage(), detail == null ? q.getMessage() : detail, true);
        }
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        return new UserError("Quarry could not finish this task because of an internal error.", trace.toString(), false);
    }

    public static UserError of(String message) {
        return new UserError(message, message, true);
    }
}
