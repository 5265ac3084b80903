package dev.vecnn.engine.augment;

import dev.vecnn.engine.CounterRandom;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.StridedTaps;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElasticFieldTest {
    @Test
    void onePixelsFieldIsAlphaTimesItsDraw() {
        // Every tap of the clamped, normalised kernel reads the one draw: both passes return it unchanged.
        ElasticField field = new ElasticField(new Transform.Elastic(3, 2), 1, 1, Registry.TAPS.simd());
        float[] out = new float[1];
        field.fill(42, 7, out, field.workspace());
        assertEquals(3 * (2 * CounterRandom.uniform(42, 7) - 1), out[0], 1e-6f);
    }

    @Test
    void aRowIsTheGaussianWeightedMeanOfItsClampedDraws() {
        // sigma 0.5: radius 2, weights exp(-2 k^2) normalised; a 1 x 3 field, borders clamped.
        ElasticField field = new ElasticField(new Transform.Elastic(1, 0.5), 1, 3, Registry.TAPS.simd());
        float[] out = new float[3];
        field.fill(5, 100, out, field.workspace());
        double[] d = new double[3], w = new double[5];
        for (int i = 0; i < 3; i++) d[i] = 2 * CounterRandom.uniform(5, 100 + i) - 1;
        double sum = 0;
        for (int k = -2; k <= 2; k++) sum += w[k + 2] = Math.exp(-2.0 * k * k);
        for (int x = 0; x < 3; x++) {
            double expected = 0;
            for (int k = -2; k <= 2; k++) expected += w[k + 2] / sum * d[Math.min(2, Math.max(0, x + k))];
            assertEquals(expected, out[x], 1e-6, "pixel " + x);
        }
    }

    @Test
    void alphaScalesTheFieldAndSigmaSmoothsIt() {
        float[] a = new float[28 * 28], b = new float[28 * 28];
        ElasticField one = new ElasticField(new Transform.Elastic(1, 4), 28, 28, Registry.TAPS.simd());
        ElasticField many = new ElasticField(new Transform.Elastic(34, 4), 28, 28, Registry.TAPS.simd());
        one.fill(9, 0, a, one.workspace());
        many.fill(9, 0, b, many.workspace());
        double roughness = 0, raw = 0;
        for (int i = 0; i < a.length; i++) {
            assertEquals(34 * a[i], b[i], 1e-4);
            if (i % 28 > 0) roughness += Math.abs(a[i] - a[i - 1]);
            if (i % 28 > 0) raw += Math.abs(CounterRandom.uniform(9, i) - CounterRandom.uniform(9, i - 1)) * 2;
        }
        assertTrue(roughness < 0.1 * raw, "smoothed neighbours differ far less than raw draws: " + roughness + " vs " + raw);
    }

    @Test
    void theFieldIsItsReferenceTwinsBitForBitWithEveryTapsKernel() {
        // Shapes below, at and far beyond the kernel's radius, non-square, prime sides; the
        // workspace reused from one field to the next, as a lane reuses it, and poisoned first.
        int[][] shapes = {{1, 1}, {1, 7}, {5, 1}, {3, 4}, {28, 28}, {13, 31}, {32, 17}, {64, 64}};
        double[][] settings = {{34, 4}, {1, 0.5}, {8, 3}, {2.5, 1.3}, {40, 9}};
        for (StridedTaps taps : Registry.TAPS.all())
            for (int[] shape : shapes)
                for (double[] s : settings) {
                    Transform.Elastic e = new Transform.Elastic(s[0], s[1]);
                    ElasticField fast = new ElasticField(e, shape[0], shape[1], taps);
                    ElasticField.Workspace work = fast.workspace();
                    Arrays.fill(work.padded, Float.NaN);
                    Arrays.fill(work.rows, Float.NaN);
                    float[] expected = new float[shape[0] * shape[1]], actual = new float[expected.length];
                    float[] scratch = new float[expected.length];
                    for (long key = 1; key <= 3; key++) {
                        new ElasticFieldReference(e, shape[0], shape[1]).fill(key, 1000 * key, expected, scratch);
                        Arrays.fill(actual, Float.NaN);
                        fast.fill(key, 1000 * key, actual, work);
                        assertArrayEquals(expected, actual, taps.name() + ", elastic(" + s[0] + "," + s[1] + ") on "
                                + shape[0] + "x" + shape[1] + ", key " + key);
                    }
                }
    }
}
