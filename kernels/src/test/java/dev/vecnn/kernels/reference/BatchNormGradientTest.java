package dev.vecnn.kernels.reference;

import dev.vecnn.kernels.ChannelShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static dev.vecnn.kernels.reference.Gradients.assertMatches;
import static dev.vecnn.kernels.reference.Gradients.dot;
import static dev.vecnn.kernels.reference.Gradients.numeric;
import static dev.vecnn.kernels.reference.Gradients.random;

/**
 * Training-mode batch norm built from the reference passes (sum, squared deviations, normalise)
 * differenced as a whole, statistics included, against backwardReduce (dGamma, dBeta) and
 * backwardData (dx through the mean and variance), for NCHW data and for dense features (sp 1).
 */
class BatchNormGradientTest {
    private static final double EPS = 1e-5, STEP = 1e-2, TOLERANCE = 2e-3;
    private final BatchNormReference bn = new BatchNormReference();

    @ParameterizedTest(name = "mb{0} c{1} sp{2}")
    @CsvSource({"4,3,1", "2,3,5", "3,2,4", "8,1,1"})
    void throughTheBatchStatistics(int batch, int channels, int spatial) {
        ChannelShape s = new ChannelShape(batch, channels, spatial);
        SplittableRandom rng = new SplittableRandom(batch * 100L + channels * 10L + spatial);
        float[] x = random(rng, s.size(), -2, 2), dy = random(rng, s.size(), -1, 1);
        float[] gamma = random(rng, channels, 0.5, 1.5), beta = random(rng, channels, -1, 1);
        float[] y = new float[s.size()], mean = new float[channels], invStd = new float[channels];
        java.util.function.DoubleSupplier loss = () -> {
            statistics(s, x, mean, invStd);
            bn.normalize(s, x, 0, mean, invStd, gamma, beta, y, 0);
            return dot(dy, y);
        };

        statistics(s, x, mean, invStd);
        float[] dGamma = new float[channels], dBeta = new float[channels], dx = new float[s.size()];
        bn.backwardReduce(s, x, 0, dy, 0, mean, invStd, dGamma, dBeta);
        bn.backwardData(s, x, 0, dy, 0, mean, invStd, gamma, dGamma, dBeta, s.perChannel(), dx, 0);
        assertMatches("dGamma", dGamma, numeric(gamma, 0, channels, STEP, loss), TOLERANCE);
        assertMatches("dBeta", dBeta, numeric(beta, 0, channels, STEP, loss), TOLERANCE);
        assertMatches("dx", dx, numeric(x, 0, x.length, STEP, loss), TOLERANCE);
    }

    /** mean and invStd = 1 / sqrt(var + eps) of the whole batch, from the reference reductions. */
    private void statistics(ChannelShape s, float[] x, float[] mean, float[] invStd) {
        float[] sum = new float[s.channels()], squares = new float[s.channels()];
        bn.sum(s, x, 0, sum);
        for (int c = 0; c < s.channels(); c++) mean[c] = sum[c] / s.perChannel();
        bn.sumSquaredDeviation(s, x, 0, mean, squares);
        for (int c = 0; c < s.channels(); c++) invStd[c] = (float) (1 / Math.sqrt(squares[c] / s.perChannel() + EPS));
    }
}
