package dev.vecnn.engine.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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

    /**
     * Why {@code file} could not be opened or read, in words: the JDK's own exceptions often carry
     * nothing but the path.
     */
    public static BadFileException unreadable(Path file, IOException e) {
        if (e instanceof BadFileException bad) return bad;
        String problem = e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "permission denied"
                : Files.isDirectory(file) ? "is a directory, not a file"
                : "cannot be read (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
        return new BadFileException(file.toString(), problem, e);
    }

    /** The file (or resource, or URL) the problem was found in. */
    public String source() { return source; }
}
