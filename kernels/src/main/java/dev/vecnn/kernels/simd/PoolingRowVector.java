package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.PoolShape;
import dev.vecnn.kernels.Pooling;
import dev.vecnn.kernels.reference.PoolingReference;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Pooling vectorised along each output row: one lane per output column, the window visited tap by
 * tap in row-major order (so argmax keeps the reference's first-maximum rule), padding masked off.
 * Horizontal stride 1 loads a run of the input row, stride 2 two runs split into even and odd
 * columns; wider strides go to {@link PoolingReference}. The 2x2 stride-2 unpadded window, the common case, has its
 * own path: two contiguous loads per input row split into even and odd columns, and a backward pass
 * that writes whole rows of dx instead of scattering. Max backward of other windows is a scalar
 * scatter (overlapping windows collide), after a vector zero fill.
 */
public final class PoolingRowVector implements Pooling {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, SPECIES.vectorShape());
    private static final int LANES = Simd.LANES;
    static final int MAX_STRIDE = 2;
    /** MULTIPLES[s] = {0, s, 2s, ...}: the input columns of the lanes for horizontal stride s. */
    private static final int[][] MULTIPLES = multiples();
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(SPECIES, i -> 2 * i);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(SPECIES, i -> 2 * i + 1);
    /** Interleave the lower (ZIP_LOW) or upper (ZIP_HIGH) halves of two vectors, first vector first. */
    private static final VectorShuffle<Float> ZIP_LOW = VectorShuffle.fromOp(SPECIES, i -> i / 2 + (i % 2) * LANES);
    private static final VectorShuffle<Float> ZIP_HIGH =
            VectorShuffle.fromOp(SPECIES, i -> LANES / 2 + i / 2 + (i % 2) * LANES);

    private final Pooling reference = new PoolingReference();

    @Override
    public String name() { return "PoolingRowVector"; }

    /** True for the shapes this kernel computes itself rather than handing to its reference twin. */
    public static boolean covers(PoolShape s) {
        return s.strideW() <= MAX_STRIDE;
    }

    /** The unpadded 2x2 window with stride 2, which has its own path. */
    static boolean isTwoByTwo(PoolShape s) {
        return s.kH() == 2 && s.kW() == 2 && s.strideH() == 2 && s.strideW() == 2 && s.padH() == 0 && s.padW() == 0;
    }

    @Override
    public void maxForward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff) {
        if (isTwoByTwo(s)) maxForwardTwoByTwo(s, x, xOff, y, yOff, argmax, argOff);
        else if (covers(s)) maxForwardRows(s, x, xOff, y, yOff, argmax, argOff);
        else reference.maxForward(s, x, xOff, y, yOff, argmax, argOff);
    }

    @Override
    public void maxBackward(PoolShape s, float[] dy, int dyOff, int[] argmax, int argOff, float[] dx, int dxOff) {
        if (isTwoByTwo(s) && maxBackwardTwoByTwo(s, dy, dyOff, argmax, argOff, dx, dxOff)) return;
        Arrays.fill(dx, dxOff, dxOff + s.inputSize(), 0f);
        for (int out = 0; out < s.outputSize(); out++) dx[dxOff + argmax[argOff + out]] += dy[dyOff + out];
    }

    @Override
    public void avgForward(PoolShape s, float[] x, int xOff, float[] y, int yOff) {
        if (isTwoByTwo(s)) avgForwardTwoByTwo(s, x, xOff, y, yOff);
        else if (covers(s)) avgForwardRows(s, x, xOff, y, yOff);
        else reference.avgForward(s, x, xOff, y, yOff);
    }

    @Override
    public void avgBackward(PoolShape s, float[] dy, int dyOff, float[] dx, int dxOff) {
        if (isTwoByTwo(s)) avgBackwardTwoByTwo(s, dy, dyOff, dx, dxOff);
        else if (covers(s)) avgBackwardRows(s, dy, dyOff, dx, dxOff);
        else reference.avgBackward(s, dy, dyOff, dx, dxOff);
    }

    // ---- any window: one lane per output column ----

    private static void maxForwardRows(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff) {
        int inH = s.inH(), inW = s.inW(), outH = s.outH(), outW = s.outW(), sw = s.strideW();
        IntVector laneColumns = IntVector.fromArray(INTS, MULTIPLES[sw], 0);
        FloatVector lowest = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        IntVector none = IntVector.broadcast(INTS, -1);
        int out = 0;
        for (int plane = 0; plane < s.batch() * s.channels(); plane++)
            for (int oy = 0; oy < outH; oy++, out += outW)
                for (int ox = 0; ox < outW; ox += LANES) {
                    FloatVector best = lowest;
                    IntVector bestIndex = none;
                    for (int i = 0; i < s.kH(); i++) {
                        int iy = oy * s.strideH() - s.padH() + i;
                        if (iy < 0 || iy >= inH) continue;
                        int row = (plane * inH + iy) * inW;
                        for (int j = 0; j < s.kW(); j++) {
                            int shift = j - s.padW();
                            int from = Im2colRowCopy.firstInside(shift, sw) - ox;
                            int to = Math.min(LANES, Im2colRowCopy.endInside(shift, sw, inW, outW) - ox);
                            if (from >= to) continue;
                            int first = row + ox * sw + shift;
                            FloatVector v = loadTap(x, xOff + first, sw, from, to);
                            VectorMask<Float> wins = v.compare(VectorOperators.GT, best)
                                    .or(bestIndex.compare(VectorOperators.LT, 0).cast(SPECIES))
                                    .and(LaneMasks.between(from, to));
                            best = best.blend(v, wins);
                            bestIndex = bestIndex.blend(laneColumns.add(first), wins.cast(INTS));
                        }
                    }
                    VectorMask<Float> m = SPECIES.indexInRange(ox, outW);
                    best.intoArray(y, yOff + out + ox, m);
                    bestIndex.intoArray(argmax, argOff + out + ox, m.cast(INTS));
                }
    }

    private static void avgForwardRows(PoolShape s, float[] x, int xOff, float[] y, int yOff) {
        int inH = s.inH(), inW = s.inW(), outH = s.outH(), outW = s.outW(), sw = s.strideW();
        FloatVector divisor = FloatVector.broadcast(SPECIES, (float) (s.kH() * s.kW()));
        int out = 0;
        for (int plane = 0; plane < s.batch() * s.channels(); plane++)
            for (int oy = 0; oy < outH; oy++, out += outW)
                for (int ox = 0; ox < outW; ox += LANES) {
                    FloatVector sum = FloatVector.zero(SPECIES);
                    for (int i = 0; i < s.kH(); i++) {
                        int iy = oy * s.strideH() - s.padH() + i;
                        if (iy < 0 || iy >= inH) continue;
                        int row = xOff + (plane * inH + iy) * inW;
                        for (int j = 0; j < s.kW(); j++) {
                            int shift = j - s.padW();
                            int from = Im2colRowCopy.firstInside(shift, sw) - ox;
                            int to = Math.min(LANES, Im2colRowCopy.endInside(shift, sw, inW, outW) - ox);
                            if (from < to) sum = sum.add(loadTap(x, row + ox * sw + shift, sw, from, to));
                        }
                    }
                    sum.div(divisor).intoArray(y, yOff + out + ox, SPECIES.indexInRange(ox, outW));
                }
    }

    private static void avgBackwardRows(PoolShape s, float[] dy, int dyOff, float[] dx, int dxOff) {
        int inH = s.inH(), inW = s.inW(), outH = s.outH(), outW = s.outW(), sw = s.strideW();
        FloatVector divisor = FloatVector.broadcast(SPECIES, (float) (s.kH() * s.kW()));
        Arrays.fill(dx, dxOff, dxOff + s.inputSize(), 0f);
        int out = 0;
        for (int plane = 0; plane < s.batch() * s.channels(); plane++)
            for (int oy = 0; oy < outH; oy++, out += outW)
                for (int ox = 0; ox < outW; ox += LANES) {
                    FloatVector share = FloatVector.fromArray(SPECIES, dy, dyOff + out + ox, SPECIES.indexInRange(ox, outW))
                            .div(divisor);
                    for (int i = 0; i < s.kH(); i++) {
                        int iy = oy * s.strideH() - s.padH() + i;
                        if (iy < 0 || iy >= inH) continue;
                        int row = dxOff + (plane * inH + iy) * inW;
                        for (int j = 0; j < s.kW(); j++) {
                            int shift = j - s.padW();
                            int from = Im2colRowCopy.firstInside(shift, sw) - ox;
                            int to = Math.min(LANES, Im2colRowCopy.endInside(shift, sw, inW, outW) - ox);
                            if (from < to) addTap(dx, row + ox * sw + shift, sw, from, to, share);
                        }
                    }
                }
    }

    /**
     * Lane N = a[first + N * sw] for N in [from, to), 0 elsewhere; sw is 1 or 2. Stride 2 loads the
     * two vectors that span the lanes and keeps their even elements: no gather, whose index check
     * would also cover the lanes that fall outside the array.
     */
    private static FloatVector loadTap(float[] a, int first, int sw, int from, int to) {
        if (sw == 1) return FloatVector.fromArray(SPECIES, a, first, LaneMasks.between(from, to));
        FloatVector low = FloatVector.fromArray(SPECIES, a, first, LaneMasks.between(2 * from, 2 * to - 1));
        FloatVector high = FloatVector.fromArray(SPECIES, a, first + LANES,
                LaneMasks.between(2 * from - LANES, 2 * to - 1 - LANES));
        return low.rearrange(EVEN, high);
    }

    /** a[first + N * sw] += share lane N for N in [from, to); sw is 1 or 2. */
    private static void addTap(float[] a, int first, int sw, int from, int to, FloatVector share) {
        if (sw == 1) {
            VectorMask<Float> m = LaneMasks.between(from, to);
            FloatVector.fromArray(SPECIES, a, first, m).add(share).intoArray(a, first, m);
            return;
        }
        FloatVector zero = FloatVector.zero(SPECIES);
        VectorMask<Float> low = LaneMasks.between(2 * from, 2 * to - 1);
        VectorMask<Float> high = LaneMasks.between(2 * from - LANES, 2 * to - 1 - LANES);
        FloatVector.fromArray(SPECIES, a, first, low).add(share.rearrange(ZIP_LOW, zero)).intoArray(a, first, low);
        FloatVector.fromArray(SPECIES, a, first + LANES, high).add(share.rearrange(ZIP_HIGH, zero))
                .intoArray(a, first + LANES, high);
    }

    // ---- the 2x2 stride-2 window: even and odd columns of two input rows ----

    private static void maxForwardTwoByTwo(PoolShape s, float[] x, int xOff, float[] y, int yOff,
                                           int[] argmax, int argOff) {
        int inH = s.inH(), inW = s.inW(), outH = s.outH(), outW = s.outW(), used = 2 * outW;
        IntVector evenColumns = IntVector.fromArray(INTS, MULTIPLES[2], 0);
        int out = 0;
        for (int plane = 0; plane < s.batch() * s.channels(); plane++)
            for (int oy = 0; oy < outH; oy++, out += outW) {
                int top = (plane * inH + 2 * oy) * inW, bottom = top + inW;
                for (int ox = 0; ox < outW; ox += LANES) {
                    int c = 2 * ox;
                    VectorMask<Float> low = SPECIES.indexInRange(c, used), high = SPECIES.indexInRange(c + LANES, used);
                    FloatVector t0 = FloatVector.fromArray(SPECIES, x, xOff + top + c, low);
                    FloatVector t1 = FloatVector.fromArray(SPECIES, x, xOff + top + c + LANES, high);
                    FloatVector b0 = FloatVector.fromArray(SPECIES, x, xOff + bottom + c, low);
                    FloatVector b1 = FloatVector.fromArray(SPECIES, x, xOff + bottom + c + LANES, high);
                    IntVector index = evenColumns.add(top + c);
                    FloatVector best = t0.rearrange(EVEN, t1);
                    IntVector bestIndex = index;
                    FloatVector v = t0.rearrange(ODD, t1);
                    VectorMask<Float> wins = v.compare(VectorOperators.GT, best);
                    best = best.blend(v, wins);
                    bestIndex = bestIndex.blend(index.add(1), wins.cast(INTS));
                    v = b0.rearrange(EVEN, b1);
                    wins = v.compare(VectorOperators.GT, best);
                    best = best.blend(v, wins);
                    bestIndex = bestIndex.blend(index.add(inW), wins.cast(INTS));
                    v = b0.rearrange(ODD, b1);
                    wins = v.compare(VectorOperators.GT, best);
                    best = best.blend(v, wins);
                    bestIndex = bestIndex.blend(index.add(inW + 1), wins.cast(INTS));
                    VectorMask<Float> m = SPECIES.indexInRange(ox, outW);
                    best.intoArray(y, yOff + out + ox, m);
                    bestIndex.intoArray(argmax, argOff + out + ox, m.cast(INTS));
                }
            }
    }

    /**
     * Writes dx row pair by row pair; returns false, leaving dx to the general scatter, when some
     * argmax lies outside its own window (argmax not produced by maxForward of this shape).
     */
    private static boolean maxBackwardTwoByTwo(PoolShape s, float[] dy, int dyOff, int[] argmax, int argOff,
                                               float[] dx, int dxOff) {
        int inH = s.inH(), inW = s.inW(), outH = s.outH(), outW = s.outW(), used = 2 * outW;
        IntVector evenColumns = IntVector.fromArray(INTS, MULTIPLES[2], 0);
        FloatVector zero = FloatVector.zero(SPECIES);
        VectorMask<Integer> stray = INTS.maskAll(false);
        int out = 0;
        for (int plane = 0; plane < s.batch() * s.channels(); plane++) {
            for (int oy = 0; oy < outH; oy++, out += outW) {
                int top = (plane * inH + 2 * oy) * inW, bottom = top + inW;
                for (int ox = 0; ox < outW; ox += LANES) {
                    int c = 2 * ox;
                    VectorMask<Float> m = SPECIES.indexInRange(ox, outW);
                    VectorMask<Integer> mi = m.cast(INTS);
                    FloatVector g = FloatVector.fromArray(SPECIES, dy, dyOff + out + ox, m);
                    IntVector a = IntVector.fromArray(INTS, argmax, argOff + out + ox, mi);
                    IntVector index = evenColumns.add(top + c);
                    VectorMask<Integer> topLeft = a.compare(VectorOperators.EQ, index);
                    VectorMask<Integer> topRight = a.compare(VectorOperators.EQ, index.add(1));
                    VectorMask<Integer> bottomLeft = a.compare(VectorOperators.EQ, index.add(inW));
                    VectorMask<Integer> bottomRight = a.compare(VectorOperators.EQ, index.add(inW + 1));
                    stray = stray.or(topLeft.or(topRight).or(bottomLeft).or(bottomRight).not().and(mi));
                    FloatVector tl = zero.blend(g, topLeft.cast(SPECIES)), tr = zero.blend(g, topRight.cast(SPECIES));
                    FloatVector bl = zero.blend(g, bottomLeft.cast(SPECIES)), br = zero.blend(g, bottomRight.cast(SPECIES));
                    VectorMask<Float> low = SPECIES.indexInRange(c, used), high = SPECIES.indexInRange(c + LANES, used);
                    tl.rearrange(ZIP_LOW, tr).intoArray(dx, dxOff + top + c, low);
                    tl.rearrange(ZIP_HIGH, tr).intoArray(dx, dxOff + top + c + LANES, high);
                    bl.rearrange(ZIP_LOW, br).intoArray(dx, dxOff + bottom + c, low);
                    bl.rearrange(ZIP_HIGH, br).intoArray(dx, dxOff + bottom + c + LANES, high);
                }
                if (used < inW) zeroColumnsFrom(dx, dxOff + top, used, inW);
            }
            zeroUncoveredRows(s, dx, dxOff, plane);
        }
        return !stray.anyTrue();
    }

    private static void avgForwardTwoByTwo(PoolShape s, float[] x, int xOff, float[] y, int yOff) {
        int inH = s.inH(), inW = s.inW(), outH = s.outH(), outW = s.outW(), used = 2 * outW;
        FloatVector divisor = FloatVector.broadcast(SPECIES, 4f);
        int out = 0;
        for (int plane = 0; plane < s.batch() * s.channels(); plane++)
            for (int oy = 0; oy < outH; oy++, out += outW) {
                int top = xOff + (plane * inH + 2 * oy) * inW, bottom = top + inW;
                for (int ox = 0; ox < outW; ox += LANES) {
                    int c = 2 * ox;
                    VectorMask<Float> low = SPECIES.indexInRange(c, used), high = SPECIES.indexInRange(c + LANES, used);
                    FloatVector t0 = FloatVector.fromArray(SPECIES, x, top + c, low);
                    FloatVector t1 = FloatVector.fromArray(SPECIES, x, top + c + LANES, high);
                    FloatVector b0 = FloatVector.fromArray(SPECIES, x, bottom + c, low);
                    FloatVector b1 = FloatVector.fromArray(SPECIES, x, bottom + c + LANES, high);
                    t0.rearrange(EVEN, t1).add(t0.rearrange(ODD, t1)).add(b0.rearrange(EVEN, b1)).add(b0.rearrange(ODD, b1))
                            .div(divisor).intoArray(y, yOff + out + ox, SPECIES.indexInRange(ox, outW));
                }
            }
    }

    private static void avgBackwardTwoByTwo(PoolShape s, float[] dy, int dyOff, float[] dx, int dxOff) {
        int inH = s.inH(), inW = s.inW(), outH = s.outH(), outW = s.outW(), used = 2 * outW;
        FloatVector divisor = FloatVector.broadcast(SPECIES, 4f);
        int out = 0;
        for (int plane = 0; plane < s.batch() * s.channels(); plane++) {
            for (int oy = 0; oy < outH; oy++, out += outW) {
                int top = dxOff + (plane * inH + 2 * oy) * inW, bottom = top + inW;
                for (int ox = 0; ox < outW; ox += LANES) {
                    int c = 2 * ox;
                    FloatVector share = FloatVector.fromArray(SPECIES, dy, dyOff + out + ox, SPECIES.indexInRange(ox, outW))
                            .div(divisor);
                    FloatVector left = share.rearrange(ZIP_LOW, share), right = share.rearrange(ZIP_HIGH, share);
                    VectorMask<Float> low = SPECIES.indexInRange(c, used), high = SPECIES.indexInRange(c + LANES, used);
                    left.intoArray(dx, top + c, low);
                    right.intoArray(dx, top + c + LANES, high);
                    left.intoArray(dx, bottom + c, low);
                    right.intoArray(dx, bottom + c + LANES, high);
                }
                if (used < inW) zeroColumnsFrom(dx, top, used, inW);
            }
            zeroUncoveredRows(s, dx, dxOff, plane);
        }
    }

    /** Zeroes columns [from, inW) of the two input rows starting at top: no 2x2 window reads them. */
    private static void zeroColumnsFrom(float[] dx, int top, int from, int inW) {
        Arrays.fill(dx, top + from, top + inW, 0f);
        Arrays.fill(dx, top + inW + from, top + 2 * inW, 0f);
    }

    /** Zeroes the last input row of a plane when inH is odd: no 2x2 window reads it. */
    private static void zeroUncoveredRows(PoolShape s, float[] dx, int dxOff, int plane) {
        int planeStart = dxOff + plane * s.inH() * s.inW();
        Arrays.fill(dx, planeStart + 2 * s.outH() * s.inW(), planeStart + s.inH() * s.inW(), 0f);
    }

    private static int[][] multiples() {
        int[][] table = new int[MAX_STRIDE + 1][LANES];
        for (int stride = 0; stride <= MAX_STRIDE; stride++)
            for (int lane = 0; lane < LANES; lane++) table[stride][lane] = lane * stride;
        return table;
    }
}
