package dev.vecnn.kernels.reference;

import dev.vecnn.kernels.BatchNorm;
import dev.vecnn.kernels.ChannelShape;

/** Batch normalisation passes, element by element over (batch, channels, spatial). */
public final class BatchNormReference implements BatchNorm {
    @Override
    public String name() { return "BatchNormReference"; }

    @Override
    public void sum(ChannelShape s, float[] x, int xOff, float[] sum) {
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < s.channels(); c++)
                for (int p = 0; p < s.spatial(); p++)
                    sum[c] += x[xOff + index(s, n, c, p)];
    }

    @Override
    public void sumSquaredDeviation(ChannelShape s, float[] x, int xOff, float[] mean, float[] acc) {
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < s.channels(); c++)
                for (int p = 0; p < s.spatial(); p++) {
                    float d = x[xOff + index(s, n, c, p)] - mean[c];
                    acc[c] += d * d;
                }
    }

    @Override
    public void normalize(ChannelShape s, float[] x, int xOff, float[] mean, float[] invStd,
                          float[] gamma, float[] beta, float[] y, int yOff) {
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < s.channels(); c++)
                for (int p = 0; p < s.spatial(); p++) {
                    int i = index(s, n, c, p);
                    y[yOff + i] = gamma[c] * (x[xOff + i] - mean[c]) * invStd[c] + beta[c];
                }
    }

    @Override
    public void backwardReduce(ChannelShape s, float[] x, int xOff, float[] dy, int dyOff, float[] mean,
                               float[] invStd, float[] dGamma, float[] dBeta) {
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < s.channels(); c++)
                for (int p = 0; p < s.spatial(); p++) {
                    int i = index(s, n, c, p);
                    float xhat = (x[xOff + i] - mean[c]) * invStd[c];
                    dBeta[c] += dy[dyOff + i];
                    dGamma[c] += dy[dyOff + i] * xhat;
                }
    }

    @Override
    public void backwardData(ChannelShape s, float[] x, int xOff, float[] dy, int dyOff, float[] mean,
                             float[] invStd, float[] gamma, float[] dGamma, float[] dBeta, int count,
                             float[] dx, int dxOff) {
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < s.channels(); c++)
                for (int p = 0; p < s.spatial(); p++) {
                    int i = index(s, n, c, p);
                    float xhat = (x[xOff + i] - mean[c]) * invStd[c];
                    dx[dxOff + i] = gamma[c] * invStd[c] / count * (count * dy[dyOff + i] - dBeta[c] - xhat * dGamma[c]);
                }
    }

    private static int index(ChannelShape s, int n, int c, int p) {
        return (n * s.channels() + c) * s.spatial() + p;
    }
}
