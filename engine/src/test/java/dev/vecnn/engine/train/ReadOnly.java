package dev.vecnn.engine.train;

import dev.vecnn.engine.io.BadFileException;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A directory in which this process cannot create files until closed: read-only permissions, or,
 * for root, whom permissions do not stop, the immutable attribute (chattr +i). Where neither works
 * the test is skipped, saying why.
 */
final class ReadOnly implements AutoCloseable {
    private final Path directory;
    private final Set<PosixFilePermission> permissions;
    private final boolean immutable;
    private final String problem;

    private ReadOnly(Path directory, Set<PosixFilePermission> permissions, boolean immutable, String problem) {
        this.directory = directory;
        this.permissions = permissions;
        this.immutable = immutable;
        this.problem = problem;
    }

    static ReadOnly make(Path directory) throws IOException, InterruptedException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-xr-xr-x"));
        String problem = probe(directory);
        boolean immutable = false;
        if (problem == null) {
            immutable = chattr("+i", directory);
            problem = immutable ? probe(directory) : null;
        }
        ReadOnly readOnly = new ReadOnly(directory, permissions, immutable, problem);
        if (problem == null) {
            readOnly.close();
            Assumptions.abort("cannot make a directory read-only for this process (root, and chattr +i failed)");
        }
        return readOnly;
    }

    /** What vecnn says about a file it cannot write there, e.g. "cannot be written (permission denied)". */
    String problem() { return problem; }

    /** Null if a file can be created in {@code directory}, else the problem it gives. */
    private static String probe(Path directory) throws IOException {
        Path probe = directory.resolve(".probe");
        try {
            Files.createFile(probe);
        } catch (IOException e) {
            return BadFileException.unwritable(probe, e).problem();
        }
        Files.delete(probe);
        return null;
    }

    private static boolean chattr(String flag, Path directory) throws InterruptedException {
        try {
            return new ProcessBuilder("chattr", flag, directory.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (immutable && !chattr("-i", directory)) throw new IOException("chattr -i " + directory + " failed");
        Files.setPosixFilePermissions(directory, permissions);
    }
}
