package dev.vecnn.kernels.reference;

import dev.vecnn.kernels.ChannelShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static dev.vecnn.kernels.reference.Gradients.assertMatches;
import static dev.vecnn.kernels.reference.Gradients.awayFromZero;
import static dev.vecnn.kernels.reference.Gradients.dot;
import static dev.vecnn.kernels.reference.Gradients.numeric;
import static dev.vecnn.kernels.reference.Gradients.random;

/**
 * Every backward pass of the reference activations and losses against central differences of its
 * forward pass: L = sum dy * forward(x) for the activations and softmax, the returned loss itself
 * for cross-entropy and squared error (gradient scale 1). Inputs of the relu family stay away from
 * the kink at 0 by more than the step.
 */
class NonlinearKernelGradientTest {
    private static final int N = 23;
    private static final double STEP = 1e-2, TOLERANCE = 2e-3;
    private final ActivationsReference act = new ActivationsReference();
    private final LossesReference losses = new LossesReference();
    private final SplittableRandom rng = new SplittableRandom(11);

    @Test
    void relu() {
        float[] x = awayFromZero(rng, N, 0.1), dy = random(rng, N, -1, 1), y = new float[N], dx = new float[N];
        act.reluBackward(N, x, 0, dy, 0, dx, 0);
        assertMatches("relu dx", dx, numeric(x, 0, N, STEP, () -> {
            act.relu(N, x, 0, y, 0);
            return dot(dy, y);
        }), TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(floats = {0.01f, 0.2f, -0.5f})
    void leakyRelu(float slope) {
        float[] x = awayFromZero(rng, N, 0.1), dy = random(rng, N, -1, 1), y = new float[N], dx = new float[N];
        act.leakyReluBackward(N, slope, x, 0, dy, 0, dx, 0);
        assertMatches("leaky relu dx", dx, numeric(x, 0, N, STEP, () -> {
            act.leakyRelu(N, slope, x, 0, y, 0);
            return dot(dy, y);
        }), TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 6})
    void preluInputAndSlope(int spatial) {
        ChannelShape s = new ChannelShape(2, 3, spatial);
        float[] x = awayFromZero(rng, s.size(), 0.1), slope = random(rng, 3, -0.5, 0.5);
        float[] dy = random(rng, s.size(), -1, 1), y = new float[s.size()];
        float[] dx = new float[s.size()], dSlope = new float[3];
        act.preluBackward(s, x, 0, slope, 0, dy, 0, dx, 0, dSlope, 0);
        java.util.function.DoubleSupplier loss = () -> {
            act.prelu(s, x, 0, slope, 0, y, 0);
            return dot(dy, y);
        };
        assertMatches("prelu dx", dx, numeric(x, 0, x.length, STEP, loss), TOLERANCE);
        assertMatches("prelu dSlope", dSlope, numeric(slope, 0, 3, STEP, loss), TOLERANCE);
    }

    @Test
    void sigmoidFromItsOutput() {
        float[] x = random(rng, N, -6, 6), dy = random(rng, N, -1, 1), y = new float[N], dx = new float[N];
        act.sigmoid(N, x, 0, y, 0);
        act.sigmoidBackward(N, y, 0, dy, 0, dx, 0);
        assertMatches("sigmoid dx", dx, numeric(x, 0, N, STEP, () -> {
            act.sigmoid(N, x, 0, y, 0);
            return dot(dy, y);
        }), TOLERANCE);
    }

    @Test
    void tanhFromItsOutput() {
        float[] x = random(rng, N, -3, 3), dy = random(rng, N, -1, 1), y = new float[N], dx = new float[N];
        act.tanh(N, x, 0, y, 0);
        act.tanhBackward(N, y, 0, dy, 0, dx, 0);
        assertMatches("tanh dx", dx, numeric(x, 0, N, STEP, () -> {
            act.tanh(N, x, 0, y, 0);
            return dot(dy, y);
        }), TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5, 17})
    void softmaxFromItsOutput(int classes) {
        int rows = 3, n = rows * classes;
        float[] x = random(rng, n, -3, 3), dy = random(rng, n, -1, 1), y = new float[n], dx = new float[n];
        losses.softmax(rows, classes, x, 0, y, 0);
        losses.softmaxBackward(rows, classes, y, 0, dy, 0, dx, 0);
        assertMatches("softmax dx", dx, numeric(x, 0, n, STEP, () -> {
            losses.softmax(rows, classes, x, 0, y, 0);
            return dot(dy, y);
        }), TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5, 17})
    void softmaxCrossEntropy(int classes) {
        int rows = 4, n = rows * classes;
        float[] logits = random(rng, n, -3, 3), dLogits = new float[n], scratch = new float[n];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) labels[r] = rng.nextInt(classes);
        losses.softmaxCrossEntropy(rows, classes, logits, 0, labels, 0, 1f, dLogits, 0);
        assertMatches("cross-entropy dLogits", dLogits, numeric(logits, 0, n, STEP,
                () -> losses.softmaxCrossEntropy(rows, classes, logits, 0, labels, 0, 1f, scratch, 0)), TOLERANCE);
    }

    @Test
    void squaredError() {
        int rows = 3, cols = 7, n = rows * cols;
        float[] pred = random(rng, n, -2, 2), target = random(rng, n, -2, 2), dPred = new float[n], scratch = new float[n];
        losses.squaredError(rows, cols, pred, 0, target, 0, 1f, dPred, 0);
        assertMatches("squared error dPred", dPred, numeric(pred, 0, n, STEP,
                () -> losses.squaredError(rows, cols, pred, 0, target, 0, 1f, scratch, 0)), TOLERANCE);
    }
}
