package dev.quarry.core;

/** Thrown when an encrypted matter is opened with a password that is not its own; nothing was opened or written. */
public final class WrongPasswordException extends QuarryException {
    public WrongPasswordException(Throwable cause) {
        super("The password is not right for this matter.", cause);
    }
}
