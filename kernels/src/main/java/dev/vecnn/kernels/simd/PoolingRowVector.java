package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Layout;
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
import java.util.stream.IntStream;

/**
 * Pooling vectorised along each output row: one lane per output column, the window visited tap by
 * tap in row-major order (so argmax keeps the reference's first-maximum rule), padding masked off.
 * Covers horizontal stride 1, whose taps are runs of an input row, and the 2x2 stride-2 window;
 * other strides go to {@link PoolingReference} (a strided tap needs a gather or two loads and a
 * two-vector shuffle, and the variant that chose between them per call boxed its vectors). The 2x2
 * stride-2 unpadded window, the common case (and the one fused with the ReLU in training), has its
 * own max paths, which work on whole vectors without a mask in the loop: the forward splits two
 * loads per input row into even and odd columns; the backward spreads dy and argmax over the
 * window's columns and writes whole rows of dx instead of scattering. Max backward of other
 * windows is a scalar scatter (overlapping windows collide), after a zero fill. NCHW only: the
 * other paths of channels-last shapes go to the reference.
 */
public final class PoolingRowVector implements Pooling {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, SPECIES.vectorShape());
    private static final int LANES = Simd.LANES;
    /** The lane numbers: the input columns of the lanes at horizontal stride 1. */
    private static final int[] LANE_NUMBERS = IntStream.range(0, LANES).toArray();
    /**
     * Shuffle tables of the 2x2 max backward, which loads them as vectors and turns those into
     * shuffles once per call: C2 reloads a static final shuffle from its array at every use, in the
     * loop, and VectorShuffle.fromArray allocates. Lane N takes lane N / 2 or LANES / 2 + N / 2
     * (each of half the lanes spread over two).
     */
    private static final int[] SPREAD_LOW_LANES = IntStream.range(0, LANES).map(i -> i / 2).toArray();
    private static final int[] SPREAD_HIGH_LANES = IntStream.range(0, LANES).map(i -> LANES / 2 + i / 2).toArray();
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(SPECIES, i -> 2 * i);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(SPECIES, i -> 2 * i + 1);
    /** Interleave the lower (ZIP_LOW) or upper (ZIP_HIGH) halves of two vectors, first vector first. */
    private static final VectorShuffle<Float> ZIP_LOW = VectorShuffle.fromOp(SPECIES, i -> i / 2 + (i % 2) * LANES);
    private static final VectorShuffle<Float> ZIP_HIGH =
            VectorShuffle.fromOp(SPECIES, i -> LANES / 2 + i / 2 + (i % 2) * LANES);

    private final Pooling reference = ReferenceHandOffs.pooling();

    @Override
    public String name() { return "PoolingRowVector"; }

    /** True for the shapes this kernel computes itself rather than handing to its reference twin. */
    public static boolean covers(PoolShape s) {
        return s.layout() == Layout.NCHW && (s.strideW() == 1 || isTwoByTwo(s));
    }

    /** The unpadded 2x2 window with stride 2, which has its own path. */
    static boolean isTwoByTwo(PoolShape s) {
        return s.layout() == Layout.NCHW && s.kH() == 2 && s.kW() == 2 && s.strideH() == 2 && s.strideW() == 2 && s.padH() == 0 && s.padW() == 0;
    }

    @Override
    public void maxForward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff) {
        if (isTwoByTwo(s)) maxForwardTwoByTwo(s, x, xOff, y, yOff, argmax, argOff, false);
        else if (covers(s)) maxForwardRows(s, x, xOff, y, yOff, argmax, argOff);
        else reference.maxForward(s, x, xOff, y, yOff, argmax, argOff);
    }

    @Override
    public void maxBackward(PoolShape s, float[] dy, int dyOff, int[] argmax, int argOff, float[] dx, int dxOff) {
        if (isTwoByTwo(s) && maxBackwardTwoByTwo(s, dy, dyOff, dy, dyOff, false, argmax, argOff, dx, dxOff))
            return;
        Arrays.fill(dx, dxOff, dxOff + s.inputSize(), 0f);
        for (int out = 0; out < s.outputSize(); out++) dx[dxOff + argmax[argOff + out]] += dy[dyOff + out];
    }

    /** The 2x2 path with a floor of 0 instead of -infinity; other windows: maxForward, then the ReLU on y. */
    @Override
    public void maxReluForward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff) {
        if (isTwoByTwo(s)) {
            maxForwardTwoByTwo(s, x, xOff, y, yOff, argmax, argOff, true);
            return;
        }
        maxForward(s, x, xOff, y, yOff, argmax, argOff);
        int n = s.outputSize(), i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += LANES)
            FloatVector.fromArray(SPECIES, y, yOff + i).max(0f).intoArray(y, yOff + i);
        for (; i < n; i++) y[yOff + i] = Math.max(y[yOff + i], 0f);
    }

    @Override
    public void maxReluBackward(PoolShape s, float[] dy, int dyOff, float[] y, int yOff, int[] argmax, int argOff,
                                float[] dx, int dxOff) {
        if (isTwoByTwo(s) && maxBackwardTwoByTwo(s, dy, dyOff, y, yOff, true, argmax, argOff, dx, dxOff))
            return;
        Arrays.fill(dx, dxOff, dxOff + s.inputSize(), 0f);
        for (int out = 0; out < s.outputSize(); out++)
            if (y[yOff + out] > 0f) dx[dxOff + argmax[argOff + out]] += dy[dyOff + out];
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
        int inH = s.inH(), inW = s.inW(), outH = s.outH(), outW = s.outW();
        IntVector laneColumns = IntVector.fromArray(INTS, LANE_NUMBERS, 0);
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
                            int from = Im2colRowCopy.firstInside(shift, 1) - ox;
                            int to = Math.min(LANES, Im2colRowCopy.endInside(shift, 1, inW, outW) - ox);
                            if (from >= to) continue;
                            int first = row + ox + shift;
                            VectorMask<Float> inside = LaneMasks.between(from, to);
                            FloatVector v = FloatVector.fromArray(SPECIES, x, xOff + first, inside);
                            VectorMask<Float> wins = v.compare(VectorOperators.GT, best)
                                    .or(bestIndex.compare(VectorOperators.LT, 0).cast(SPECIES)).and(inside);
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
        int inH = s.inH(), inW = s.inW(), outH = s.outH(), outW = s.outW();
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
                            int from = Im2colRowCopy.firstInside(shift, 1) - ox;
                            int to = Math.min(LANES, Im2colRowCopy.endInside(shift, 1, inW, outW) - ox);
                            if (from < to)
                                sum = sum.add(FloatVector.fromArray(SPECIES, x, row + ox + shift, LaneMasks.between(from, to)));
                        }
                    }
                    sum.div(divisor).intoArray(y, yOff + out + ox, SPECIES.indexInRange(ox, outW));
                }
    }

    private static void avgBackwardRows(PoolShape s, float[] dy, int dyOff, float[] dx, int dxOff) {
        int inH = s.inH(), inW = s.inW(), outH = s.outH(), outW = s.outW();
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
                            int from = Im2colRowCopy.firstInside(shift, 1) - ox;
                            int to = Math.min(LANES, Im2colRowCopy.endInside(shift, 1, inW, outW) - ox);
                            if (from >= to) continue;
                            VectorMask<Float> m = LaneMasks.between(from, to);
                            int first = row + ox + shift;
                            FloatVector.fromArray(SPECIES, dx, first, m).add(share).intoArray(dx, first, m);
                        }
                    }
                }
    }

    // ---- the 2x2 stride-2 window: even and odd columns of two input rows ----

    /**
     * A vector of outputs per step: two loads per input row, split into even and odd columns by
     * two-vector rearranges, the four taps compared in the reference's order (left before right,
     * top before bottom: the first maximum wins). The winners' offsets in the window are blended as
     * int bits carried in float vectors, so no mask changes type. With {@code relu}, y is
     * max(maximum, 0) by a blend where the maximum is at most 0 (which keeps NaN, as Math.max). No
     * masks: narrow rows are loaded and stored whole, running on past their end, a step taking as
     * many rows of a plane as fit (see {@link #rowsPerStep}); a row wider than a vector of outputs
     * takes whole vectors, the last step overlapping the one before, as the last step of a plane
     * does. Where the steps would leave the operands' regions, the rest goes scalar.
     */
    private static void maxForwardTwoByTwo(PoolShape s, float[] x, int xOff, float[] y, int yOff,
                                           int[] argmax, int argOff, boolean relu) {
        int inH = s.inH(), inW = s.inW(), outH = s.outH(), outW = s.outW(), planes = s.batch() * s.channels();
        int group = rowsPerStep(s), lastOy = outH - group, lastOx = Math.max(outW - LANES, 0);
        // How far the steps of a row pair reach into x and y, against where the regions end.
        int inReach = inW + 2 * Math.max(LANES, outW) - s.inputSize(), outReach = Math.max(LANES, outW) - s.outputSize();
        // Lane q holds output q of the step, in its row q / outW: even is the offset from the step's
        // first input of its window's left column, which the lanes past the outputs keep in range.
        IntVector lanes = IntVector.fromArray(INTS, LANE_NUMBERS, 0), even = lanes.add(lanes);
        for (int r = 1; r < group; r++)
            even = even.add(2 * (inW - outW), lanes.compare(VectorOperators.GE, r * outW));
        even = even.min(2 * LANES - 2);
        IntVector odd = even.add(1);
        VectorShuffle<Float> evens = even.toShuffle().cast(SPECIES), odds = odd.toShuffle().cast(SPECIES);
        FloatVector topLeft = even.reinterpretAsFloats(), topRight = odd.reinterpretAsFloats();
        FloatVector bottomLeft = even.add(inW).reinterpretAsFloats(), bottomRight = odd.add(inW).reinterpretAsFloats();
        FloatVector zero = FloatVector.zero(SPECIES);
        VectorMask<Float> clamp = SPECIES.maskAll(relu);
        int plane = 0, oy = 0, planeTop = 0, planeOut = 0;
        while (plane < planes) {
            int top = planeTop + 2 * inW * oy, out = planeOut + outW * oy;
            if (top + inReach > 0 || out + outReach > 0) break;
            for (int ox = 0; ; ox = Math.min(ox + LANES, lastOx)) {
                int first = top + 2 * ox, at = xOff + first;
                FloatVector t0 = FloatVector.fromArray(SPECIES, x, at);
                FloatVector t1 = FloatVector.fromArray(SPECIES, x, at + LANES);
                FloatVector b0 = FloatVector.fromArray(SPECIES, x, at + inW);
                FloatVector b1 = FloatVector.fromArray(SPECIES, x, at + inW + LANES);
                FloatVector best = t0.rearrange(evens, t1), bestAt = topLeft;
                FloatVector v = t0.rearrange(odds, t1);
                VectorMask<Float> wins = v.compare(VectorOperators.GT, best);
                best = best.blend(v, wins);
                bestAt = bestAt.blend(topRight, wins);
                v = b0.rearrange(evens, b1);
                wins = v.compare(VectorOperators.GT, best);
                best = best.blend(v, wins);
                bestAt = bestAt.blend(bottomLeft, wins);
                v = b0.rearrange(odds, b1);
                wins = v.compare(VectorOperators.GT, best);
                best = best.blend(v, wins);
                bestAt = bestAt.blend(bottomRight, wins);
                best.blend(zero, best.compare(VectorOperators.LE, 0f).and(clamp)).intoArray(y, yOff + out + ox);
                bestAt.reinterpretAsInts().add(first).intoArray(argmax, argOff + out + ox);
                if (ox == lastOx) break;
            }
            if (oy < lastOy) oy = Math.min(oy + group, lastOy);
            else {
                oy = 0;
                plane++;
                planeTop += inH * inW;
                planeOut += outH * outW;
            }
        }
        for (; plane < planes; plane++, oy = 0)
            for (; oy < outH; oy++)
                for (int ox = 0; ox < outW; ox++) {
                    int first = (plane * inH + 2 * oy) * inW + 2 * ox, bestAt = first, out = (plane * outH + oy) * outW + ox;
                    float best = x[xOff + first];
                    if (x[xOff + first + 1] > best) best = x[xOff + (bestAt = first + 1)];
                    if (x[xOff + first + inW] > best) best = x[xOff + (bestAt = first + inW)];
                    if (x[xOff + first + inW + 1] > best) best = x[xOff + (bestAt = first + inW + 1)];
                    y[yOff + out] = relu ? Math.max(best, 0f) : best;
                    argmax[argOff + out] = bestAt;
                }
    }

    /**
     * The output rows of a plane one forward step takes: as many as fit in a vector of outputs
     * whose windows' columns fit in the two vectors loaded per input row (each row pair of the step
     * lies 2 inW further on); one when the rows are wider.
     */
    private static int rowsPerStep(PoolShape s) {
        int rows = 1;
        while (rows < s.outH() && (rows + 1) * s.outW() <= LANES && 2 * rows * s.inW() + 2 * s.outW() <= 2 * LANES) rows++;
        return rows;
    }

    /**
     * Writes dx row pair by row pair: each dy and its argmax spread over the two lanes of its
     * window's columns, and each lane of dx keeping the dy whose argmax names it, zero otherwise;
     * when {@code gated} (the fused ReLU), each dy only where the forward's y (in gate) is above 0.
     * The mask that keeps every dy otherwise is computed from the flag, not chosen by a condition,
     * which C2 would box. An argmax names at most one lane, so counting the lanes named tells
     * whether every argmax lay in its own window. Steps as in {@link #maxForwardTwoByTwo}: a narrow
     * row's stores run on into memory written later (the bottom row, the next row pair), and the
     * last rows, where that would leave dx's region, are zeroed and scattered. Returns false,
     * leaving dx to the general scatter, when some argmax lies outside its own window (argmax not
     * produced by maxForward of this shape).
     */
    private static boolean maxBackwardTwoByTwo(PoolShape s, float[] dy, int dyOff, float[] gate, int gateOff,
                                               boolean gated, int[] argmax, int argOff, float[] dx, int dxOff) {
        int inH = s.inH(), inW = s.inW(), outH = s.outH(), outW = s.outW(), gap = (inH - 2 * outH) * inW;
        int rows = s.batch() * s.channels() * outH, vectorRows = vectorRows(s), lastOx = Math.max(outW - LANES, 0);
        int perStep = Math.min(outW, LANES), steps = (outW + LANES - 1) / LANES;
        boolean twoStores = inW > LANES, oddColumn = inW % 2 == 1;
        IntVector lanes = IntVector.fromArray(INTS, LANE_NUMBERS, 0), highLanes = lanes.add(LANES);
        IntVector bottomLanes = lanes.add(inW), bottomHighLanes = lanes.add(inW + LANES);
        VectorShuffle<Integer> spreadLow = IntVector.fromArray(INTS, SPREAD_LOW_LANES, 0).toShuffle();
        VectorShuffle<Integer> spreadHigh = IntVector.fromArray(INTS, SPREAD_HIGH_LANES, 0).toShuffle();
        IntVector none = IntVector.zero(INTS);
        FloatVector zero = FloatVector.zero(SPECIES);
        // Lanes past a narrow row: no dy (so an odd last column gets its zero), no argmax to count.
        VectorMask<Float> keep = LaneMasks.between(0, perStep), keepAll = SPECIES.maskAll(!gated);
        VectorMask<Integer> countLow = lanes.compare(VectorOperators.LT, 2 * perStep);
        VectorMask<Integer> countHigh = highLanes.compare(VectorOperators.LT, 2 * perStep);
        IntVector named = IntVector.zero(INTS);
        int top = 0, oy = 0, out = 0, row = 0;
        for (; row < vectorRows; row++, out += outW) {
            for (int ox = 0; ; ox = Math.min(ox + LANES, lastOx)) {
                int first = top + 2 * ox, at = dxOff + first;
                FloatVector g = FloatVector.fromArray(SPECIES, dy, dyOff + out + ox);
                VectorMask<Float> live = FloatVector.fromArray(SPECIES, gate, gateOff + out + ox)
                        .compare(VectorOperators.GT, 0f).or(keepAll).and(keep);
                IntVector gi = zero.blend(g, live).reinterpretAsInts();
                IntVector a = IntVector.fromArray(INTS, argmax, argOff + out + ox).sub(first);
                IntVector gLow = gi.rearrange(spreadLow), aLow = a.rearrange(spreadLow);
                VectorMask<Integer> topLow = aLow.compare(VectorOperators.EQ, lanes);
                VectorMask<Integer> bottomLow = aLow.compare(VectorOperators.EQ, bottomLanes);
                named = named.add(1, topLow.or(bottomLow).and(countLow));
                none.blend(gLow, topLow).reinterpretAsFloats().intoArray(dx, at);
                // A narrow row's top right half runs on into the bottom row: written before the bottom left half.
                if (twoStores) {
                    IntVector gHigh = gi.rearrange(spreadHigh), aHigh = a.rearrange(spreadHigh);
                    VectorMask<Integer> topHigh = aHigh.compare(VectorOperators.EQ, highLanes);
                    VectorMask<Integer> bottomHigh = aHigh.compare(VectorOperators.EQ, bottomHighLanes);
                    named = named.add(1, topHigh.or(bottomHigh).and(countHigh));
                    none.blend(gHigh, topHigh).reinterpretAsFloats().intoArray(dx, at + LANES);
                    none.blend(gHigh, bottomHigh).reinterpretAsFloats().intoArray(dx, at + inW + LANES);
                }
                none.blend(gLow, bottomLow).reinterpretAsFloats().intoArray(dx, at + inW);
                if (ox == lastOx) break;
            }
            if (oddColumn) {
                dx[dxOff + top + inW - 1] = 0f;
                dx[dxOff + top + 2 * inW - 1] = 0f;
            }
            top += 2 * inW;
            if (++oy == outH) {
                oy = 0;
                // A loop, not Arrays.fill: a call in the loop makes C2 spill every vector around it.
                for (int i = 0; i < gap; i++) dx[dxOff + top + i] = 0f;
                top += gap;
            }
        }
        Arrays.fill(dx, dxOff + top, dxOff + s.inputSize(), 0f);
        for (int o = out; o < s.outputSize(); o++)
            if (!gated || gate[gateOff + o] > 0f) dx[dxOff + argmax[argOff + o]] += dy[dyOff + o];
        return named.reduceLanes(VectorOperators.ADD) == vectorRows * steps * perStep;
    }

    /**
     * The rows (of outputs, each from a pair of input rows) the 2x2 vector loops may run, the rest
     * going scalar. All of them when a row holds at least a vector of outputs: the steps then stay
     * inside the row. Narrower rows take one step of a whole vector of outputs (two of inputs per
     * input row), running on past the row, which is fine (what runs over is written again later or
     * not used) as long as it stays inside the operands' regions.
     */
    private static int vectorRows(PoolShape s) {
        int rows = s.batch() * s.channels() * s.outH();
        if (s.outW() >= LANES) return rows;
        int fit = rows;
        while (fit > 0 && (firstInput(s, fit - 1) + s.inW() + 2 * LANES > s.inputSize()
                || (fit - 1) * s.outW() + LANES > s.outputSize()))
            fit--;
        return fit;
    }

    /** The top-left input of output row {@code row} (counted over all planes) of the 2x2 window. */
    private static int firstInput(PoolShape s, int row) {
        return ((row / s.outH()) * s.inH() + 2 * (row % s.outH())) * s.inW();
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
}
