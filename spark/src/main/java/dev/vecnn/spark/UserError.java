package dev.vecnn.spark;

/** A mistake of the user's (a bad option, grid or path): reported as one line, exit code 2, no stack trace. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
