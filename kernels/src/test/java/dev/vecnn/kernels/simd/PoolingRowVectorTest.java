package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.PoolShape;
import dev.vecnn.kernels.reference.PoolingReference;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** What the differential suite does not exercise: an argmax that maxForward would never produce. */
class PoolingRowVectorTest {
    /**
     * The 2x2 path writes dx from the four window positions; an argmax outside its window must
     * still be honoured (dx[argmax[i]] += dy[i]), by falling back to the scatter.
     */
    @Test
    void twoByTwoBackwardHonoursAnArgmaxOutsideItsWindow() {
        PoolShape s = new PoolShape(2, 3, 9, 37, 2, 2, 2, 2, 0, 0);
        Random random = new Random(7);
        float[] x = new float[s.inputSize()], dy = new float[s.outputSize()], y = new float[s.outputSize()];
        for (int i = 0; i < x.length; i++) x[i] = random.nextInt(5);
        for (int i = 0; i < dy.length; i++) dy[i] = 1 + random.nextInt(9);
        int[] argmax = new int[s.outputSize()];
        new PoolingReference().maxForward(s, x, 0, y, 0, argmax, 0);
        argmax[5] = s.inputSize() - 1;
        argmax[s.outputSize() - 1] = 0;

        float[] expected = new float[s.inputSize()], actual = new float[s.inputSize()];
        Arrays.fill(actual, Float.NaN);
        new PoolingReference().maxBackward(s, dy, 0, argmax, 0, expected, 0);
        new PoolingRowVector().maxBackward(s, dy, 0, argmax, 0, actual, 0);
        assertArrayEquals(expected, actual);
    }
}
