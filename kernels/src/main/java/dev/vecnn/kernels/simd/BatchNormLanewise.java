package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.BatchNorm;
import dev.vecnn.kernels.ChannelShape;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Batch normalisation with vectors along whichever dimension is contiguous per channel. NCHW
 * (spatial > 1): lanes run along each (n, c) plane with the channel's constants broadcast, and a
 * reduction keeps one vector accumulator per channel across the whole batch. NC (spatial = 1): each
 * channel has one element per sample, so lanes run across channels and the per-channel constants
 * and accumulators are vectors of consecutive channels. Wins on both layouts; the passes are
 * memory-bound and the reference's per-element index arithmetic is gone.
 */
public final class BatchNormLanewise implements BatchNorm {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES;

    @Override
    public String name() { return "BatchNormLanewise"; }

    @Override
    public void sum(ChannelShape s, float[] x, int xOff, float[] sum) {
        int channels = s.channels();
        int spatial = s.spatial();
        if (spatial == 1) {
            for (int c = 0; c < channels; c += L) {
                VectorMask<Float> m = S.indexInRange(c, channels);
                FloatVector acc = FloatVector.zero(S);
                for (int n = 0; n < s.batch(); n++)
                    acc = acc.add(FloatVector.fromArray(S, x, xOff + n * channels + c, m));
                FloatVector.fromArray(S, sum, c, m).add(acc).intoArray(sum, c, m);
            }
            return;
        }
        int bound = S.loopBound(spatial);
        VectorMask<Float> tail = S.indexInRange(bound, spatial);
        for (int c = 0; c < channels; c++) {
            FloatVector acc = FloatVector.zero(S);
            for (int n = 0; n < s.batch(); n++) {
                int xp = xOff + (n * channels + c) * spatial;
                int p = 0;
                for (; p < bound; p += L) acc = acc.add(FloatVector.fromArray(S, x, xp + p));
                if (p < spatial) acc = acc.add(FloatVector.fromArray(S, x, xp + p, tail));
            }
            sum[c] += acc.reduceLanes(VectorOperators.ADD);
        }
    }

    @Override
    public void sumSquaredDeviation(ChannelShape s, float[] x, int xOff, float[] mean, float[] acc) {
        int channels = s.channels();
        int spatial = s.spatial();
        if (spatial == 1) {
            for (int c = 0; c < channels; c += L) {
                VectorMask<Float> m = S.indexInRange(c, channels);
                FloatVector mu = FloatVector.fromArray(S, mean, c, m);
                FloatVector total = FloatVector.zero(S);
                for (int n = 0; n < s.batch(); n++) {
                    FloatVector d = FloatVector.fromArray(S, x, xOff + n * channels + c, m).sub(mu);
                    total = d.fma(d, total);
                }
                FloatVector.fromArray(S, acc, c, m).add(total).intoArray(acc, c, m);
            }
            return;
        }
        int bound = S.loopBound(spatial);
        VectorMask<Float> tail = S.indexInRange(bound, spatial);
        for (int c = 0; c < channels; c++) {
            float mu = mean[c];
            FloatVector total = FloatVector.zero(S);
            for (int n = 0; n < s.batch(); n++) {
                int xp = xOff + (n * channels + c) * spatial;
                int p = 0;
                for (; p < bound; p += L) {
                    FloatVector d = FloatVector.fromArray(S, x, xp + p).sub(mu);
                    total = d.fma(d, total);
                }
                if (p < spatial) {
                    FloatVector d = FloatVector.fromArray(S, x, xp + p, tail).sub(mu).blend(0f, tail.not());
                    total = d.fma(d, total);
                }
            }
            acc[c] += total.reduceLanes(VectorOperators.ADD);
        }
    }

    @Override
    public void normalize(ChannelShape s, float[] x, int xOff, float[] mean, float[] invStd,
                          float[] gamma, float[] beta, float[] y, int yOff) {
        int channels = s.channels();
        int spatial = s.spatial();
        if (spatial == 1) {
            for (int c = 0; c < channels; c += L) {
                VectorMask<Float> m = S.indexInRange(c, channels);
                FloatVector mu = FloatVector.fromArray(S, mean, c, m);
                FloatVector scale = FloatVector.fromArray(S, gamma, c, m).mul(FloatVector.fromArray(S, invStd, c, m));
                FloatVector shift = FloatVector.fromArray(S, beta, c, m);
                for (int n = 0; n < s.batch(); n++) {
                    int i = n * channels + c;
                    FloatVector.fromArray(S, x, xOff + i, m).sub(mu).fma(scale, shift).intoArray(y, yOff + i, m);
                }
            }
            return;
        }
        int bound = S.loopBound(spatial);
        VectorMask<Float> tail = S.indexInRange(bound, spatial);
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < channels; c++) {
                float mu = mean[c];
                float scale = gamma[c] * invStd[c];
                float shift = beta[c];
                int plane = (n * channels + c) * spatial;
                int xp = xOff + plane;
                int yp = yOff + plane;
                int p = 0;
                for (; p < bound; p += L)
                    FloatVector.fromArray(S, x, xp + p).sub(mu).fma(scale, shift).intoArray(y, yp + p);
                if (p < spatial)
                    FloatVector.fromArray(S, x, xp + p, tail).sub(mu).fma(scale, shift).intoArray(y, yp + p, tail);
            }
    }

    @Override
    public void backwardReduce(ChannelShape s, float[] x, int xOff, float[] dy, int dyOff, float[] mean,
                               float[] invStd, float[] dGamma, float[] dBeta) {
        int channels = s.channels();
        int spatial = s.spatial();
        if (spatial == 1) {
            for (int c = 0; c < channels; c += L) {
                VectorMask<Float> m = S.indexInRange(c, channels);
                FloatVector mu = FloatVector.fromArray(S, mean, c, m);
                FloatVector sumDy = FloatVector.zero(S);
                FloatVector sumDyCentered = FloatVector.zero(S);
                for (int n = 0; n < s.batch(); n++) {
                    int i = n * channels + c;
                    FloatVector g = FloatVector.fromArray(S, dy, dyOff + i, m);
                    sumDy = sumDy.add(g);
                    sumDyCentered = g.fma(FloatVector.fromArray(S, x, xOff + i, m).sub(mu), sumDyCentered);
                }
                FloatVector.fromArray(S, dBeta, c, m).add(sumDy).intoArray(dBeta, c, m);
                sumDyCentered.fma(FloatVector.fromArray(S, invStd, c, m), FloatVector.fromArray(S, dGamma, c, m))
                        .intoArray(dGamma, c, m);
            }
            return;
        }
        int bound = S.loopBound(spatial);
        VectorMask<Float> tail = S.indexInRange(bound, spatial);
        for (int c = 0; c < channels; c++) {
            float mu = mean[c];
            FloatVector sumDy = FloatVector.zero(S);
            FloatVector sumDyCentered = FloatVector.zero(S);
            for (int n = 0; n < s.batch(); n++) {
                int plane = (n * channels + c) * spatial;
                int xp = xOff + plane;
                int gp = dyOff + plane;
                int p = 0;
                for (; p < bound; p += L) {
                    FloatVector g = FloatVector.fromArray(S, dy, gp + p);
                    sumDy = sumDy.add(g);
                    sumDyCentered = g.fma(FloatVector.fromArray(S, x, xp + p).sub(mu), sumDyCentered);
                }
                if (p < spatial) {
                    FloatVector g = FloatVector.fromArray(S, dy, gp + p, tail);
                    sumDy = sumDy.add(g);
                    sumDyCentered = g.fma(FloatVector.fromArray(S, x, xp + p, tail).sub(mu), sumDyCentered);
                }
            }
            dBeta[c] += sumDy.reduceLanes(VectorOperators.ADD);
            dGamma[c] += sumDyCentered.reduceLanes(VectorOperators.ADD) * invStd[c];
        }
    }

    @Override
    public void backwardData(ChannelShape s, float[] x, int xOff, float[] dy, int dyOff, float[] mean,
                             float[] invStd, float[] gamma, float[] dGamma, float[] dBeta, int count,
                             float[] dx, int dxOff) {
        int channels = s.channels();
        int spatial = s.spatial();
        float n1 = count;
        FloatVector countV = FloatVector.broadcast(S, n1);
        if (spatial == 1) {
            for (int c = 0; c < channels; c += L) {
                VectorMask<Float> m = S.indexInRange(c, channels);
                FloatVector mu = FloatVector.fromArray(S, mean, c, m);
                FloatVector is = FloatVector.fromArray(S, invStd, c, m);
                FloatVector k = FloatVector.fromArray(S, gamma, c, m).mul(is).div(n1);
                FloatVector negDBeta = FloatVector.fromArray(S, dBeta, c, m).neg();
                FloatVector negDGamma = FloatVector.fromArray(S, dGamma, c, m).neg();
                for (int n = 0; n < s.batch(); n++) {
                    int i = n * channels + c;
                    FloatVector xhat = FloatVector.fromArray(S, x, xOff + i, m).sub(mu).mul(is);
                    FloatVector inner = xhat.fma(negDGamma, FloatVector.fromArray(S, dy, dyOff + i, m).fma(countV, negDBeta));
                    inner.mul(k).intoArray(dx, dxOff + i, m);
                }
            }
            return;
        }
        int bound = S.loopBound(spatial);
        VectorMask<Float> tail = S.indexInRange(bound, spatial);
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < channels; c++) {
                float mu = mean[c];
                float is = invStd[c];
                float k = gamma[c] * is / n1;
                FloatVector negDBeta = FloatVector.broadcast(S, -dBeta[c]);
                FloatVector negDGamma = FloatVector.broadcast(S, -dGamma[c]);
                int plane = (n * channels + c) * spatial;
                int xp = xOff + plane;
                int gp = dyOff + plane;
                int dp = dxOff + plane;
                int p = 0;
                for (; p < bound; p += L) {
                    FloatVector xhat = FloatVector.fromArray(S, x, xp + p).sub(mu).mul(is);
                    FloatVector inner = xhat.fma(negDGamma, FloatVector.fromArray(S, dy, gp + p).fma(countV, negDBeta));
                    inner.mul(k).intoArray(dx, dp + p);
                }
                if (p < spatial) {
                    FloatVector xhat = FloatVector.fromArray(S, x, xp + p, tail).sub(mu).mul(is);
                    FloatVector inner = xhat.fma(negDGamma, FloatVector.fromArray(S, dy, gp + p, tail).fma(countV, negDBeta));
                    inner.mul(k).intoArray(dx, dp + p, tail);
                }
            }
    }
}
