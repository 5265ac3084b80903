package dev.vecnn.kernels;

/**
 * Batch normalisation per channel, split into reductions and element-wise passes so that a batch
 * cut into chunks reduces its statistics in a fixed order: the caller adds each chunk's partial
 * sums, forms mean and invStd = 1 / sqrt(var + eps) for the whole batch, then normalises every
 * chunk. Training and inference share {@link #normalize}; inference passes the running statistics.
 * Per-channel arrays (mean, invStd, gamma, beta and the accumulators) have s.channels() entries
 * and start at index 0.
 */
public interface BatchNorm extends Kernel {
    /** sum[c] += the sum of x over channel c. */
    void sum(ChannelShape s, float[] x, int xOff, float[] sum);

    /** acc[c] += the sum of (x - mean[c])^2 over channel c. */
    void sumSquaredDeviation(ChannelShape s, float[] x, int xOff, float[] mean, float[] acc);

    /** y = gamma[c] * (x - mean[c]) * invStd[c] + beta[c]; y may alias x. */
    void normalize(ChannelShape s, float[] x, int xOff, float[] mean, float[] invStd,
                   float[] gamma, float[] beta, float[] y, int yOff);

    /**
     * dBeta[c] += the sum of dy over channel c; dGamma[c] += the sum of dy * xhat, where
     * xhat = (x - mean[c]) * invStd[c].
     */
    void backwardReduce(ChannelShape s, float[] x, int xOff, float[] dy, int dyOff, float[] mean, float[] invStd,
                        float[] dGamma, float[] dBeta);

    /**
     * dx = gamma[c] * invStd[c] / count * (count * dy - dBeta[c] - xhat * dGamma[c]), the gradient
     * through batch statistics, given the whole batch's dGamma and dBeta and count = the number of
     * elements per channel in the whole batch. dx is overwritten.
     */
    void backwardData(ChannelShape s, float[] x, int xOff, float[] dy, int dyOff, float[] mean, float[] invStd,
                      float[] gamma, float[] dGamma, float[] dBeta, int count, float[] dx, int dxOff);
}
