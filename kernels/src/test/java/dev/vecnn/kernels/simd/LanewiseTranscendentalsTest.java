package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Losses;
import dev.vecnn.kernels.Registry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the random differential cases do not reach: sigmoid and tanh swept over their whole range
 * (those cases draw a few units around zero), where LaneMath's exp and tanh must stay
 * within a few ulps of the double-precision reference, and the cross-entropy paths that only
 * extreme inputs take: logits of magnitude 1e30 (the stable log-sum-exp, checked against values
 * worked out by hand) and enough rows for the product of row sums to be logged part-way.
 */
class LanewiseTranscendentalsTest {
    /** LaneMath measured on every 7th float: exp within 1.01 ulps, tanh within 1.31. */
    private static final double MAX_ULPS = 4;

    @BeforeAll
    static void simdIsOn() {
        assumeTrue(Registry.SIMD_ENABLED, "simd kernels are off (-Dvecnn.simd=0)");
    }

    @Test
    void sigmoidAndTanhStayWithinAFewUlpsOverTheWholeRange() {
        float[] x = sweep();
        float[] sigmoid = new float[x.length];
        float[] tanh = new float[x.length];
        ActivationsLanewise kernel = new ActivationsLanewise();
        kernel.sigmoid(x.length, x, 0, sigmoid, 0);
        kernel.tanh(x.length, x, 0, tanh, 0);
        for (int i = 0; i < x.length; i++) {
            assertWithinUlps("sigmoid", x[i], (float) (1 / (1 + Math.exp(-x[i]))), sigmoid[i]);
            assertWithinUlps("tanh", x[i], (float) Math.tanh(x[i]), tanh[i]);
        }
    }

    @Test
    void crossEntropyIsExactForHugeLogits() {
        // Every third logit is +1e30, the rest -1e30: softmax is 1/k on the k tied maxima and 0
        // elsewhere. A label on a maximum costs log(k); a label elsewhere costs 1e30 - (-1e30).
        int classes = Simd.LANES + 3;
        float[] logits = new float[classes];
        int tied = 0;
        for (int j = 0; j < classes; j++) {
            logits[j] = j % 3 == 0 ? 1e30f : -1e30f;
            if (j % 3 == 0) tied++;
        }
        float gradScale = 0.5f;
        for (int label : new int[]{0, 1}) {
            float[] dLogits = new float[classes];
            double loss = new LossesMaskedRows().softmaxCrossEntropy(1, classes, logits, 0, new int[]{label}, 0,
                    gradScale, dLogits, 0);
            assertEquals(label == 0 ? Math.log(tied) : 2e30, loss, 1e-6 * (label == 0 ? 1 : 2e30), "label " + label);
            for (int j = 0; j < classes; j++) {
                float p = j % 3 == 0 ? 1f / tied : 0f;
                assertEquals(gradScale * (p - (j == label ? 1 : 0)), dLogits[j], 1e-7f, "label " + label + ", dLogits[" + j + "]");
            }
        }
    }

    @Test
    void crossEntropyLogsTheProductOfRowSumsBeforeItOverflows() {
        // Equal logits: every row sum is exactly `classes`, so the loss is rows * log(classes); 300
        // rows of 1000 classes multiply to 10^900, past the largest double, and cross the flush limit
        // three times.
        int rows = 300;
        int classes = 1000;
        float[] logits = new float[rows * classes];
        Arrays.fill(logits, 0.25f);
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) labels[r] = r % classes;
        float[] dLogits = new float[logits.length];
        Losses kernel = new LossesMaskedRows();
        double loss = kernel.softmaxCrossEntropy(rows, classes, logits, 0, labels, 0, 1f / rows, dLogits, 0);
        assertEquals(rows * Math.log(classes), loss, 1e-9 * rows * Math.log(classes));
    }

    /** Every 1/64 over [-100, 100], plus magnitudes from 1e-30 to 1 on both sides of zero. */
    private static float[] sweep() {
        int grid = 200 * 64 + 1;
        int small = 2 * 30 * 100;
        float[] x = new float[grid + small];
        for (int i = 0; i < grid; i++) x[i] = -100f + i / 64f;
        for (int i = 0; i < small / 2; i++) {
            float magnitude = (float) Math.pow(10, -30 + i / 100.0);
            x[grid + 2 * i] = magnitude;
            x[grid + 2 * i + 1] = -magnitude;
        }
        return x;
    }

    private static void assertWithinUlps(String what, float x, float expected, float actual) {
        // Below the smallest normal float both are zero for any purpose (and the reference may be subnormal).
        if (Math.abs(expected) < Float.MIN_NORMAL && Math.abs(actual) < Float.MIN_NORMAL) return;
        double ulps = Math.abs((double) actual - expected) / Math.ulp(expected);
        assertTrue(ulps <= MAX_ULPS, () -> what + "(" + x + ") = " + actual + ", reference " + expected
                + ": " + ulps + " ulps at " + Simd.SPECIES);
    }
}
