package dev.vecnn.cli;

/**
 * A mistake the user can fix (a bad path, a corrupt file, an impossible option): reported as one
 * line and exit code 1, never as a stack trace.
 */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
