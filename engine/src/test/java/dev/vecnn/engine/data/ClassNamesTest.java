package dev.vecnn.engine.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ClassNamesTest {
    /** Debian's dataset-fashion-mnist package; the test that needs it is skipped where it is not installed. */
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    void mnistClassesAreDigits() throws IOException {
        Dataset test = DataSource.bundledSample().test();
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), ClassNames.of(test));
    }

    @Test
    void otherSetsAreNamedByClassIndex() {
        Dataset three = new Dataset("three", 1, 1, 1, 3, new byte[] {0, 1, 2}, new byte[] {0, 1, 2});
        assertEquals(List.of("0", "1", "2"), ClassNames.of(three));
    }

    @Test
    void fashionMnistIsRecognisedByItsLabelsAndNamesItsGarments() throws IOException {
        assumeTrue(Files.isDirectory(FASHION), "Fashion-MNIST is not installed in " + FASHION + " (apt-get install dataset-fashion-mnist)");
        DataSource source = DataSource.directory(FASHION);
        assertEquals(ClassNames.FASHION_MNIST, ClassNames.of(source.test()));
        assertEquals(ClassNames.FASHION_MNIST, ClassNames.of(source.train()));
        assertEquals("Ankle boot", ClassNames.of(source.test()).get(9));
        // A subset has other labels, so it is digits by default: the rule is the official files, nothing looser.
        Dataset firstTen = source.test().subset("first ten", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertEquals("9", ClassNames.of(firstTen).get(9));
    }
}
