package dev.vecnn.engine.io;

import java.io.IOException;

/**
 * A file that vecnn cannot use: missing, truncated, of another format, inconsistent or corrupt.
 * The message names the file and the problem in one line, so the CLI can print it as it is.
 */
public final class BadFileException extends IOException {
    private final String source;

    public BadFileException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public BadFileException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file (or resource, or URL) the problem was found in. */
    public String source() { return source; }
}
