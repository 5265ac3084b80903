package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Activations;
import dev.vecnn.kernels.ChannelShape;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Activations one full vector of lanes at a time and one masked vector for the tail; exp and tanh
 * are the Vector API's lanewise EXP and TANH (SVML-backed on x86, a few ulps from the double-precision
 * reference). Wins at every size: the element-wise passes are memory-bound and sigmoid/tanh avoid a
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
        int channels = s.channels();
        int spatial = s.spatial();
        if (spatial == 1) {
            for (int n = 0; n < s.batch(); n++) {
                int row = n * channels;
                for (int c = 0; c < channels; c += L) {
                    VectorMask<Float> m = S.indexInRange(c, channels);
                    FloatVector a = FloatVector.fromArray(S, slope, slopeOff + c, m);
                    FloatVector v = FloatVector.fromArray(S, x, xOff + row + c, m);
                    v.mul(a).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yOff + row + c, m);
                }
            }
            return;
        }
        int bound = S.loopBound(spatial);
        VectorMask<Float> tail = S.indexInRange(bound, spatial);
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < channels; c++) {
                float a = slope[slopeOff + c];
                int plane = (n * channels + c) * spatial;
                int xp = xOff + plane;
                int yp = yOff + plane;
                int p = 0;
                for (; p < bound; p += L) {
                    FloatVector v = FloatVector.fromArray(S, x, xp + p);
                    v.mul(a).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yp + p);
                }
                if (p < spatial) {
                    FloatVector v = FloatVector.fromArray(S, x, xp + p, tail);
                    v.mul(a).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yp + p, tail);
                }
            }
    }

    @Override
    public void preluBackward(ChannelShape s, float[] x, int xOff, float[] slope, int slopeOff, float[] dy, int dyOff,
                              float[] dx, int dxOff, float[] dSlope, int dSlopeOff) {
        int channels = s.channels();
        int spatial = s.spatial();
        FloatVector zero = FloatVector.zero(S);
        if (spatial == 1) {
            for (int c = 0; c < channels; c += L) {
                VectorMask<Float> m = S.indexInRange(c, channels);
                FloatVector a = FloatVector.fromArray(S, slope, slopeOff + c, m);
                FloatVector acc = zero;
                for (int n = 0; n < s.batch(); n++) {
                    int i = n * channels + c;
                    FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
                    FloatVector g = FloatVector.fromArray(S, dy, dyOff + i, m);
                    VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
                    g.mul(a).blend(g, positive).intoArray(dx, dxOff + i, m);
                    acc = acc.add(g.mul(v).blend(zero, positive));
                }
                FloatVector.fromArray(S, dSlope, dSlopeOff + c, m).add(acc).intoArray(dSlope, dSlopeOff + c, m);
            }
            return;
        }
        int bound = S.loopBound(spatial);
        VectorMask<Float> tail = S.indexInRange(bound, spatial);
        for (int c = 0; c < channels; c++) {
            float a = slope[slopeOff + c];
            FloatVector acc = zero;
            for (int n = 0; n < s.batch(); n++) {
                int plane = (n * channels + c) * spatial;
                int xp = xOff + plane;
                int gp = dyOff + plane;
                int dp = dxOff + plane;
                int p = 0;
                for (; p < bound; p += L) {
                    FloatVector v = FloatVector.fromArray(S, x, xp + p);
                    FloatVector g = FloatVector.fromArray(S, dy, gp + p);
                    VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
                    g.mul(a).blend(g, positive).intoArray(dx, dp + p);
                    acc = acc.add(g.mul(v).blend(zero, positive));
                }
                if (p < spatial) {
                    FloatVector v = FloatVector.fromArray(S, x, xp + p, tail);
                    FloatVector g = FloatVector.fromArray(S, dy, gp + p, tail);
                    VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
                    g.mul(a).blend(g, positive).intoArray(dx, dp + p, tail);
                    acc = acc.add(g.mul(v).blend(zero, positive));
                }
            }
            dSlope[dSlopeOff + c] += acc.reduceLanes(VectorOperators.ADD);
        }
    }

    @Override
    public void sigmoid(int n, float[] x, int xOff, float[] y, int yOff) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            one.div(v.neg().lanewise(VectorOperators.EXP).add(1f)).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
            one.div(v.neg().lanewise(VectorOperators.EXP).add(1f)).intoArray(y, yOff + i, m);
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
            FloatVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.TANH).intoArray(y, yOff + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xOff + i, m).lanewise(VectorOperators.TANH).intoArray(y, yOff + i, m);
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
