package dev.vecnn.engine.data;

import dev.vecnn.engine.io.BadFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxFileTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static final byte[] DATA = {1, 2, 3, 4, 5, 6, (byte) 200, (byte) 255, 0, 9, 10, 11};

    @Test
    void readsRawAndGzipAlike() throws IOException {
        byte[] raw = IdxBytes.ubyte(new int[] {3, 2, 2}, DATA);
        IdxFile plain = IdxFile.read(write("a-idx3-ubyte", raw));
        IdxFile zipped = IdxFile.read(write("b-idx3-ubyte.gz", IdxBytes.gzip(raw)));
        for (IdxFile f : new IdxFile[] {plain, zipped}) {
            assertArrayEquals(new int[] {3, 2, 2}, f.dimensions());
            assertArrayEquals(DATA, f.data());
            assertEquals("3x2x2", f.shape());
        }
    }

    @Test
    void gzipIsRecognisedByItsBytesNotItsName() throws IOException {
        byte[] raw = IdxBytes.ubyte(new int[] {12}, DATA);
        assertArrayEquals(DATA, IdxFile.read(write("labels-without-suffix", IdxBytes.gzip(raw))).data());
        assertArrayEquals(DATA, IdxFile.read(write("raw-but-named.gz", raw)).data());
    }

    private String problem(String name, byte[] bytes) throws IOException {
        Path file = write(name, bytes);
        BadFileException e = assertThrows(BadFileException.class, () -> IdxFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertEquals(file.toString(), e.source());
        assertEquals(1, e.getMessage().lines().count());
        return e.getMessage().substring(file.toString().length() + 2);
    }

    private static void assertMentions(String message, String... words) {
        for (String w : words) assertTrue(message.contains(w), "'" + message + "' should mention '" + w + "'");
    }

    @Test
    void everyDefectIsNamed() throws IOException {
        byte[] good = IdxBytes.ubyte(new int[] {3, 2, 2}, DATA);
        assertMentions(problem("empty", new byte[0]), "empty file");
        assertMentions(problem("text", "hello world".getBytes()), "not an IDX file", "68 65");
        assertMentions(problem("float", IdxBytes.idx(0x0D, new int[] {3}, new byte[12])), "data type 0x0d", "unsigned bytes");
        assertMentions(problem("rank0", IdxBytes.ubyte(new int[0], new byte[0])), "rank 0");
        assertMentions(problem("rank5", IdxBytes.ubyte(new int[] {1, 1, 1, 1, 1}, new byte[1])), "rank 5");
        assertMentions(problem("short-magic", new byte[] {0, 0, 8}), "truncated in the IDX header");
        assertMentions(problem("short-dims", Arrays.copyOf(good, 10)), "truncated in the IDX header");
        assertMentions(problem("short-data", Arrays.copyOf(good, good.length - 1)),
                "truncated", "3x2x2 = 12 data bytes", "only 11");
        assertMentions(problem("short-data.gz", IdxBytes.gzip(Arrays.copyOf(good, good.length - 5))), "truncated", "only 7");
        assertMentions(problem("long", Arrays.copyOf(good, good.length + 1)), "trailing bytes", "3x2x2");
        assertMentions(problem("zero-dim", IdxBytes.ubyte(new int[] {3, 0, 2}, new byte[0])), "dimension 1 is 0");
        assertMentions(problem("negative-dim", IdxBytes.ubyte(new int[] {-1}, new byte[0])), "dimension 0 is 4294967295");
        assertMentions(problem("huge", IdxBytes.ubyte(new int[] {60000, 60000, 28}, new byte[0])), "too large");
    }

    @Test
    void damagedGzipIsNamed() throws IOException {
        byte[] zipped = IdxBytes.gzip(IdxBytes.ubyte(new int[] {3, 2, 2}, DATA));
        byte[] badCrc = zipped.clone();
        badCrc[badCrc.length - 6] ^= 0x55; // inside the CRC32 of the trailer
        assertMentions(problem("crc.gz", badCrc), "corrupt gzip data");
        assertMentions(problem("cut.gz", Arrays.copyOf(zipped, zipped.length - 10)), "truncated gzip data");
    }

    /** Growing buffers would take the data's size twice over: once in pieces, once in the final array. */
    @Test
    void aFileIsReadIntoItsFinalArrayWithoutGrowingCopies() throws IOException {
        byte[] pixels = new byte[1 << 22];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) (i * 31 / 7);
        byte[] raw = IdxBytes.ubyte(new int[] {pixels.length / 64, 8, 8}, pixels);
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (Path file : List.of(write("big-idx3-ubyte", raw), write("big-idx3-ubyte.gz", IdxBytes.gzip(raw)))) {
            long before = bean.getCurrentThreadAllocatedBytes();
            IdxFile idx = IdxFile.read(file);
            long allocated = bean.getCurrentThreadAllocatedBytes() - before;
            assertArrayEquals(pixels, idx.data(), file.toString());
            assertTrue(allocated < pixels.length * 5L / 4, allocated + " bytes allocated to read " + file);
        }
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nothing-here");
        BadFileException e = assertThrows(BadFileException.class, () -> IdxFile.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        assertEquals(dir + ": is a directory, not a file",
                assertThrows(BadFileException.class, () -> IdxFile.read(dir)).getMessage());
    }
}
