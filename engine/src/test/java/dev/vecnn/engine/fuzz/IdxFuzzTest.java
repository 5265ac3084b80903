package dev.vecnn.engine.fuzz;

import dev.vecnn.engine.data.IdxFile;
import dev.vecnn.engine.io.BadFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IDX reader against damaged files, raw and gzipped (the raw bytes damaged and then packed, so
 * the IDX parser sees them, or the packed bytes damaged): it reads them or refuses them with a
 * BadFileException, and allocates no more than the file's length justifies: its own bytes for a raw
 * file, deflate's largest expansion (1032x) for a gzip one, plus the readers' buffers.
 */
class IdxFuzzTest {
    private static final int CASES = 1500;
    private static final long BUFFERS = 512 << 10;

    @TempDir
    Path dir;

    private static byte[] idx(int[] dims, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + dataBytes);
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        for (int i = 0; i < dataBytes; i++) b.put((byte) (i * 37));
        return b.array();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    /** Offsets of the dimension fields of an IDX file of rank {@code rank}. */
    private static int[] dimensionFields(int rank) {
        int[] offsets = new int[rank];
        for (int i = 0; i < rank; i++) offsets[i] = 4 + 4 * i;
        return offsets;
    }

    private void fuzz(long seed, boolean gzipped) throws IOException {
        Mutator mutator = new Mutator(seed);
        byte[][] valid = {idx(new int[] {3, 5, 4}, 60), idx(new int[] {7}, 7), idx(new int[] {2, 1, 3, 3}, 18)};
        Path file = dir.resolve("case");
        int accepted = 0;
        for (int c = 0; c < CASES; c++) {
            byte[] base = valid[c % valid.length];
            int rank = base[3];
            byte[] bytes;
            if (!gzipped) bytes = mutator.mutate(base, dimensionFields(rank));
            else if (c % 2 == 0) bytes = gzip(mutator.mutate(base, dimensionFields(rank)));
            else bytes = mutator.mutate(gzip(base), new int[0]);
            Files.write(file, bytes);
            long justified = (gzipped ? 1100L : 2L) * bytes.length + BUFFERS;
            String what = (gzipped ? "gzip" : "raw") + " case " + c + " (" + bytes.length + " bytes)";
            boolean ok = c % 3 == 0
                    ? Fuzz.check(what + " from a stream", BadFileException.class, justified,
                            () -> IdxFile.read("case", new ByteArrayInputStream(bytes)))
                    : Fuzz.check(what, BadFileException.class, justified, () -> IdxFile.read(file));
            if (ok) accepted++;
        }
        // The mutations must leave some files readable (a flipped data bit) and refuse most.
        assertTrue(accepted > 0 && accepted < CASES / 2, accepted + " of " + CASES + " damaged files accepted");
    }

    @Test
    void damagedRawFilesAreReadOrRefusedWithinTheirSize() throws IOException {
        fuzz(11, false);
    }

    @Test
    void damagedGzipFilesAreReadOrRefusedWithinTheirSize() throws IOException {
        fuzz(12, true);
    }
}
