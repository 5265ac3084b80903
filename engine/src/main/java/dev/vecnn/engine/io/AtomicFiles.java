package dev.vecnn.engine.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a file so that readers see either the old contents or the complete new ones: the bytes go
 * to a temporary file in the same directory, are forced to the disk, and the temporary file is then
 * renamed over the target in one atomic step. A crash or an exception part-way leaves the target
 * as it was (and at worst a stray {@code .tmp} file, removed on the exception path).
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Temporary files are named {@code .<target name>.<random hex>.tmp}, beside the target. */
    private static final String SUFFIX = ".tmp";

    private AtomicFiles() {}

    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    public static void write(Path target, Writer writer) throws IOException {
        write(target, writer, true);
    }

    /**
     * Replaces {@code target} atomically like {@link #write}, but without forcing the bytes to the
     * disk first: for files that are redrawn often and can be made again (a training run's figures,
     * rewritten after every epoch), where a force would cost more than the writing (10-20 ms each on
     * the session machine). Readers still never see a partial file; a crash may lose the latest one.
     */
    public static void replace(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes), false);
    }

    private static void write(Path target, Writer writer, boolean force) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temporary = createTemporary(directory, absolute.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                writer.writeTo(out);
                out.flush();
                if (force) channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /**
     * Deletes the temporary files of {@code target} that a process killed while writing it left
     * behind. Only safe while no other process writes {@code target}, e.g. under a lock.
     */
    public static void removeLeftovers(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        if (!Files.isDirectory(directory)) return;
        String prefix = "." + absolute.getFileName() + ".";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory,
                f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(SUFFIX))) {
            for (Path file : files) Files.deleteIfExists(file);
        }
    }

    /*
     * Not Files.createTempFile: that makes the file readable by its owner only, and the rename would
     * hand those permissions to the model or data file. Files.createFile applies the usual umask.
     */
    private static Path createTemporary(Path directory, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = directory.resolve("." + name + "." + Long.toHexString(RANDOM.nextLong()) + SUFFIX);
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) throw e;
            }
        }
    }
}
