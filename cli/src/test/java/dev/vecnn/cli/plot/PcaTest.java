package dev.vecnn.cli.plot;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PcaTest {
    @Test
    void findsTheAxesOfAStretchedRotatedCloud() {
        // Points along u = (3, 4)/5 with spread 10 and along v = (-4, 3)/5 with spread 2, around (5, -1), in a third
        // dimension with spread 0.5: the components are u then v, their variances 100 and 4 (of 100 + 4 + 0.25).
        int n = 20_000;
        Random random = new Random(7);
        float[] points = new float[n * 3];
        for (int i = 0; i < n; i++) {
            double a = 10 * random.nextGaussian(), b = 2 * random.nextGaussian(), c = 0.5 * random.nextGaussian();
            points[3 * i] = (float) (5 + a * 0.6 - b * 0.8);
            points[3 * i + 1] = (float) (-1 + a * 0.8 + b * 0.6);
            points[3 * i + 2] = (float) c;
        }
        Pca.Result pca = Pca.of(points, n, 3, 2);
        // Signs: the largest coordinate of each component is positive.
        assertEquals(0.6, pca.components()[0][0], 0.01);
        assertEquals(0.8, pca.components()[0][1], 0.01);
        assertEquals(0, pca.components()[0][2], 0.01);
        assertEquals(0.8, pca.components()[1][0], 0.02);   // v flipped: its largest coordinate, -0.8, made positive
        assertEquals(-0.6, pca.components()[1][1], 0.02);
        assertEquals(100 / 104.25, pca.varianceShare()[0], 0.01);
        assertEquals(4 / 104.25, pca.varianceShare()[1], 0.005);
        assertEquals(5, pca.mean()[0], 0.2);
        // The projection of the mean is 0; of mean + 10 u, 10.
        float[] probe = {(float) (5 + 6), (float) (-1 + 8), 0};
        assertEquals(10, pca.project(probe, 0, 0), 0.2);
    }
}
