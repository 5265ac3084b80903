package dev.vecnn.engine.train;

import dev.vecnn.engine.io.BadFileException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps two training runs out of one directory: an operating-system lock on its {@value #FILE}
 * file, held while a run trains. The system drops the lock when the process ends, however it ends,
 * so a killed run never blocks the next one. The file names the process that holds it, so a run
 * that is refused can say which one. The file stays when the lock is released: deleting it would
 * let a run that had opened it a moment before lock a file the next run never sees.
 */
final class RunLock implements AutoCloseable {
    static final String FILE = ".lock";
    /** Longest holder description read back from a lock file. */
    private static final int MAX_HOLDER = 200;
    /**
     * Directories this process holds. A second lock from the same process is refused here, before
     * its file is opened: closing any channel of a locked file may release the process's lock.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code directory}, which must exist; refuses one that another run holds, naming it. */
    static RunLock acquire(Path directory) throws BadFileException {
        Path key = directory.toAbsolutePath().normalize();
        if (!HELD.add(key)) throw inUse(directory, "this process");
        try {
            FileChannel channel = FileChannel.open(directory.resolve(FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) throw inUse(directory, holder(channel));
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(describeThisProcess().getBytes(StandardCharsets.UTF_8)), 0);
                return new RunLock(key, channel, lock);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            if (e instanceof IOException io) throw BadFileException.unwritable(directory, io);
            throw (RuntimeException) e;
        }
    }

    private static BadFileException inUse(Path directory, String holder) {
        return new BadFileException(directory.toString(), "in use by another training run (" + holder
                + "): wait for it to end, or choose another output directory");
    }

    /** What the holder wrote into the lock file, or a plain phrase if it has not written yet. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_HOLDER);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "another process" : text;
    }

    private static String describeThisProcess() {
        ProcessHandle self = ProcessHandle.current();
        return "process " + self.pid() + self.info().startInstant().map(t -> ", started " + t).orElse("") + "\n";
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            HELD.remove(directory);
        }
    }
}
