package dev.vecnn.engine.data;

import dev.vecnn.engine.io.BadFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DataSourceTest {
    @TempDir
    Path dir;

    private void write(String name, byte[] bytes, boolean gzip) throws IOException {
        Files.write(dir.resolve(gzip ? name + ".gz" : name), gzip ? IdxBytes.gzip(bytes) : bytes);
    }

    /** Writes a train set of 6 and a test set of 4 images of 3x2 pixels, named {prefix}-images{sep}idx3-ubyte. */
    private void writeSet(String prefix, String separator, boolean gzip) throws IOException {
        int count = prefix.equals("train") ? 6 : 4;
        write(prefix + "-images" + separator + "idx3-ubyte", IdxBytes.images(count, 3, 2), gzip);
        write(prefix + "-labels" + separator + "idx1-ubyte",
                IdxBytes.labels(count == 6 ? new int[] {0, 1, 2, 9, 9, 3} : new int[] {5, 6, 7, 8}), gzip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-|raw", "-|gzip", ".|raw", ".|gzip"})
    void readsEveryNamingVariant(String variant) throws IOException {
        String separator = variant.substring(0, 1);
        boolean gzip = variant.endsWith("gzip");
        writeSet("train", separator, gzip);
        writeSet("t10k", separator, gzip);
        DataSource source = DataSource.directory(dir);
        Dataset train = source.train();
        Dataset test = source.test();
        assertEquals(6, train.count());
        assertEquals(4, test.count());
        assertEquals(3, train.height());
        assertEquals(2, train.width());
        assertEquals(10, train.classes());
        assertEquals(9, train.label(3));
        assertEquals(8, test.label(3));
        byte[] file = IdxBytes.images(4, 3, 2);
        assertArrayEquals(Arrays.copyOfRange(file, 16, file.length), test.pixels());
        assertEquals(dir + "/t10k", test.name());
    }

    @Test
    void testFilesAloneAreEnoughForEvaluation() throws IOException {
        writeSet("t10k", "-", true);
        DataSource source = DataSource.directory(dir);
        assertEquals(4, source.test().count());
        BadFileException e = assertThrows(BadFileException.class, source::train);
        assertEquals(dir + ": no training set: looked for train-images-idx3-ubyte[.gz] or train-images.idx3-ubyte[.gz],"
                + " and train-labels-idx1-ubyte[.gz] or train-labels.idx1-ubyte[.gz]", e.getMessage());
    }

    @Test
    void aMissingHalfOfAPairIsNamed() throws IOException {
        write("t10k-images-idx3-ubyte", IdxBytes.images(4, 3, 2), false);
        BadFileException e = assertThrows(BadFileException.class, () -> DataSource.directory(dir).test());
        assertEquals(dir + ": no test labels: looked for t10k-labels-idx1-ubyte[.gz] or t10k-labels.idx1-ubyte[.gz]",
                e.getMessage());
    }

    @Test
    void mismatchedPairsAreRefused() throws IOException {
        write("t10k-images-idx3-ubyte", IdxBytes.images(4, 3, 2), false);
        write("t10k-labels-idx1-ubyte", IdxBytes.labels(1, 2, 3), false);
        BadFileException e = assertThrows(BadFileException.class, () -> DataSource.directory(dir).test());
        assertEquals(dir.resolve("t10k-images-idx3-ubyte") + ": holds 4 images but "
                + dir.resolve("t10k-labels-idx1-ubyte") + " holds 3 labels", e.getMessage());

        write("t10k-labels-idx1-ubyte", IdxBytes.labels(1, 2, 10, 3), false);
        e = assertThrows(BadFileException.class, () -> DataSource.directory(dir).test());
        assertEquals(dir.resolve("t10k-labels-idx1-ubyte") + ": label 10 at index 2 is outside 0..9", e.getMessage());

        write("t10k-labels-idx1-ubyte", IdxBytes.images(4, 1, 1), false);
        e = assertThrows(BadFileException.class, () -> DataSource.directory(dir).test());
        assertTrue(e.getMessage().endsWith("a labels file must have rank 1 (count), this one is 4x1x1"), e.getMessage());

        write("t10k-images-idx3-ubyte", IdxBytes.labels(1, 2, 3, 4), false);
        e = assertThrows(BadFileException.class, () -> DataSource.directory(dir).test());
        assertTrue(e.getMessage().contains("an images file must have rank 3"), e.getMessage());
    }

    @Test
    void aMissingDirectoryOrAFileIsNamed() throws IOException {
        Path missing = dir.resolve("absent");
        assertEquals(missing + ": no such directory",
                assertThrows(BadFileException.class, () -> DataSource.directory(missing)).getMessage());
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertTrue(assertThrows(BadFileException.class, () -> DataSource.directory(file)).getMessage()
                .startsWith(file + ": not a directory"));
    }

    @Test
    void theBundledSampleIsTheRealMnistSample() throws IOException {
        DataSource sample = DataSource.bundledSample();
        Dataset train = sample.train();
        Dataset test = sample.test();
        assertEquals(8000, train.count());
        assertEquals(1000, test.count());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        assertArrayEquals(new int[] {789, 909, 795, 843, 784, 685, 809, 850, 758, 778}, train.classCounts());
        assertArrayEquals(new int[] {93, 113, 93, 104, 103, 93, 100, 111, 97, 93}, test.classCounts());
        assertEquals("mnist-sample/train", train.name());
        // Real digits: dark borders, bright strokes, about a fifth of the pixels inked.
        long inked = 0;
        for (byte p : test.pixels()) if ((p & 0xFF) > 127) inked++;
        double share = (double) inked / test.pixels().length;
        assertTrue(share > 0.08 && share < 0.25, "inked share " + share);
        for (int i = 0; i < test.count(); i++) assertEquals(0, test.pixels()[i * 784]);
    }

    @Test
    void theBundledSampleKeepsItsAttribution() throws IOException {
        try (var in = DataSource.class.getResourceAsStream(DataSource.SAMPLE_RESOURCES + "README.md")) {
            String readme = new String(in.readAllBytes());
            assertTrue(readme.contains("CC BY-SA 3.0"));
            assertTrue(readme.contains("Yann LeCun, Corinna Cortes and Christopher"));
        }
    }

    @Test
    void fashionMnistFromTheDebianPackageLoads() throws IOException {
        Path installed = Path.of("/usr/share/datasets/fashion-mnist");
        assumeTrue(Files.isDirectory(installed), "dataset-fashion-mnist is not installed");
        DataSource source = DataSource.directory(installed);
        Dataset test = source.test();
        assertEquals(10000, test.count());
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, test.classCounts());
        Dataset train = source.train();
        assertEquals(60000, train.count());
        assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000}, train.classCounts());
        assertEquals(ClassNames.FASHION_MNIST, source.classNames(), "Debian's recompressed copy is recognised");
    }
}
