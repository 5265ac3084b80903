package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.Workspace;
import dev.vecnn.kernels.reference.Conv2dReference;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The direct path's coverage rule; the differential suite checks its results on covered shapes. */
class Conv2dDirect1ChannelTest {
    private final Conv2dDirect1Channel direct = new Conv2dDirect1Channel(Registry.GEMM.simd());
    private final Conv2dReference reference = new Conv2dReference();

    @Test
    void coversOneInputChannelWithUnitHorizontalStride() {
        assertTrue(Conv2dDirect1Channel.covers(new ConvShape(64, 1, 28, 28, 32, 3, 3, 1, 1, 0, 0)));
        assertTrue(Conv2dDirect1Channel.covers(new ConvShape(2, 1, 9, 7, 5, 5, 2, 3, 1, 2, 1)));
        assertFalse(Conv2dDirect1Channel.covers(new ConvShape(64, 32, 13, 13, 64, 3, 3, 1, 1, 0, 0)));
        assertFalse(Conv2dDirect1Channel.covers(new ConvShape(2, 1, 9, 9, 5, 3, 3, 1, 2, 0, 0)));
    }

    /** Uncovered shapes run the reference's forward pass itself, so the results are identical bit for bit. */
    @Test
    void uncoveredShapesGoToTheReferenceTwin() {
        for (ConvShape s : new ConvShape[] {
                new ConvShape(2, 3, 11, 13, 7, 3, 3, 1, 1, 1, 1),
                new ConvShape(2, 1, 12, 17, 6, 3, 2, 1, 2, 1, 0)}) {
            Random random = new Random(s.hashCode());
            float[] x = randoms(random, s.inputSize()), w = randoms(random, s.weightSize());
            float[] bias = randoms(random, s.outC());
            float[] expected = new float[s.outputSize()], actual = poisoned(s.outputSize());
            reference.forward(s, x, 0, w, 0, bias, 0, expected, 0, new Workspace());
            direct.forward(s, x, 0, w, 0, bias, 0, actual, 0, new Workspace());
            assertArrayEquals(expected, actual, s.toString());
        }
    }

    private static float[] randoms(Random random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = random.nextFloat() * 2 - 1;
        return a;
    }

    private static float[] poisoned(int n) {
        float[] a = new float[n];
        Arrays.fill(a, Float.NaN);
        return a;
    }
}
