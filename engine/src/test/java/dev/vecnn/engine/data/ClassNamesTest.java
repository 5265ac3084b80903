package dev.vecnn.engine.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ClassNamesTest {
    @TempDir
    Path dir;

    /** A labels file with {@code counts[c]} labels of class c, the classes interleaved. */
    private static byte[] labelsWithCounts(int... counts) {
        int total = 0;
        for (int c : counts) total += c;
        int[] labels = new int[total];
        int[] left = counts.clone();
        for (int i = 0; i < total; ) for (int c = 0; c < counts.length; c++) if (left[c] > 0) { labels[i++] = c; left[c]--; }
        return IdxBytes.labels(labels);
    }

    private static IdxFile read(byte[] file) throws IOException {
        return IdxFile.read("labels", new ByteArrayInputStream(file));
    }

    @Test
    void theSumIsTheUncompressedFilesWhateverItCameIn() throws IOException, NoSuchAlgorithmException {
        byte[] raw = IdxBytes.labels(3, 1, 4, 1, 5, 9, 2, 6);
        String sha256sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        assertEquals(sha256sum, ClassNames.labelsFileSha256(read(raw).data()));
        assertEquals(sha256sum, ClassNames.labelsFileSha256(read(IdxBytes.gzip(raw)).data()));
    }

    @Test
    void mnistIsRecognisedByItsLabelCountsAndABalancedSetIsNot() throws IOException {
        byte[] train = labelsWithCounts(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
        byte[] test = labelsWithCounts(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
        assertEquals(Optional.of(ClassNames.MNIST), ClassNames.recognise(read(train)));
        assertEquals(Optional.of(ClassNames.MNIST), ClassNames.recognise(read(IdxBytes.gzip(test))));
        assertEquals(Optional.empty(), ClassNames.recognise(read(labelsWithCounts(1000, 1000, 1000, 1000, 1000,
                1000, 1000, 1000, 1000, 1000))), "KMNIST's test labels have Fashion-MNIST's counts, not its sum");
        assertEquals(Optional.empty(), ClassNames.recognise(read(labelsWithCounts(980, 1135, 1032, 1010, 982, 892,
                958, 1028, 974, 1008))), "one digit short");
    }

    @Test
    void aDirectoryIsRecognisedFromItsTestLabelsElseItsTrainingLabels() throws IOException {
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"),
                IdxBytes.gzip(labelsWithCounts(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949)));
        assertEquals(ClassNames.MNIST, DataSource.directory(dir).classNames());
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxBytes.labels(0, 1, 2, 3));
        assertEquals(ClassNames.MNIST, DataSource.directory(dir).classNames(), "unknown test labels: the training ones decide");
        Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
        ClassNames unknown = DataSource.directory(dir).classNames();
        assertEquals(ClassNames.numbered(10), unknown);
        assertTrue(unknown.justNumbers());
        assertEquals(ClassNames.MNIST, DataSource.bundledSample().classNames());
    }

    @Test
    void namesGoIntoAModelFilesOptionsAndComeBack() {
        Map<String, String> options = new HashMap<>();
        ClassNames.FASHION_MNIST.store(options);
        assertEquals("T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot",
                options.get(ClassNames.NAMES_OPTION));
        assertEquals(ClassNames.FASHION_MNIST, ClassNames.stored(options, 10));
        assertEquals("Ankle boot", ClassNames.stored(options, 10).name(9));
        assertFalse(ClassNames.FASHION_MNIST.justNumbers());
        assertEquals(ClassNames.numbered(3), ClassNames.stored(options, 3), "names that do not fit the network");
        assertEquals(ClassNames.numbered(10), ClassNames.stored(Map.of(), 10), "a file without names");
        assertEquals(List.of("0", "1", "2"), ClassNames.numbered(3).names());
    }

    @Test
    void aDatasetsNamesComeFromItsLabels() throws IOException {
        assertEquals(ClassNames.MNIST.names(), ClassNames.of(DataSource.bundledSample().test()), "not recognised: numbers");
        Dataset three = new Dataset("three", 1, 1, 1, 3, new byte[] {0, 1, 2}, new byte[] {0, 1, 2});
        assertEquals(List.of("0", "1", "2"), ClassNames.of(three));
    }

    @Test
    void fashionMnistIsRecognisedWholeButNotASubset() throws IOException {
        Path installed = Path.of("/usr/share/datasets/fashion-mnist");
        assumeTrue(Files.isDirectory(installed), "dataset-fashion-mnist is not installed");
        DataSource source = DataSource.directory(installed);
        assertEquals(ClassNames.FASHION_MNIST.names(), ClassNames.of(source.test()));
        assertEquals(ClassNames.FASHION_MNIST.names(), ClassNames.of(source.train()));
        Dataset firstTen = source.test().subset("first ten", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertEquals("9", ClassNames.of(firstTen).get(9));
    }

    @Test
    void aNameMayNotHoldTheSeparator() {
        assertThrows(IllegalArgumentException.class, () -> new ClassNames(null, List.of("a,b", "c")));
        assertThrows(IllegalArgumentException.class, () -> new ClassNames(null, List.of(" a", "c")));
        assertThrows(IllegalArgumentException.class, () -> new ClassNames(null, List.of("a")));
    }
}
