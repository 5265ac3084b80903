package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Activations;
import dev.vecnn.kernels.BatchNorm;
import dev.vecnn.kernels.ChannelShape;
import dev.vecnn.kernels.Dropout;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.reference.ActivationsReference;
import dev.vecnn.kernels.reference.BatchNormReference;
import dev.vecnn.kernels.reference.DropoutReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The two layouts of the per-channel simd kernels at the shapes the random cases do not draw: NC
 * (spatial 1, lanes across channels) with channel counts that span several vector blocks and end
 * in a partial one, and NCHW planes around the four-vector unrolled reductions (4L - 1, 4L, 4L + 1)
 * and at the reference network's 26x26 and 11x11. Inputs are small integers, slopes, masks and
 * invStd powers of two, so every result is exact and compared bit for bit.
 */
class ChannelLayoutsTest {
    private static final int OFF = 3;

    @BeforeAll
    static void simdIsOn() {
        assumeTrue(Registry.SIMD_ENABLED, "simd kernels are off (-Dvecnn.simd=0)");
    }

    static List<ChannelShape> shapes() {
        // Simd (and its lane count) cannot load when simd is off; the tests are then skipped anyway.
        int L = Registry.SIMD_ENABLED ? Simd.LANES : 1;
        List<ChannelShape> shapes = new ArrayList<>();
        for (int channels : new int[]{L - 1, L + 1, 2 * L + 3, 128}) shapes.add(new ChannelShape(5, channels, 1));
        for (int spatial : new int[]{2 * L + 1, 4 * L - 1, 4 * L, 4 * L + 1, 121, 676})
            shapes.add(new ChannelShape(3, 2, spatial));
        return shapes;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void batchNormMatchesTheReferenceExactly(ChannelShape s) {
        Data d = new Data(s);
        BatchNorm ref = new BatchNormReference();
        BatchNorm simd = new BatchNormLanewise();
        String shape = descriptor(s);

        float[] expected = d.accumulator(), actual = expected.clone();
        ref.sum(s, d.x, OFF, expected);
        simd.sum(s, d.x, OFF, actual);
        assertArrayEquals(expected, actual, "bnorm-sum:" + shape);

        expected = d.accumulator();
        actual = expected.clone();
        ref.sumSquaredDeviation(s, d.x, OFF, d.mean, expected);
        simd.sumSquaredDeviation(s, d.x, OFF, d.mean, actual);
        assertArrayEquals(expected, actual, "bnorm-sumsq:" + shape);

        expected = d.poisoned();
        actual = d.poisoned();
        ref.normalize(s, d.x, OFF, d.mean, d.invStd, d.gamma, d.beta, expected, OFF);
        simd.normalize(s, d.x, OFF, d.mean, d.invStd, d.gamma, d.beta, actual, OFF);
        assertArrayEquals(expected, actual, "bnorm-norm:" + shape);

        float[] dGammaExpected = d.accumulator(), dBetaExpected = d.accumulator();
        float[] dGammaActual = dGammaExpected.clone(), dBetaActual = dBetaExpected.clone();
        ref.backwardReduce(s, d.x, OFF, d.dy, OFF, d.mean, d.invStd, dGammaExpected, dBetaExpected);
        simd.backwardReduce(s, d.x, OFF, d.dy, OFF, d.mean, d.invStd, dGammaActual, dBetaActual);
        assertArrayEquals(dGammaExpected, dGammaActual, "bnorm-bwd-reduce:" + shape + " dGamma");
        assertArrayEquals(dBetaExpected, dBetaActual, "bnorm-bwd-reduce:" + shape + " dBeta");

        // count is a power of two so that gamma * invStd / count stays exact.
        expected = d.poisoned();
        actual = d.poisoned();
        ref.backwardData(s, d.x, OFF, d.dy, OFF, d.mean, d.invStd, d.gamma, dGammaExpected, dBetaExpected, 64, expected, OFF);
        simd.backwardData(s, d.x, OFF, d.dy, OFF, d.mean, d.invStd, d.gamma, dGammaExpected, dBetaExpected, 64, actual, OFF);
        assertArrayEquals(expected, actual, "bnorm-bwd-data:" + shape);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void preluAndSpatialDropoutMatchTheReferenceExactly(ChannelShape s) {
        Data d = new Data(s);
        Activations ref = new ActivationsReference();
        Activations simd = new ActivationsLanewise();
        String shape = descriptor(s);

        float[] expected = d.poisoned(), actual = d.poisoned();
        ref.prelu(s, d.x, OFF, d.slope, OFF, expected, OFF);
        simd.prelu(s, d.x, OFF, d.slope, OFF, actual, OFF);
        assertArrayEquals(expected, actual, "prelu:" + shape);

        expected = d.poisoned();
        actual = d.poisoned();
        float[] dSlopeExpected = d.slopeAccumulator(), dSlopeActual = dSlopeExpected.clone();
        ref.preluBackward(s, d.x, OFF, d.slope, OFF, d.dy, OFF, expected, OFF, dSlopeExpected, OFF);
        simd.preluBackward(s, d.x, OFF, d.slope, OFF, d.dy, OFF, actual, OFF, dSlopeActual, OFF);
        assertArrayEquals(expected, actual, "prelu-bwd:" + shape + " dx");
        assertArrayEquals(dSlopeExpected, dSlopeActual, "prelu-bwd:" + shape + " dSlope");

        Dropout dropoutRef = new DropoutReference();
        Dropout dropoutSimd = new DropoutLanewise();
        expected = d.poisoned();
        actual = d.poisoned();
        dropoutRef.applyPerChannel(s, d.x, OFF, d.planeMask, OFF, expected, OFF);
        dropoutSimd.applyPerChannel(s, d.x, OFF, d.planeMask, OFF, actual, OFF);
        assertArrayEquals(expected, actual, "dropout-channel:" + shape);
    }

    private static String descriptor(ChannelShape s) {
        return "mb" + s.batch() + "ic" + s.channels() + "sp" + s.spatial();
    }

    /** Small-integer operands at offset OFF (per-channel batch-norm arrays start at 0, as the contract says). */
    private static final class Data {
        final ChannelShape s;
        final SplittableRandom random;
        final float[] x, dy, mean, invStd, gamma, beta, slope, planeMask;

        Data(ChannelShape s) {
            this.s = s;
            this.random = new SplittableRandom(31L * s.channels() + s.spatial());
            x = integers(OFF + s.size(), -8, 8);
            dy = integers(OFF + s.size(), -4, 4);
            mean = integers(s.channels(), -3, 3);
            invStd = choices(s.channels(), 0.5f, 1f, 2f);
            gamma = integers(s.channels(), -2, 3);
            beta = integers(s.channels(), -2, 3);
            slope = choices(OFF + s.channels(), 0.25f, 0.5f, 0f);
            planeMask = choices(OFF + s.batch() * s.channels(), 0f, 2f);
        }

        float[] accumulator() {
            return integers(s.channels(), 1, 5);
        }

        float[] slopeAccumulator() {
            return integers(OFF + s.channels(), 1, 5);
        }

        float[] poisoned() {
            float[] a = new float[OFF + s.size() + 1];
            Arrays.fill(a, Float.NaN);
            return a;
        }

        private float[] integers(int n, int from, int to) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) a[i] = random.nextInt(from, to + 1);
            return a;
        }

        private float[] choices(int n, float... values) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) a[i] = values[random.nextInt(values.length)];
            return a;
        }
    }
}
