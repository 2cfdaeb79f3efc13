package dev.quarry.core;

/** Thrown when an encrypted matter is opened without a password, so callers can ask for one. */
public final class PasswordRequiredException extends QuarryException {
    public PasswordRequiredException() {
        super("This matter is encrypted; give its password.");
    }
}
