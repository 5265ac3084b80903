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
 * reduction keeps four vector accumulators per channel across the whole batch (one add chain would
 * wait on the add latency). NC (spatial = 1): each channel has one element per sample, so lanes run
 * across a block of consecutive channels (masked for the last block) and the per-channel constants
 * and accumulators are vectors. Wins on both layouts: the passes are memory-bound and the
 * reference's per-element index arithmetic and serial float sums are gone.
 */
public final class BatchNormLanewise implements BatchNorm {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES;

    @Override
    public String name() { return "BatchNormLanewise"; }

    @Override
    public void sum(ChannelShape s, float[] x, int xOff, float[] sum) {
        if (s.spatial() == 1) {
            for (int c = 0; c < s.channels(); c += L) sumAcrossChannels(s, x, xOff, c, sum);
        } else {
            for (int c = 0; c < s.channels(); c++) sum[c] += planeSum(s, x, xOff, c);
        }
    }

    @Override
    public void sumSquaredDeviation(ChannelShape s, float[] x, int xOff, float[] mean, float[] acc) {
        if (s.spatial() == 1) {
            for (int c = 0; c < s.channels(); c += L) squaredDeviationAcrossChannels(s, x, xOff, mean, c, acc);
        } else {
            for (int c = 0; c < s.channels(); c++) acc[c] += planeSquaredDeviation(s, x, xOff, mean[c], c);
        }
    }

    @Override
    public void normalize(ChannelShape s, float[] x, int xOff, float[] mean, float[] invStd,
                          float[] gamma, float[] beta, float[] y, int yOff) {
        if (s.spatial() == 1) {
            for (int c = 0; c < s.channels(); c += L) normalizeAcrossChannels(s, x, xOff, mean, invStd, gamma, beta, c, y, yOff);
            return;
        }
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < s.channels(); c++) {
                int plane = (n * s.channels() + c) * s.spatial();
                normalizePlane(s.spatial(), x, xOff + plane, mean[c], gamma[c] * invStd[c], beta[c], y, yOff + plane);
            }
    }

    @Override
    public void backwardReduce(ChannelShape s, float[] x, int xOff, float[] dy, int dyOff, float[] mean,
                               float[] invStd, float[] dGamma, float[] dBeta) {
        if (s.spatial() == 1) {
            for (int c = 0; c < s.channels(); c += L)
                backwardReduceAcrossChannels(s, x, xOff, dy, dyOff, mean, invStd, c, dGamma, dBeta);
            return;
        }
        for (int c = 0; c < s.channels(); c++) planeBackwardReduce(s, x, xOff, dy, dyOff, mean, invStd, c, dGamma, dBeta);
    }

    @Override
    public void backwardData(ChannelShape s, float[] x, int xOff, float[] dy, int dyOff, float[] mean,
                             float[] invStd, float[] gamma, float[] dGamma, float[] dBeta, int count,
                             float[] dx, int dxOff) {
        if (s.spatial() == 1) {
            for (int c = 0; c < s.channels(); c += L)
                backwardDataAcrossChannels(s, x, xOff, dy, dyOff, mean, invStd, gamma, dGamma, dBeta, count, c, dx, dxOff);
            return;
        }
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < s.channels(); c++) {
                int plane = (n * s.channels() + c) * s.spatial();
                backwardDataPlane(s.spatial(), x, xOff + plane, dy, dyOff + plane, mean[c], invStd[c],
                        gamma[c] * invStd[c] / count, count, dGamma[c], dBeta[c], dx, dxOff + plane);
            }
    }

    /** The sum of a over channel c, all planes of the batch. */
    private static float planeSum(ChannelShape s, float[] a, int aOff, int c) {
        int spatial = s.spatial();
        int bound = S.loopBound(spatial);
        int bound4 = spatial - spatial % (4 * L);
        VectorMask<Float> tail = S.indexInRange(bound, spatial);
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        for (int n = 0; n < s.batch(); n++) {
            int base = aOff + (n * s.channels() + c) * spatial;
            int p = 0;
            for (; p < bound4; p += 4 * L) {
                a0 = a0.add(FloatVector.fromArray(S, a, base + p));
                a1 = a1.add(FloatVector.fromArray(S, a, base + p + L));
                a2 = a2.add(FloatVector.fromArray(S, a, base + p + 2 * L));
                a3 = a3.add(FloatVector.fromArray(S, a, base + p + 3 * L));
            }
            for (; p < bound; p += L) a0 = a0.add(FloatVector.fromArray(S, a, base + p));
            if (p < spatial) a1 = a1.add(FloatVector.fromArray(S, a, base + p, tail));
        }
        return LaneMath.sum(a0.add(a1).add(a2.add(a3)));
    }

    /** The sum of (x - mu)^2 over channel c. */
    private static float planeSquaredDeviation(ChannelShape s, float[] x, int xOff, float mu, int c) {
        int spatial = s.spatial();
        int bound = S.loopBound(spatial);
        int bound4 = spatial - spatial % (4 * L);
        VectorMask<Float> tail = S.indexInRange(bound, spatial);
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        for (int n = 0; n < s.batch(); n++) {
            int base = xOff + (n * s.channels() + c) * spatial;
            int p = 0;
            for (; p < bound4; p += 4 * L) {
                FloatVector d0 = FloatVector.fromArray(S, x, base + p).sub(mu);
                FloatVector d1 = FloatVector.fromArray(S, x, base + p + L).sub(mu);
                FloatVector d2 = FloatVector.fromArray(S, x, base + p + 2 * L).sub(mu);
                FloatVector d3 = FloatVector.fromArray(S, x, base + p + 3 * L).sub(mu);
                a0 = d0.fma(d0, a0);
                a1 = d1.fma(d1, a1);
                a2 = d2.fma(d2, a2);
                a3 = d3.fma(d3, a3);
            }
            for (; p < bound; p += L) {
                FloatVector d = FloatVector.fromArray(S, x, base + p).sub(mu);
                a0 = d.fma(d, a0);
            }
            if (p < spatial) {
                // Lanes past the plane load as 0 and would add mu^2: zero them after centring.
                FloatVector d = FloatVector.fromArray(S, x, base + p, tail).sub(mu).blend(0f, tail.not());
                a1 = d.fma(d, a1);
            }
        }
        return LaneMath.sum(a0.add(a1).add(a2.add(a3)));
    }

    /** dBeta[c] += the sum of dy, dGamma[c] += invStd[c] * the sum of dy * (x - mean[c]), in one pass over channel c. */
    private static void planeBackwardReduce(ChannelShape s, float[] x, int xOff, float[] dy, int dyOff, float[] mean,
                                            float[] invStd, int c, float[] dGamma, float[] dBeta) {
        int spatial = s.spatial();
        int bound = S.loopBound(spatial);
        int bound2 = spatial - spatial % (2 * L);
        VectorMask<Float> tail = S.indexInRange(bound, spatial);
        float mu = mean[c];
        FloatVector sum0 = FloatVector.zero(S), sum1 = sum0, dot0 = sum0, dot1 = sum0;
        for (int n = 0; n < s.batch(); n++) {
            int plane = (n * s.channels() + c) * spatial;
            int g = dyOff + plane;
            int xb = xOff + plane;
            int p = 0;
            for (; p < bound2; p += 2 * L) {
                FloatVector g0 = FloatVector.fromArray(S, dy, g + p);
                FloatVector g1 = FloatVector.fromArray(S, dy, g + p + L);
                sum0 = sum0.add(g0);
                sum1 = sum1.add(g1);
                dot0 = g0.fma(FloatVector.fromArray(S, x, xb + p).sub(mu), dot0);
                dot1 = g1.fma(FloatVector.fromArray(S, x, xb + p + L).sub(mu), dot1);
            }
            if (p < bound) {
                FloatVector g0 = FloatVector.fromArray(S, dy, g + p);
                sum0 = sum0.add(g0);
                dot0 = g0.fma(FloatVector.fromArray(S, x, xb + p).sub(mu), dot0);
                p += L;
            }
            if (p < spatial) {
                FloatVector g1 = FloatVector.fromArray(S, dy, g + p, tail);
                sum1 = sum1.add(g1);
                dot1 = g1.fma(FloatVector.fromArray(S, x, xb + p, tail).sub(mu), dot1);
            }
        }
        dBeta[c] += LaneMath.sum(sum0.add(sum1));
        dGamma[c] += LaneMath.sum(dot0.add(dot1)) * invStd[c];
    }

    private static void normalizePlane(int spatial, float[] x, int xp, float mu, float scale, float shift, float[] y, int yp) {
        int p = 0;
        for (int bound = S.loopBound(spatial); p < bound; p += L)
            FloatVector.fromArray(S, x, xp + p).sub(mu).fma(scale, shift).intoArray(y, yp + p);
        if (p < spatial) {
            VectorMask<Float> tail = S.indexInRange(p, spatial);
            FloatVector.fromArray(S, x, xp + p, tail).sub(mu).fma(scale, shift).intoArray(y, yp + p, tail);
        }
    }

    /** dx = k * (count * dy - dBeta - xhat * dGamma) over one plane, with k = gamma * invStd / count. */
    private static void backwardDataPlane(int spatial, float[] x, int xp, float[] dy, int gp, float mu, float invStd,
                                          float k, float count, float dGamma, float dBeta, float[] dx, int dp) {
        FloatVector n = FloatVector.broadcast(S, count);
        FloatVector negDBeta = FloatVector.broadcast(S, -dBeta);
        FloatVector negDGamma = FloatVector.broadcast(S, -dGamma);
        int p = 0;
        for (int bound = S.loopBound(spatial); p < bound; p += L) {
            FloatVector xhat = FloatVector.fromArray(S, x, xp + p).sub(mu).mul(invStd);
            FloatVector inner = xhat.fma(negDGamma, FloatVector.fromArray(S, dy, gp + p).fma(n, negDBeta));
            inner.mul(k).intoArray(dx, dp + p);
        }
        if (p < spatial) {
            VectorMask<Float> tail = S.indexInRange(p, spatial);
            FloatVector xhat = FloatVector.fromArray(S, x, xp + p, tail).sub(mu).mul(invStd);
            FloatVector inner = xhat.fma(negDGamma, FloatVector.fromArray(S, dy, gp + p, tail).fma(n, negDBeta));
            inner.mul(k).intoArray(dx, dp + p, tail);
        }
    }

    private static void sumAcrossChannels(ChannelShape s, float[] x, int xOff, int c, float[] sum) {
        VectorMask<Float> m = S.indexInRange(c, s.channels());
        FloatVector acc = FloatVector.zero(S);
        for (int n = 0; n < s.batch(); n++)
            acc = acc.add(FloatVector.fromArray(S, x, xOff + n * s.channels() + c, m));
        FloatVector.fromArray(S, sum, c, m).add(acc).intoArray(sum, c, m);
    }

    private static void squaredDeviationAcrossChannels(ChannelShape s, float[] x, int xOff, float[] mean, int c,
                                                       float[] acc) {
        VectorMask<Float> m = S.indexInRange(c, s.channels());
        FloatVector mu = FloatVector.fromArray(S, mean, c, m);
        FloatVector total = FloatVector.zero(S);
        for (int n = 0; n < s.batch(); n++) {
            FloatVector d = FloatVector.fromArray(S, x, xOff + n * s.channels() + c, m).sub(mu);
            total = d.fma(d, total);
        }
        FloatVector.fromArray(S, acc, c, m).add(total).intoArray(acc, c, m);
    }

    private static void normalizeAcrossChannels(ChannelShape s, float[] x, int xOff, float[] mean, float[] invStd,
                                                float[] gamma, float[] beta, int c, float[] y, int yOff) {
        VectorMask<Float> m = S.indexInRange(c, s.channels());
        FloatVector mu = FloatVector.fromArray(S, mean, c, m);
        FloatVector scale = FloatVector.fromArray(S, gamma, c, m).mul(FloatVector.fromArray(S, invStd, c, m));
        FloatVector shift = FloatVector.fromArray(S, beta, c, m);
        for (int n = 0; n < s.batch(); n++) {
            int i = n * s.channels() + c;
            FloatVector.fromArray(S, x, xOff + i, m).sub(mu).fma(scale, shift).intoArray(y, yOff + i, m);
        }
    }

    private static void backwardReduceAcrossChannels(ChannelShape s, float[] x, int xOff, float[] dy, int dyOff,
                                                     float[] mean, float[] invStd, int c, float[] dGamma, float[] dBeta) {
        VectorMask<Float> m = S.indexInRange(c, s.channels());
        FloatVector mu = FloatVector.fromArray(S, mean, c, m);
        FloatVector sumDy = FloatVector.zero(S);
        FloatVector sumDyCentered = FloatVector.zero(S);
        for (int n = 0; n < s.batch(); n++) {
            int i = n * s.channels() + c;
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + i, m);
            sumDy = sumDy.add(g);
            sumDyCentered = g.fma(FloatVector.fromArray(S, x, xOff + i, m).sub(mu), sumDyCentered);
        }
        FloatVector.fromArray(S, dBeta, c, m).add(sumDy).intoArray(dBeta, c, m);
        sumDyCentered.fma(FloatVector.fromArray(S, invStd, c, m), FloatVector.fromArray(S, dGamma, c, m))
                .intoArray(dGamma, c, m);
    }

    private static void backwardDataAcrossChannels(ChannelShape s, float[] x, int xOff, float[] dy, int dyOff,
                                                   float[] mean, float[] invStd, float[] gamma, float[] dGamma,
                                                   float[] dBeta, int count, int c, float[] dx, int dxOff) {
        VectorMask<Float> m = S.indexInRange(c, s.channels());
        FloatVector n1 = FloatVector.broadcast(S, (float) count);
        FloatVector mu = FloatVector.fromArray(S, mean, c, m);
        FloatVector is = FloatVector.fromArray(S, invStd, c, m);
        FloatVector k = FloatVector.fromArray(S, gamma, c, m).mul(is).div(n1);
        FloatVector negDBeta = FloatVector.fromArray(S, dBeta, c, m).neg();
        FloatVector negDGamma = FloatVector.fromArray(S, dGamma, c, m).neg();
        for (int n = 0; n < s.batch(); n++) {
            int i = n * s.channels() + c;
            FloatVector xhat = FloatVector.fromArray(S, x, xOff + i, m).sub(mu).mul(is);
            FloatVector inner = xhat.fma(negDGamma, FloatVector.fromArray(S, dy, dyOff + i, m).fma(n1, negDBeta));
            inner.mul(k).intoArray(dx, dxOff + i, m);
        }
    }
}
