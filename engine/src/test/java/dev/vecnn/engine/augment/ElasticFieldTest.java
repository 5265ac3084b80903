package dev.vecnn.engine.augment;

import dev.vecnn.engine.CounterRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElasticFieldTest {
    @Test
    void onePixelsFieldIsAlphaTimesItsDraw() {
        // Every tap of the clamped, normalised kernel reads the one draw: both passes return it unchanged.
        ElasticField field = new ElasticField(new Transform.Elastic(3, 2), 1, 1);
        float[] out = new float[1], scratch = new float[1];
        field.fill(42, 7, out, scratch);
        assertEquals(3 * (2 * CounterRandom.uniform(42, 7) - 1), out[0], 1e-6f);
    }

    @Test
    void aRowIsTheGaussianWeightedMeanOfItsClampedDraws() {
        // sigma 0.5: radius 2, weights exp(-2 k^2) normalised; a 1 x 3 field, borders clamped.
        ElasticField field = new ElasticField(new Transform.Elastic(1, 0.5), 1, 3);
        float[] out = new float[3], scratch = new float[3];
        field.fill(5, 100, out, scratch);
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
        float[] a = new float[28 * 28], b = new float[28 * 28], scratch = new float[28 * 28];
        new ElasticField(new Transform.Elastic(1, 4), 28, 28).fill(9, 0, a, scratch);
        new ElasticField(new Transform.Elastic(34, 4), 28, 28).fill(9, 0, b, scratch);
        double roughness = 0, raw = 0;
        for (int i = 0; i < a.length; i++) {
            assertEquals(34 * a[i], b[i], 1e-4);
            if (i % 28 > 0) roughness += Math.abs(a[i] - a[i - 1]);
            if (i % 28 > 0) raw += Math.abs(CounterRandom.uniform(9, i) - CounterRandom.uniform(9, i - 1)) * 2;
        }
        assertTrue(roughness < 0.1 * raw, "smoothed neighbours differ far less than raw draws: " + roughness + " vs " + raw);
    }
}
