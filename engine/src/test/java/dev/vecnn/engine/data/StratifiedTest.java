package dev.vecnn.engine.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StratifiedTest {
    /** 100 one-pixel images; pixel = index, so every image can be traced; classes of sizes 50, 30, 15, 5. */
    private static Dataset skewed() {
        byte[] pixels = new byte[100];
        byte[] labels = new byte[100];
        for (int i = 0; i < 100; i++) {
            pixels[i] = (byte) i;
            labels[i] = (byte) (i % 20 < 10 ? 0 : i % 20 < 16 ? 1 : i % 20 < 19 ? 2 : 3);
        }
        return new Dataset("skewed", 1, 1, 1, 4, pixels, labels);
    }

    private static int[] indices(Dataset d) {
        int[] idx = new int[d.count()];
        for (int i = 0; i < idx.length; i++) idx[i] = d.pixels()[i] & 0xFF;
        return idx;
    }

    @Test
    void quotasFollowTheLargestRemainders() {
        assertArrayEquals(new int[] {10, 6, 3, 1}, Stratified.quotas(new int[] {50, 30, 15, 5}, 20));
        // exact shares 3.5, 2.1, 1.05, 0.35: floors 3 2 1 0, the last unit to the largest remainder (class 0)
        assertArrayEquals(new int[] {4, 2, 1, 0}, Stratified.quotas(new int[] {50, 30, 15, 5}, 7));
        // equal remainders: the lower class first
        assertArrayEquals(new int[] {1, 1, 0}, Stratified.quotas(new int[] {1, 1, 1}, 2));
        assertEquals(9, Arrays.stream(Stratified.quotas(new int[] {789, 909, 795, 843, 784, 685, 809, 850, 758, 778}, 9))
                .sum());
    }

    @Test
    void splitKeepsClassProportionsAndLosesNothing() {
        Dataset data = skewed();
        Stratified.Split split = Stratified.split(data, 0.2, 42);
        assertArrayEquals(new int[] {10, 6, 3, 1}, split.validation().classCounts());
        assertArrayEquals(new int[] {40, 24, 12, 4}, split.train().classCounts());
        int[] all = new int[100];
        for (int i : indices(split.train())) all[i]++;
        for (int i : indices(split.validation())) all[i]++;
        for (int i = 0; i < 100; i++) assertEquals(1, all[i], "image " + i);
        for (Dataset part : new Dataset[] {split.train(), split.validation()}) {
            int[] idx = indices(part);
            for (int i = 0; i < idx.length; i++) assertEquals(data.label(idx[i]), part.label(i));
            assertTrue(isAscending(idx), "original order kept");
        }
    }

    @Test
    void splitIsSeededAndDeterministic() {
        Dataset data = skewed();
        assertArrayEquals(indices(Stratified.split(data, 0.3, 7).validation()),
                indices(Stratified.split(data, 0.3, 7).validation()));
        assertFalse(Arrays.equals(indices(Stratified.split(data, 0.3, 7).validation()),
                indices(Stratified.split(data, 0.3, 8).validation())));
    }

    @Test
    void limitKeepsClassProportions() throws IOException {
        Dataset sample = DataSource.bundledSample().train();
        Dataset small = Stratified.limit(sample, 1000, 1);
        assertEquals(1000, small.count());
        int[] expected = Stratified.quotas(sample.classCounts(), 1000);
        assertArrayEquals(expected, small.classCounts());
        for (int k = 0; k < 10; k++)
            assertEquals(sample.classCounts()[k] / 8.0, small.classCounts()[k], 1.0, "class " + k);
        Dataset again = Stratified.limit(sample, 1000, 1);
        assertArrayEquals(small.pixels(), again.pixels());
        assertArrayEquals(small.labels(), again.labels());
        assertFalse(Arrays.equals(small.pixels(), Stratified.limit(sample, 1000, 2).pixels()));
    }

    @Test
    void limitAtOrAboveTheSizeIsTheDataItself() {
        Dataset data = skewed();
        assertSame(data, Stratified.limit(data, 100, 3));
        assertSame(data, Stratified.limit(data, 5000, 3));
        assertEquals(1, Stratified.limit(data, 1, 3).count());
    }

    @Test
    void impossibleRequestsAreRefused() {
        Dataset data = skewed();
        assertThrows(IllegalArgumentException.class, () -> Stratified.split(data, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Stratified.split(data, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Stratified.split(data, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> Stratified.split(data, 0.001, 1));
        assertThrows(IllegalArgumentException.class, () -> Stratified.limit(data, 0, 1));
    }

    private static boolean isAscending(int[] values) {
        for (int i = 1; i < values.length; i++) if (values[i] <= values[i - 1]) return false;
        return true;
    }
}
