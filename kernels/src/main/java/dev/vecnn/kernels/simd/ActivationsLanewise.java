package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Activations;
import dev.vecnn.kernels.ChannelShape;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Activations one full vector of lanes at a time and one masked vector for the tail; sigmoid and
 * tanh come from {@link LaneMath} (within 2 ulps of the double-precision reference, and the same
 * bits in every JIT tier). Wins at every size: the element-wise passes are memory-bound and sigmoid/tanh avoid a
 * scalar call per element. PReLU walks each (n, c) plane with its slope broadcast, or, when spatial
 * is 1 (a dense layer's output), runs across channels with a vector of slopes.
 */
public final class ActivationsLanewise implements Activations {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES;

    @Override
    public String name() { return "ActivationsLanewise"; }

    @Override
    public void relu(int n, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L)
            FloatVector.fromArray(S, x, xOff + i).max(0f).intoArray(y, yOff + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xOff + i, m).max(0f).intoArray(y, yOff + i, m);
        }
    }

    @Override
    public void reluBackward(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + i);
            zero.blend(g, v.compare(VectorOperators.GT, 0f)).intoArray(dx, dxOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + i, m);
            zero.blend(g, v.compare(VectorOperators.GT, 0f)).intoArray(dx, dxOff + i, m);
        }
    }

    @Override
    public void leakyRelu(int n, float slope, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            v.mul(slope).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
            v.mul(slope).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yOff + i, m);
        }
    }

    @Override
    public void leakyReluBackward(int n, float slope, float[] x, int xOff, float[] dy, int dyOff,
                                  float[] dx, int dxOff) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + i);
            g.mul(slope).blend(g, v.compare(VectorOperators.GT, 0f)).intoArray(dx, dxOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + i, m);
            g.mul(slope).blend(g, v.compare(VectorOperators.GT, 0f)).intoArray(dx, dxOff + i, m);
        }
    }

    @Override
    public void prelu(ChannelShape s, float[] x, int xOff, float[] slope, int slopeOff, float[] y, int yOff) {
        if (s.spatial() == 1) {
            for (int n = 0; n < s.batch(); n++) {
                int row = n * s.channels();
                for (int c = 0; c < s.channels(); c += L)
                    preluAcrossChannels(s.channels(), c, x, xOff + row, slope, slopeOff, y, yOff + row);
            }
            return;
        }
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < s.channels(); c++) {
                int plane = (n * s.channels() + c) * s.spatial();
                leakyRelu(s.spatial(), slope[slopeOff + c], x, xOff + plane, y, yOff + plane);
            }
    }

    @Override
    public void preluBackward(ChannelShape s, float[] x, int xOff, float[] slope, int slopeOff, float[] dy, int dyOff,
                              float[] dx, int dxOff, float[] dSlope, int dSlopeOff) {
        if (s.spatial() == 1) {
            for (int c = 0; c < s.channels(); c += L)
                preluBackwardAcrossChannels(s, c, x, xOff, slope, slopeOff, dy, dyOff, dx, dxOff, dSlope, dSlopeOff);
            return;
        }
        // Sample-major, so the three arrays stream in memory order; each plane adds its part of dSlope.
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < s.channels(); c++) {
                int plane = (n * s.channels() + c) * s.spatial();
                dSlope[dSlopeOff + c] += preluBackwardPlane(s.spatial(), slope[slopeOff + c], x, xOff + plane,
                        dy, dyOff + plane, dx, dxOff + plane);
            }
    }

    /** One block of up to L channels of one sample, each with its own slope. */
    private static void preluAcrossChannels(int channels, int c, float[] x, int xRow, float[] slope, int slopeOff,
                                            float[] y, int yRow) {
        VectorMask<Float> m = S.indexInRange(c, channels);
        FloatVector a = FloatVector.fromArray(S, slope, slopeOff + c, m);
        FloatVector v = FloatVector.fromArray(S, x, xRow + c, m);
        v.mul(a).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yRow + c, m);
    }

    /** dx over one plane with slope a; returns the plane's sum of dy * x where x <= 0. */
    private static float preluBackwardPlane(int spatial, float a, float[] x, int xp, float[] dy, int gp,
                                            float[] dx, int dp) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector acc0 = zero, acc1 = zero;
        int bound = S.loopBound(spatial);
        int p = 0;
        for (; p + L < bound; p += 2 * L) {
            FloatVector v0 = FloatVector.fromArray(S, x, xp + p);
            FloatVector g0 = FloatVector.fromArray(S, dy, gp + p);
            VectorMask<Float> positive0 = v0.compare(VectorOperators.GT, 0f);
            g0.mul(a).blend(g0, positive0).intoArray(dx, dp + p);
            acc0 = acc0.add(g0.mul(v0).blend(zero, positive0));
            FloatVector v1 = FloatVector.fromArray(S, x, xp + p + L);
            FloatVector g1 = FloatVector.fromArray(S, dy, gp + p + L);
            VectorMask<Float> positive1 = v1.compare(VectorOperators.GT, 0f);
            g1.mul(a).blend(g1, positive1).intoArray(dx, dp + p + L);
            acc1 = acc1.add(g1.mul(v1).blend(zero, positive1));
        }
        if (p < bound) {
            FloatVector v = FloatVector.fromArray(S, x, xp + p);
            FloatVector g = FloatVector.fromArray(S, dy, gp + p);
            VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
            g.mul(a).blend(g, positive).intoArray(dx, dp + p);
            acc0 = acc0.add(g.mul(v).blend(zero, positive));
            p += L;
        }
        if (p < spatial) {
            VectorMask<Float> tail = S.indexInRange(p, spatial);
            FloatVector v = FloatVector.fromArray(S, x, xp + p, tail);
            FloatVector g = FloatVector.fromArray(S, dy, gp + p, tail);
            VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
            g.mul(a).blend(g, positive).intoArray(dx, dp + p, tail);
            acc1 = acc1.add(g.mul(v).blend(zero, positive));
        }
        return LaneMath.sum(acc0.add(acc1));
    }

    /** One block of up to L channels across the whole batch, accumulating their slope gradients. */
    private static void preluBackwardAcrossChannels(ChannelShape s, int c, float[] x, int xOff, float[] slope,
                                                    int slopeOff, float[] dy, int dyOff, float[] dx, int dxOff,
                                                    float[] dSlope, int dSlopeOff) {
        VectorMask<Float> m = S.indexInRange(c, s.channels());
        FloatVector zero = FloatVector.zero(S);
        FloatVector a = FloatVector.fromArray(S, slope, slopeOff + c, m);
        FloatVector acc = zero;
        for (int n = 0; n < s.batch(); n++) {
            int i = n * s.channels() + c;
            FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + i, m);
            VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
            g.mul(a).blend(g, positive).intoArray(dx, dxOff + i, m);
            acc = acc.add(g.mul(v).blend(zero, positive));
        }
        FloatVector.fromArray(S, dSlope, dSlopeOff + c, m).add(acc).intoArray(dSlope, dSlopeOff + c, m);
    }

    @Override
    public void sigmoid(int n, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L)
            LaneMath.sigmoid(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            LaneMath.sigmoid(FloatVector.fromArray(S, x, xOff + i, m)).intoArray(y, yOff + i, m);
        }
    }

    @Override
    public void sigmoidBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, y, yOff + i);
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + i);
            g.mul(v).mul(one.sub(v)).intoArray(dx, dxOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, y, yOff + i, m);
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + i, m);
            g.mul(v).mul(one.sub(v)).intoArray(dx, dxOff + i, m);
        }
    }

    @Override
    public void tanh(int n, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L)
            LaneMath.tanh(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            LaneMath.tanh(FloatVector.fromArray(S, x, xOff + i, m)).intoArray(y, yOff + i, m);
        }
    }

    @Override
    public void tanhBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, y, yOff + i);
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + i);
            g.mul(one.sub(v.mul(v))).intoArray(dx, dxOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, y, yOff + i, m);
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + i, m);
            g.mul(one.sub(v.mul(v))).intoArray(dx, dxOff + i, m);
        }
    }
}
