package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Layout;
import dev.vecnn.kernels.PoolShape;
import dev.vecnn.kernels.Pooling;
import dev.vecnn.kernels.reference.PoolingReference;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Pooling over channels-last (NHWC) activations, vectorised across the channels of a pixel: every
 * tap of a window is one contiguous load per vector of channels, for any window, stride and
 * padding, so no shuffles are needed (the NCHW 2x2 path splits even and odd columns). The window
 * is visited tap by tap in row-major order with a strict compare, which keeps the reference's
 * first-maximum rule. Max backward of windows that do not overlap (stride = window, no padding,
 * the common 2x2 case) writes every dx element once, dy where the argmax points at it and 0
 * elsewhere; overlapping windows scatter after a zero fill. A channel count that is not a multiple
 * of the vector length ends each pixel with a masked vector. NCHW shapes go to
 * {@link PoolingReference}.
 */
public final class PoolingChannelVector implements Pooling {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, S.vectorShape());
    private static final int L = Simd.LANES;

    private final Pooling reference = ReferenceHandOffs.pooling();

    @Override
    public String name() { return "PoolingChannelVector"; }

    /** True for the shapes this kernel computes itself rather than handing to its reference twin. */
    public static boolean covers(PoolShape s) {
        return s.layout() == Layout.NHWC;
    }

    /** The 2x2 stride-2 unpadded window over whole vectors of channels, which has its own paths. */
    static boolean isTwoByTwo(PoolShape s) {
        return s.kH() == 2 && s.kW() == 2 && s.strideH() == 2 && s.strideW() == 2 && s.padH() == 0 && s.padW() == 0
                && s.channels() % L == 0;
    }

    @Override
    public void maxForward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff) {
        if (covers(s)) maxForward(s, x, xOff, y, yOff, argmax, argOff, false);
        else reference.maxForward(s, x, xOff, y, yOff, argmax, argOff);
    }

    @Override
    public void maxReluForward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff) {
        if (covers(s)) maxForward(s, x, xOff, y, yOff, argmax, argOff, true);
        else reference.maxReluForward(s, x, xOff, y, yOff, argmax, argOff);
    }

    @Override
    public void maxBackward(PoolShape s, float[] dy, int dyOff, int[] argmax, int argOff, float[] dx, int dxOff) {
        if (covers(s)) maxBackward(s, dy, dyOff, null, 0, argmax, argOff, dx, dxOff);
        else reference.maxBackward(s, dy, dyOff, argmax, argOff, dx, dxOff);
    }

    @Override
    public void maxReluBackward(PoolShape s, float[] dy, int dyOff, float[] y, int yOff, int[] argmax, int argOff,
                                float[] dx, int dxOff) {
        if (covers(s)) maxBackward(s, dy, dyOff, y, yOff, argmax, argOff, dx, dxOff);
        else reference.maxReluBackward(s, dy, dyOff, y, yOff, argmax, argOff, dx, dxOff);
    }

    @Override
    public void avgForward(PoolShape s, float[] x, int xOff, float[] y, int yOff) {
        if (!covers(s)) {
            reference.avgForward(s, x, xOff, y, yOff);
            return;
        }
        int c = s.channels();
        float divisor = s.kH() * s.kW();
        for (int n = 0; n < s.batch(); n++)
            for (int oy = 0; oy < s.outH(); oy++)
                for (int ox = 0; ox < s.outW(); ox++)
                    for (int c0 = 0; c0 < c; c0 += L) {
                        VectorMask<Float> lanes = S.indexInRange(c0, c);
                        FloatVector sum = FloatVector.zero(S);
                        for (int i = 0; i < s.kH(); i++) {
                            int iy = oy * s.strideH() - s.padH() + i;
                            if (iy < 0 || iy >= s.inH()) continue;
                            for (int j = 0; j < s.kW(); j++) {
                                int ix = ox * s.strideW() - s.padW() + j;
                                if (ix < 0 || ix >= s.inW()) continue;
                                sum = sum.add(FloatVector.fromArray(S, x, xOff + s.inputIndex(n, c0, iy, ix), lanes));
                            }
                        }
                        sum.div(divisor).intoArray(y, yOff + s.outputIndex(n, c0, oy, ox), lanes);
                    }
    }

    @Override
    public void avgBackward(PoolShape s, float[] dy, int dyOff, float[] dx, int dxOff) {
        if (!covers(s)) {
            reference.avgBackward(s, dy, dyOff, dx, dxOff);
            return;
        }
        Arrays.fill(dx, dxOff, dxOff + s.inputSize(), 0f);
        int c = s.channels();
        float divisor = s.kH() * s.kW();
        for (int n = 0; n < s.batch(); n++)
            for (int oy = 0; oy < s.outH(); oy++)
                for (int ox = 0; ox < s.outW(); ox++)
                    for (int c0 = 0; c0 < c; c0 += L) {
                        VectorMask<Float> lanes = S.indexInRange(c0, c);
                        FloatVector share = FloatVector.fromArray(S, dy, dyOff + s.outputIndex(n, c0, oy, ox), lanes)
                                .div(divisor);
                        for (int i = 0; i < s.kH(); i++) {
                            int iy = oy * s.strideH() - s.padH() + i;
                            if (iy < 0 || iy >= s.inH()) continue;
                            for (int j = 0; j < s.kW(); j++) {
                                int ix = ox * s.strideW() - s.padW() + j;
                                if (ix < 0 || ix >= s.inW()) continue;
                                int at = dxOff + s.inputIndex(n, c0, iy, ix);
                                FloatVector.fromArray(S, dx, at, lanes).add(share).intoArray(dx, at, lanes);
                            }
                        }
                    }
    }

    /** The maximum and its index per window and channel; with {@code relu} y is floored at 0 (argmax unchanged). */
    private static void maxForward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff,
                                   boolean relu) {
        if (isTwoByTwo(s)) {
            maxForwardTwoByTwo(s, x, xOff, y, yOff, argmax, argOff, relu);
            return;
        }
        int c = s.channels();
        IntVector lanes = IntVector.zero(INTS).addIndex(1);
        FloatVector floor = FloatVector.broadcast(S, relu ? 0f : Float.NEGATIVE_INFINITY);
        for (int n = 0; n < s.batch(); n++)
            for (int oy = 0; oy < s.outH(); oy++)
                for (int ox = 0; ox < s.outW(); ox++)
                    for (int c0 = 0; c0 < c; c0 += L) {
                        VectorMask<Float> live = S.indexInRange(c0, c);
                        // The window's real taps form the rectangle [i0, i1) x [j0, j1); the first one starts the maximum.
                        int top = oy * s.strideH() - s.padH(), left = ox * s.strideW() - s.padW();
                        int i0 = Math.max(0, -top), i1 = Math.min(s.kH(), s.inH() - top);
                        int j0 = Math.max(0, -left), j1 = Math.min(s.kW(), s.inW() - left);
                        int first = s.inputIndex(n, c0, top + i0, left + j0);
                        FloatVector best = FloatVector.fromArray(S, x, xOff + first, live);
                        IntVector where = lanes.add(first);
                        for (int i = i0; i < i1; i++)
                            for (int j = i == i0 ? j0 + 1 : j0; j < j1; j++) {
                                int index = s.inputIndex(n, c0, top + i, left + j);
                                FloatVector v = FloatVector.fromArray(S, x, xOff + index, live);
                                VectorMask<Float> higher = v.compare(VectorOperators.GT, best);
                                best = best.blend(v, higher);
                                where = where.blend(lanes.add(index), higher.cast(INTS));
                            }
                        int out = s.outputIndex(n, c0, oy, ox);
                        best.max(floor).intoArray(y, yOff + out, live);
                        where.intoArray(argmax, argOff + out, live.cast(INTS));
                    }
    }

    /**
     * dx from dy through argmax; with y (the fused ReLU's forward output) only where y > 0.
     * Windows side by side write each dx element once; others scatter onto a zeroed dx.
     */
    private static void maxBackward(PoolShape s, float[] dy, int dyOff, float[] y, int yOff, int[] argmax, int argOff,
                                    float[] dx, int dxOff) {
        if (isTwoByTwo(s)) {
            maxBackwardTwoByTwo(s, dy, dyOff, y, yOff, argmax, argOff, dx, dxOff);
            return;
        }
        boolean tiled = s.strideH() == s.kH() && s.strideW() == s.kW() && s.padH() == 0 && s.padW() == 0;
        if (!tiled || s.outH() * s.kH() != s.inH() || s.outW() * s.kW() != s.inW())
            Arrays.fill(dx, dxOff, dxOff + s.inputSize(), 0f);
        if (!tiled) {
            for (int out = 0; out < s.outputSize(); out++)
                if (y == null || y[yOff + out] > 0f) dx[dxOff + argmax[argOff + out]] += dy[dyOff + out];
            return;
        }
        int c = s.channels();
        IntVector lanes = IntVector.zero(INTS).addIndex(1);
        FloatVector zero = FloatVector.zero(S);
        for (int n = 0; n < s.batch(); n++)
            for (int oy = 0; oy < s.outH(); oy++)
                for (int ox = 0; ox < s.outW(); ox++)
                    for (int c0 = 0; c0 < c; c0 += L) {
                        VectorMask<Float> live = S.indexInRange(c0, c);
                        int out = s.outputIndex(n, c0, oy, ox);
                        FloatVector grad = FloatVector.fromArray(S, dy, dyOff + out, live);
                        if (y != null)
                            grad = grad.blend(zero, FloatVector.fromArray(S, y, yOff + out, live).compare(VectorOperators.LE, 0f));
                        IntVector where = IntVector.fromArray(INTS, argmax, argOff + out, live.cast(INTS));
                        for (int i = 0; i < s.kH(); i++)
                            for (int j = 0; j < s.kW(); j++) {
                                int index = s.inputIndex(n, c0, oy * s.kH() + i, ox * s.kW() + j);
                                VectorMask<Float> other = where.compare(VectorOperators.NE, lanes.add(index)).cast(S);
                                grad.blend(zero, other).intoArray(dx, dxOff + index, live);
                            }
                    }
    }

    /**
     * 2x2 windows side by side: four unmasked loads per vector of channels, the indices by
     * arithmetic (tap (i, j) of output (n, oy, ox) lies at ((n * inH + 2 oy + i) * inW + 2 ox + j) * c).
     */
    private static void maxForwardTwoByTwo(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax,
                                           int argOff, boolean relu) {
        int c = s.channels(), inW = s.inW(), row = inW * c, outH = s.outH(), outW = s.outW();
        IntVector lanes = IntVector.zero(INTS).addIndex(1);
        FloatVector floor = FloatVector.broadcast(S, relu ? 0f : Float.NEGATIVE_INFINITY);
        int out = 0;
        for (int n = 0; n < s.batch(); n++)
            for (int oy = 0; oy < outH; oy++) {
                int top = (n * s.inH() + 2 * oy) * row;
                for (int ox = 0; ox < outW; ox++)
                    for (int c0 = 0; c0 < c; c0 += L, out += L) {
                        int i00 = top + 2 * ox * c + c0, i01 = i00 + c, i10 = i00 + row, i11 = i10 + c;
                        FloatVector best = FloatVector.fromArray(S, x, xOff + i00);
                        IntVector where = lanes.add(i00);
                        FloatVector v = FloatVector.fromArray(S, x, xOff + i01);
                        VectorMask<Float> higher = v.compare(VectorOperators.GT, best);
                        best = best.blend(v, higher);
                        where = where.blend(lanes.add(i01), higher.cast(INTS));
                        v = FloatVector.fromArray(S, x, xOff + i10);
                        higher = v.compare(VectorOperators.GT, best);
                        best = best.blend(v, higher);
                        where = where.blend(lanes.add(i10), higher.cast(INTS));
                        v = FloatVector.fromArray(S, x, xOff + i11);
                        higher = v.compare(VectorOperators.GT, best);
                        best = best.blend(v, higher);
                        where = where.blend(lanes.add(i11), higher.cast(INTS));
                        best.max(floor).intoArray(y, yOff + out);
                        where.intoArray(argmax, argOff + out);
                    }
            }
    }

    private static void maxBackwardTwoByTwo(PoolShape s, float[] dy, int dyOff, float[] y, int yOff, int[] argmax,
                                            int argOff, float[] dx, int dxOff) {
        maxBackwardTwoByTwo(s.batch(), s.channels(), s.inH(), s.inW(), dy, dyOff, y, yOff, argmax, argOff, dx, dxOff);
    }

    /**
     * 2x2 windows side by side over a batch x inH x inW x c input (c a multiple of the vector
     * length): each dx element written once, dy where the argmax points at it, else 0. Without a
     * {@link PoolShape}, for a fused kernel that calls it on every step.
     */
    static void maxBackwardTwoByTwo(int batch, int c, int inH, int inW, float[] dy, int dyOff, float[] y, int yOff,
                                    int[] argmax, int argOff, float[] dx, int dxOff) {
        int outH = inH / 2, outW = inW / 2, row = inW * c;
        if (outH * 2 != inH || outW * 2 != inW) Arrays.fill(dx, dxOff, dxOff + batch * inH * row, 0f);
        IntVector lanes = IntVector.zero(INTS).addIndex(1);
        FloatVector zero = FloatVector.zero(S);
        int out = 0;
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < outH; oy++) {
                int top = (n * inH + 2 * oy) * row;
                for (int ox = 0; ox < outW; ox++)
                    for (int c0 = 0; c0 < c; c0 += L, out += L) {
                        int i00 = top + 2 * ox * c + c0, i01 = i00 + c, i10 = i00 + row, i11 = i10 + c;
                        FloatVector grad = FloatVector.fromArray(S, dy, dyOff + out);
                        if (y != null)
                            grad = grad.blend(zero, FloatVector.fromArray(S, y, yOff + out).compare(VectorOperators.LE, 0f));
                        IntVector where = IntVector.fromArray(INTS, argmax, argOff + out).sub(lanes);
                        grad.blend(zero, where.compare(VectorOperators.NE, i00).cast(S)).intoArray(dx, dxOff + i00);
                        grad.blend(zero, where.compare(VectorOperators.NE, i01).cast(S)).intoArray(dx, dxOff + i01);
                        grad.blend(zero, where.compare(VectorOperators.NE, i10).cast(S)).intoArray(dx, dxOff + i10);
                        grad.blend(zero, where.compare(VectorOperators.NE, i11).cast(S)).intoArray(dx, dxOff + i11);
                    }
            }
    }
}
