package dev.vecnn.kernels.reference;

import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.DenseShape;
import dev.vecnn.kernels.PoolShape;
import dev.vecnn.kernels.Workspace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static dev.vecnn.kernels.reference.Gradients.assertMatches;
import static dev.vecnn.kernels.reference.Gradients.dot;
import static dev.vecnn.kernels.reference.Gradients.numeric;
import static dev.vecnn.kernels.reference.Gradients.random;

/**
 * The backward passes of the reference convolution, dense layer, pooling and im2col against
 * central differences of their forward passes, for the loss L = sum dy * forward(...). These maps
 * are linear (max pooling piecewise, with inputs spread so no step crosses a tie), so a large step
 * leaves only rounding: the tolerance is tight.
 */
class LinearKernelGradientTest {
    private static final double STEP = 0.25, TOLERANCE = 1e-4;
    private final Workspace ws = new Workspace();

    @ParameterizedTest(name = "conv mb{0} ic{1} ih{2} iw{3} oc{4} kh{5} kw{6} s{7} p{8}")
    @CsvSource({"1,1,4,4,1,3,3,1,0", "2,2,5,5,3,3,3,2,1", "1,3,6,4,2,2,3,1,1", "2,2,7,7,2,3,3,3,2", "1,2,3,3,4,1,1,1,0"})
    void convolution(int mb, int ic, int ih, int iw, int oc, int kh, int kw, int stride, int pad) {
        ConvShape s = new ConvShape(mb, ic, ih, iw, oc, kh, kw, stride, stride, pad, pad);
        Conv2dReference conv = new Conv2dReference();
        SplittableRandom rng = new SplittableRandom(ih * 31L + oc);
        float[] x = random(rng, s.inputSize(), -1, 1), w = random(rng, s.weightSize(), -1, 1);
        float[] bias = random(rng, oc, -1, 1), dy = random(rng, s.outputSize(), -1, 1), y = new float[s.outputSize()];
        java.util.function.DoubleSupplier loss = () -> {
            conv.forward(s, x, 0, w, 0, bias, 0, y, 0, ws);
            return dot(dy, y);
        };

        float[] dx = new float[s.inputSize()], dw = new float[s.weightSize()], db = new float[oc];
        conv.backwardData(s, dy, 0, w, 0, dx, 0, ws);
        conv.backwardWeights(s, x, 0, dy, 0, dw, 0, db, 0, ws);
        assertMatches("dx", dx, numeric(x, 0, x.length, STEP, loss), TOLERANCE);
        assertMatches("dw", dw, numeric(w, 0, w.length, STEP, loss), TOLERANCE);
        assertMatches("db", db, numeric(bias, 0, bias.length, STEP, loss), TOLERANCE);
    }

    @ParameterizedTest(name = "col2im is the adjoint of im2col: ic{0} ih{1} kh{2} s{3} p{4}")
    @CsvSource({"1,4,3,1,0", "2,5,3,2,1", "3,6,2,3,1", "1,3,3,1,2"})
    void col2imIsTheGradientOfIm2col(int ic, int ih, int kh, int stride, int pad) {
        ConvShape s = new ConvShape(1, ic, ih, ih, 1, kh, kh, stride, stride, pad, pad);
        Im2colReference lowering = new Im2colReference();
        SplittableRandom rng = new SplittableRandom(ic * 7L + ih);
        int columns = s.colRows() * s.colCols();
        float[] x = random(rng, s.inputSize(), -1, 1), c = random(rng, columns, -1, 1), col = new float[columns];
        float[] dx = new float[s.inputSize()];
        lowering.col2im(s, c, 0, dx, 0);
        assertMatches("dx", dx, numeric(x, 0, x.length, STEP, () -> {
            lowering.im2col(s, x, 0, col, 0);
            return dot(c, col);
        }), TOLERANCE);
    }

    @ParameterizedTest(name = "dense mb{0} in{1} out{2}")
    @CsvSource({"1,1,1", "3,5,4", "2,7,3"})
    void dense(int mb, int in, int out) {
        DenseShape s = new DenseShape(mb, in, out);
        DenseReference dense = new DenseReference();
        SplittableRandom rng = new SplittableRandom(mb * 131L + in * 7L + out);
        float[] x = random(rng, mb * in, -1, 1), w = random(rng, out * in, -1, 1), b = random(rng, out, -1, 1);
        float[] dy = random(rng, mb * out, -1, 1), y = new float[mb * out];
        java.util.function.DoubleSupplier loss = () -> {
            dense.forward(s, x, 0, w, 0, b, 0, y, 0, ws);
            return dot(dy, y);
        };

        float[] dx = new float[mb * in], dw = new float[out * in], db = new float[out];
        dense.backwardData(s, dy, 0, w, 0, dx, 0, ws);
        dense.backwardWeights(s, x, 0, dy, 0, dw, 0, db, 0, ws);
        assertMatches("dx", dx, numeric(x, 0, x.length, STEP, loss), TOLERANCE);
        assertMatches("dw", dw, numeric(w, 0, w.length, STEP, loss), TOLERANCE);
        assertMatches("db", db, numeric(b, 0, b.length, STEP, loss), TOLERANCE);
    }

    @ParameterizedTest(name = "pooling mb{0} c{1} ih{2} iw{3} k{4} s{5} p{6}")
    @CsvSource({"1,1,4,4,2,2,0", "2,2,5,5,3,1,1", "1,3,7,5,3,2,1", "2,1,6,6,2,3,1"})
    void pooling(int mb, int channels, int ih, int iw, int k, int stride, int pad) {
        PoolShape s = new PoolShape(mb, channels, ih, iw, k, k, stride, stride, pad, pad);
        PoolingReference pool = new PoolingReference();
        SplittableRandom rng = new SplittableRandom(ih * 17L + k);
        float[] x = distinctValues(rng, s.inputSize()), dy = random(rng, s.outputSize(), -1, 1);
        float[] y = new float[s.outputSize()];
        int[] argmax = new int[s.outputSize()];

        float[] dx = new float[s.inputSize()];
        pool.maxForward(s, x, 0, y, 0, argmax, 0);
        pool.maxBackward(s, dy, 0, argmax, 0, dx, 0);
        assertMatches("max dx", dx, numeric(x, 0, x.length, 0.1, () -> {
            pool.maxForward(s, x, 0, y, 0, new int[s.outputSize()], 0);
            return dot(dy, y);
        }), TOLERANCE);

        pool.avgBackward(s, dy, 0, dx, 0);
        assertMatches("avg dx", dx, numeric(x, 0, x.length, STEP, () -> {
            pool.avgForward(s, x, 0, y, 0);
            return dot(dy, y);
        }), TOLERANCE);
    }

    /** A shuffled ladder 0.5 apart: a step of 0.1 never changes which element of a window is largest. */
    private static float[] distinctValues(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = 0.5f * i - n / 4f;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return v;
    }
}
