package dev.vecnn.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileTest {
    @TempDir
    Path dir;

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        return v;
    }

    private static ModelFile.Contents sample(int size) {
        float[] special = {0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY,
                Float.intBitsToFloat(0x7fc00001)};
        return new ModelFile.Contents("conv(4,3) relu maxpool(2) flatten dense(10) # ünïcode",
                new int[] {1, 28, 28}, 10,
                List.of(random(size, 1), random(4, 2), special, new float[0]),
                List.of(random(size, 3), random(size, 4)),
                3, 1234567890123L, new long[] {0x9E3779B97F4A7C15L, -1L},
                Map.of("optimizer", "adam", "lr", "0.001", "batch-size", "64"));
    }

    private static void assertSameContents(ModelFile.Contents expected, ModelFile.Contents actual) {
        assertEquals(expected.spec(), actual.spec());
        assertArrayEquals(expected.inputShape(), actual.inputShape());
        assertEquals(expected.classes(), actual.classes());
        assertTensorsEqual(expected.parameters(), actual.parameters());
        assertTensorsEqual(expected.optimizerState(), actual.optimizerState());
        assertEquals(expected.epoch(), actual.epoch());
        assertEquals(expected.step(), actual.step());
        assertArrayEquals(expected.rngState(), actual.rngState());
        assertEquals(expected.options(), actual.options());
    }

    private static void assertTensorsEqual(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int t = 0; t < expected.size(); t++) {
            assertEquals(expected.get(t).length, actual.get(t).length);
            for (int i = 0; i < expected.get(t).length; i++)
                assertEquals(Float.floatToRawIntBits(expected.get(t)[i]), Float.floatToRawIntBits(actual.get(t)[i]),
                        "tensor " + t + " element " + i);
        }
    }

    @Test
    void roundTripsEveryField() throws IOException {
        ModelFile.Contents contents = sample(1000);
        Path file = dir.resolve("model.vecnn");
        ModelFile.write(file, contents);
        assertSameContents(contents, ModelFile.read(file));
        assertEquals(List.of("batch-size", "lr", "optimizer"), List.copyOf(ModelFile.read(file).options().keySet()));
    }

    @Test
    void sameContentsGiveTheSameBytes() throws IOException {
        ModelFile.write(dir.resolve("a.vecnn"), sample(300));
        ModelFile.write(dir.resolve("b.vecnn"), sample(300));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.vecnn")), Files.readAllBytes(dir.resolve("b.vecnn")));
    }

    @Test
    void theLayoutIsTheDocumentedOne() {
        byte[] bytes = ModelFile.toBytes(sample(10));
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[8];
        b.get(magic);
        assertArrayEquals(new byte[] {(byte) 0x89, 'V', 'E', 'C', 'N', 'N', '\r', '\n'}, magic);
        assertEquals(1, b.getInt());
        assertEquals(bytes.length, b.getLong());
        assertArrayEquals(sha256(Arrays.copyOf(bytes, bytes.length - 32)), Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length));
    }

    @Test
    void everyFlippedByteIsDetected() {
        byte[] good = ModelFile.toBytes(sample(8));
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            int at = i;
            BadFileException e = assertThrows(BadFileException.class, () -> ModelFile.fromBytes("m.vecnn", bad),
                    "flip at byte " + i);
            String expected = at < 8 ? "m.vecnn: not a vecnn model file"
                    : "m.vecnn: corrupt: checksum mismatch (the file was damaged after it was written)";
            if (at >= 12 && at < 20 && e.getMessage().contains("truncated")) continue; // a length field grown by the flip
            assertEquals(expected, e.getMessage(), "flip at byte " + i);
        }
    }

    @Test
    void everyTruncationIsDetected() {
        byte[] good = ModelFile.toBytes(sample(8));
        for (int length = 1; length < good.length; length++) {
            byte[] cut = Arrays.copyOf(good, length);
            BadFileException e = assertThrows(BadFileException.class, () -> ModelFile.fromBytes("m.vecnn", cut));
            assertTrue(e.getMessage().startsWith("m.vecnn: truncated: "), e.getMessage());
        }
        assertEquals("m.vecnn: truncated: 100 of " + good.length + " bytes",
                assertThrows(BadFileException.class, () -> ModelFile.fromBytes("m.vecnn", Arrays.copyOf(good, 100)))
                        .getMessage());
    }

    @Test
    void otherFilesAreNotModels() throws IOException {
        for (byte[] other : new byte[][] {new byte[0], "conv(3,3) relu\n".getBytes(), {0, 0, 8, 3, 0, 0, 0, 1}}) {
            assertEquals("x: not a vecnn model file",
                    assertThrows(BadFileException.class, () -> ModelFile.fromBytes("x", other)).getMessage());
        }
        Path missing = dir.resolve("none.vecnn");
        assertEquals(missing + ": no such file", assertThrows(BadFileException.class, () -> ModelFile.read(missing)).getMessage());
        assertEquals(dir + ": is a directory, not a file",
                assertThrows(BadFileException.class, () -> ModelFile.read(dir)).getMessage());
    }

    @Test
    void aNewerFormatIsNamedAsSuch() {
        byte[] bytes = ModelFile.toBytes(sample(8));
        ByteBuffer.wrap(bytes).putInt(8, 2);
        byte[] sum = sha256(Arrays.copyOf(bytes, bytes.length - 32));
        System.arraycopy(sum, 0, bytes, bytes.length - 32, 32);
        assertEquals("m: written by a newer vecnn (model format version 2; this vecnn reads up to version 1)",
                assertThrows(BadFileException.class, () -> ModelFile.fromBytes("m", bytes)).getMessage());
    }

    @Test
    void writingReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("last.vecnn");
        ModelFile.write(file, sample(50));
        ModelFile.Contents second = sample(70);
        ModelFile.write(file, second);
        assertSameContents(second, ModelFile.read(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aWrittenFileGetsTheUsualPermissionsNotThoseOfATemporaryFile() throws IOException {
        Path file = dir.resolve("shared.vecnn");
        ModelFile.write(file, sample(5));
        Path plain = Files.write(dir.resolve("plain"), new byte[1]);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
    }

    @Test
    void aWriteThatFailsPartWayLeavesTheOldFile() throws IOException {
        Path file = dir.resolve("best.vecnn");
        ModelFile.write(file, sample(50));
        byte[] before = Files.readAllBytes(file);
        IOException failure = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
