package dev.vecnn.engine.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file that vecnn cannot use: missing, truncated, of another format, inconsistent or corrupt.
 * The message names the file and the problem in one line, so the CLI can print it as it is.
 */
public final class BadFileException extends IOException {
    private final String source;
    private final String problem;

    public BadFileException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
        this.problem = problem;
    }

    public BadFileException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
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

    /**
     * Why {@code target} (a file, or a directory to write in) could not be written, in words: the
     * operating system's reason (no space left on device, read-only file system, ...) where the
     * JDK gives one.
     */
    public static BadFileException unwritable(Path target, IOException e) {
        if (e instanceof BadFileException bad) return bad;
        return new BadFileException(target.toString(), "cannot be written (" + reason(e) + ")", e);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof FileSystemException fs && fs.getReason() != null) return fs.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The file (or resource, or URL) the problem was found in. */
    public String source() { return source; }

    /** What is wrong with it, without its name. */
    public String problem() { return problem; }
}
