package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.PoolShape;
import dev.vecnn.kernels.reference.PoolingReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** What the differential suite does not exercise: an argmax that maxForward would never produce. */
class PoolingRowVectorTest {
    /**
     * The 2x2 path writes dx from the four window positions; an argmax outside its window must
     * still be honoured (dx[argmax[i]] += dy[i]), by falling back to the scatter. Rows wider than
     * a vector of outputs at every width (37 columns), narrower at 256 and 512 bits (11, 5), strays
     * far off, at the end, and in the next window of the same row (which a check that only counts
     * matches per row would miss).
     */
    @ParameterizedTest
    @CsvSource({"2, 3, 9, 37", "2, 3, 11, 11", "1, 4, 6, 5"})
    void twoByTwoBackwardHonoursAnArgmaxOutsideItsWindow(int batch, int channels, int inH, int inW) {
        PoolShape s = new PoolShape(batch, channels, inH, inW, 2, 2, 2, 2, 0, 0);
        Random random = new Random(7);
        float[] x = new float[s.inputSize()], dy = new float[s.outputSize()], y = new float[s.outputSize()];
        for (int i = 0; i < x.length; i++) x[i] = 1 + random.nextInt(5);
        for (int i = 0; i < dy.length; i++) dy[i] = 1 + random.nextInt(9);
        int[] forward = new int[s.outputSize()];
        new PoolingReference().maxForward(s, x, 0, y, 0, forward, 0);
        int[][] strays = {{5, s.inputSize() - 1}, {s.outputSize() - 1, 0}, {1, forward[2]}};
        for (int[] stray : strays) {
            int[] argmax = forward.clone();
            argmax[stray[0]] = stray[1];
            float[] expected = new float[s.inputSize()], actual = new float[s.inputSize()];
            Arrays.fill(actual, Float.NaN);
            new PoolingReference().maxBackward(s, dy, 0, argmax, 0, expected, 0);
            new PoolingRowVector().maxBackward(s, dy, 0, argmax, 0, actual, 0);
            assertArrayEquals(expected, actual, "maxBackward, argmax[" + stray[0] + "] = " + stray[1]);

            Arrays.fill(actual, Float.NaN);
            new PoolingReference().maxReluBackward(s, dy, 0, y, 0, argmax, 0, expected, 0);
            new PoolingRowVector().maxReluBackward(s, dy, 0, y, 0, argmax, 0, actual, 0);
            assertArrayEquals(expected, actual, "maxReluBackward, argmax[" + stray[0] + "] = " + stray[1]);
        }
    }
}
