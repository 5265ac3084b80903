package dev.vecnn.kernels.reference;

import dev.vecnn.kernels.PoolShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The fused max pooling + ReLU must be exactly ReLU followed by max pooling, forward and backward,
 * including windows whose values are all negative and ties (small integers).
 */
class FusedPoolingTest {
    private final PoolingReference pooling = new PoolingReference();
    private final ActivationsReference activations = new ActivationsReference();

    @ParameterizedTest
    @CsvSource({"2, 3, 8, 8, 2, 2", "1, 2, 9, 7, 2, 2", "2, 2, 7, 7, 3, 2", "1, 1, 5, 6, 3, 1"})
    void equalsReluThenMaxPool(int batch, int channels, int inH, int inW, int window, int stride) {
        PoolShape s = new PoolShape(batch, channels, inH, inW, window, window, stride, stride, 0, 0);
        SplittableRandom rng = new SplittableRandom(inH * 31L + inW);
        float[] x = new float[s.inputSize()], dy = new float[s.outputSize()];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextInt(-4, 4);
        for (int i = 0; i < dy.length; i++) dy[i] = (float) rng.nextDouble(-1, 1);

        float[] relu = new float[x.length], pooled = new float[dy.length], dRelu = new float[x.length];
        float[] dx = new float[x.length];
        int[] argmax = new int[dy.length];
        activations.relu(x.length, x, 0, relu, 0);
        pooling.maxForward(s, relu, 0, pooled, 0, argmax, 0);
        pooling.maxBackward(s, dy, 0, argmax, 0, dRelu, 0);
        activations.reluBackward(x.length, x, 0, dRelu, 0, dx, 0);

        float[] fused = new float[dy.length], fusedDx = new float[x.length];
        int[] fusedArgmax = new int[dy.length];
        pooling.maxReluForward(s, x, 0, fused, 0, fusedArgmax, 0);
        pooling.maxReluBackward(s, dy, 0, fused, 0, fusedArgmax, 0, fusedDx, 0);
        assertArrayEquals(pooled, fused);
        assertArrayEquals(dx, fusedDx);
    }
}
