package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Workspace;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * The weight gradient of a convolution with one input channel and unit horizontal stride as dot
 * products over the output pixels: dW[k, i, j] += dy_k . tap(i, j), where tap(i, j) is the image
 * shifted by kernel position (i, j), read as a vector of outH * outW pixels, and db[k] += the sum
 * of dy_k. Each image is lowered once into kW column crops of the (padded) image, each outW wide,
 * in which tap(i, j) is the contiguous run starting i rows down crop j: kW copies of the image
 * instead of the kH * kW of im2col (with strideH > 1 the taps do not overlap that way and the full
 * im2col is built instead). The products are long and flat, so vectors stay full up to the end of
 * the image instead of breaking at every output row (26 outputs wide on conv1: 81 % of two
 * 16-lane vectors).
 * <p>
 * Blocks of three channels by three taps: nine accumulators, six loads per nine fmas, which C1
 * still compiles; with twelve (four channels by three taps) C1 gives up ("out of virtual
 * registers") and a fresh JVM then interprets the method until C2 takes it. The accumulators are
 * added to one vector per (channel, tap) in the TEMP slot at the end of each block, and these are
 * summed lane by lane in a fixed scalar order once per call: the result has the same bits in every
 * JIT tier (reduceLanes does not) and no lane is reduced per image.
 */
final class TapDotWeights {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final int LANES = Simd.LANES;
    private static final Im2colRowCopy IM2COL = new Im2colRowCopy();

    private TapDotWeights() {}

    /** dw[dwOff ..] += the weight gradient over the batch, db[dbOff ..] (when not null) += the bias gradient. */
    static void accumulate(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
                           float[] db, int dbOff, Workspace ws) {
        int outC = s.outC(), kH = s.kH(), kW = s.kW(), taps = kH * kW, pixels = s.colCols();
        boolean crops = s.strideH() == 1;
        int cropLength = (s.inH() + 2 * s.padH()) * s.outW();
        int rowStep = crops ? s.outW() : kW * pixels, columnStep = crops ? cropLength : pixels;
        int lowered = crops ? kW * cropLength : taps * pixels;
        // LANES more: a masked load that starts inside an array but whose lanes run past its end
        // leaves the intrinsic; that happens to col only when an image has fewer pixels than lanes.
        float[] col = ws.floats(Workspace.Slot.COLUMNS, lowered + LANES);
        // One vector of lane sums per (channel, tap), then one per channel for db.
        int sums = outC * (taps + 1) * LANES, biasSums = outC * taps * LANES;
        float[] acc = ws.floats(Workspace.Slot.TEMP, sums);
        Arrays.fill(acc, 0, sums, 0f);
        for (int n = 0; n < s.batch(); n++) {
            int xn = xOff + n * s.inH() * s.inW(), dyn = dyOff + n * outC * pixels;
            if (crops) lowerToCrops(s, x, xn, col, cropLength);
            else IM2COL.im2col(s, x, xn, col, 0);
            for (int k = 0; k < outC; ) {
                int block = Math.min(3, outC - k), d = dyn + k * pixels, a = k * taps * LANES;
                // The sums first: they bring the planes into L1 for the products that follow.
                if (db != null)
                    for (int c = 0; c < block; c++) sum(dy, d + c * pixels, pixels, acc, biasSums + (k + c) * LANES);
                int t = 0;
                for (; t + 3 <= taps; t += 3) {
                    int c0 = tapStart(t, kW, rowStep, columnStep), c1 = tapStart(t + 1, kW, rowStep, columnStep);
                    int c2 = tapStart(t + 2, kW, rowStep, columnStep);
                    if (block == 3) threeByThree(dy, d, pixels, col, c0, c1, c2, pixels, acc, a + t * LANES, taps * LANES);
                    else
                        for (int c = 0; c < block; c++)
                            oneByThree(dy, d + c * pixels, col, c0, c1, c2, pixels, acc, a + (c * taps + t) * LANES);
                }
                for (; t < taps; t++)
                    for (int c = 0; c < block; c++)
                        oneByOne(dy, d + c * pixels, col, tapStart(t, kW, rowStep, columnStep), pixels, acc,
                                a + (c * taps + t) * LANES);
                k += block;
            }
        }
        addLaneSums(acc, 0, outC * taps, dw, dwOff);
        if (db != null) addLaneSums(acc, biasSums, outC, db, dbOff);
    }

    private static int tapStart(int t, int kW, int rowStep, int columnStep) {
        return t / kW * rowStep + t % kW * columnStep;
    }

    /**
     * Crop j (at col[j * cropLength ..]) holds columns j - padW .. j - padW + outW - 1 of every row
     * of the image padded by padH rows above and below, zeros in the padding.
     */
    private static void lowerToCrops(ConvShape s, float[] x, int xn, float[] col, int cropLength) {
        int inH = s.inH(), inW = s.inW(), outW = s.outW(), rows = inH + 2 * s.padH();
        for (int j = 0; j < s.kW(); j++) {
            int shift = j - s.padW();
            int first = Im2colRowCopy.firstInside(shift, 1), end = Im2colRowCopy.endInside(shift, 1, inW, outW);
            for (int r = 0, out = j * cropLength; r < rows; r++, out += outW) {
                int iy = r - s.padH();
                if (iy < 0 || iy >= inH || first >= end) {
                    Arrays.fill(col, out, out + outW, 0f);
                    continue;
                }
                if (first > 0) Arrays.fill(col, out, out + first, 0f);
                copyRun(x, xn + iy * inW + shift + first, col, out + first, end - first);
                if (end < outW) Arrays.fill(col, out + end, out + outW, 0f);
            }
        }
    }

    /**
     * dst[dstOff ..] = src[srcOff ..], len floats. From len >= L on, the last vector steps back to
     * end at len, copying some floats twice: a masked tail would run past the end of x on the last
     * rows of its last image, where the masked load leaves the intrinsic and allocates.
     */
    private static void copyRun(float[] src, int srcOff, float[] dst, int dstOff, int len) {
        if (len < LANES) {
            System.arraycopy(src, srcOff, dst, dstOff, len);
            return;
        }
        for (int k = 0, last = len - LANES; k < last; k += LANES)
            FloatVector.fromArray(SPECIES, src, srcOff + k).intoArray(dst, dstOff + k);
        FloatVector.fromArray(SPECIES, src, srcOff + len - LANES).intoArray(dst, dstOff + len - LANES);
    }

    /**
     * acc[a + c * cs + t * L ..] += the lanewise products of dy plane c (at d + c * plane) with tap
     * t (at ct) summed over len floats, for c, t < 3: three channels by three taps, nine
     * accumulators, six loads per nine fmas. The last vector steps back to end at len with the
     * lanes already counted masked off, so loads stay inside the arrays (a masked load past an
     * array's end leaves the intrinsic) unless len < L.
     */
    private static void threeByThree(float[] dy, int d, int plane, float[] col, int c0, int c1, int c2, int len,
                                     float[] acc, int a, int cs) {
        FloatVector s00 = FloatVector.zero(SPECIES), s01 = FloatVector.zero(SPECIES), s02 = FloatVector.zero(SPECIES);
        FloatVector s10 = FloatVector.zero(SPECIES), s11 = FloatVector.zero(SPECIES), s12 = FloatVector.zero(SPECIES);
        FloatVector s20 = FloatVector.zero(SPECIES), s21 = FloatVector.zero(SPECIES), s22 = FloatVector.zero(SPECIES);
        int d0 = d, d1 = d + plane, d2 = d + 2 * plane;
        int p = 0;
        for (int bound = SPECIES.loopBound(len); p < bound; p += LANES) {
            FloatVector g0 = FloatVector.fromArray(SPECIES, dy, d0 + p);
            FloatVector g1 = FloatVector.fromArray(SPECIES, dy, d1 + p);
            FloatVector g2 = FloatVector.fromArray(SPECIES, dy, d2 + p);
            FloatVector x = FloatVector.fromArray(SPECIES, col, c0 + p);
            s00 = x.fma(g0, s00);
            s10 = x.fma(g1, s10);
            s20 = x.fma(g2, s20);
            x = FloatVector.fromArray(SPECIES, col, c1 + p);
            s01 = x.fma(g0, s01);
            s11 = x.fma(g1, s11);
            s21 = x.fma(g2, s21);
            x = FloatVector.fromArray(SPECIES, col, c2 + p);
            s02 = x.fma(g0, s02);
            s12 = x.fma(g1, s12);
            s22 = x.fma(g2, s22);
        }
        if (p < len) {
            int o = Math.max(0, len - LANES);
            VectorMask<Float> m = LaneMasks.between(p - o, len - o);
            FloatVector g0 = FloatVector.fromArray(SPECIES, dy, d0 + o, m);
            FloatVector g1 = FloatVector.fromArray(SPECIES, dy, d1 + o, m);
            FloatVector g2 = FloatVector.fromArray(SPECIES, dy, d2 + o, m);
            FloatVector x = FloatVector.fromArray(SPECIES, col, c0 + o, m);
            s00 = x.fma(g0, s00);
            s10 = x.fma(g1, s10);
            s20 = x.fma(g2, s20);
            x = FloatVector.fromArray(SPECIES, col, c1 + o, m);
            s01 = x.fma(g0, s01);
            s11 = x.fma(g1, s11);
            s21 = x.fma(g2, s21);
            x = FloatVector.fromArray(SPECIES, col, c2 + o, m);
            s02 = x.fma(g0, s02);
            s12 = x.fma(g1, s12);
            s22 = x.fma(g2, s22);
        }
        int a1 = a + cs, a2 = a + 2 * cs;
        s00.add(FloatVector.fromArray(SPECIES, acc, a)).intoArray(acc, a);
        s01.add(FloatVector.fromArray(SPECIES, acc, a + LANES)).intoArray(acc, a + LANES);
        s02.add(FloatVector.fromArray(SPECIES, acc, a + 2 * LANES)).intoArray(acc, a + 2 * LANES);
        s10.add(FloatVector.fromArray(SPECIES, acc, a1)).intoArray(acc, a1);
        s11.add(FloatVector.fromArray(SPECIES, acc, a1 + LANES)).intoArray(acc, a1 + LANES);
        s12.add(FloatVector.fromArray(SPECIES, acc, a1 + 2 * LANES)).intoArray(acc, a1 + 2 * LANES);
        s20.add(FloatVector.fromArray(SPECIES, acc, a2)).intoArray(acc, a2);
        s21.add(FloatVector.fromArray(SPECIES, acc, a2 + LANES)).intoArray(acc, a2 + LANES);
        s22.add(FloatVector.fromArray(SPECIES, acc, a2 + 2 * LANES)).intoArray(acc, a2 + 2 * LANES);
    }

    /** {@link #threeByThree} for one channel: the channels left over by the blocks of three. */
    private static void oneByThree(float[] dy, int d, float[] col, int c0, int c1, int c2, int len,
                                   float[] acc, int a) {
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = FloatVector.zero(SPECIES), s2 = FloatVector.zero(SPECIES);
        int p = 0;
        for (int bound = SPECIES.loopBound(len); p < bound; p += LANES) {
            FloatVector g = FloatVector.fromArray(SPECIES, dy, d + p);
            s0 = FloatVector.fromArray(SPECIES, col, c0 + p).fma(g, s0);
            s1 = FloatVector.fromArray(SPECIES, col, c1 + p).fma(g, s1);
            s2 = FloatVector.fromArray(SPECIES, col, c2 + p).fma(g, s2);
        }
        if (p < len) {
            int o = Math.max(0, len - LANES);
            VectorMask<Float> m = LaneMasks.between(p - o, len - o);
            FloatVector g = FloatVector.fromArray(SPECIES, dy, d + o, m);
            s0 = FloatVector.fromArray(SPECIES, col, c0 + o, m).fma(g, s0);
            s1 = FloatVector.fromArray(SPECIES, col, c1 + o, m).fma(g, s1);
            s2 = FloatVector.fromArray(SPECIES, col, c2 + o, m).fma(g, s2);
        }
        s0.add(FloatVector.fromArray(SPECIES, acc, a)).intoArray(acc, a);
        s1.add(FloatVector.fromArray(SPECIES, acc, a + LANES)).intoArray(acc, a + LANES);
        s2.add(FloatVector.fromArray(SPECIES, acc, a + 2 * LANES)).intoArray(acc, a + 2 * LANES);
    }

    /** {@link #threeByThree} for one channel and one tap: the taps left over by the blocks of three. */
    private static void oneByOne(float[] dy, int d, float[] col, int c, int len, float[] acc, int a) {
        FloatVector s = FloatVector.zero(SPECIES);
        int p = 0;
        for (int bound = SPECIES.loopBound(len); p < bound; p += LANES)
            s = FloatVector.fromArray(SPECIES, col, c + p).fma(FloatVector.fromArray(SPECIES, dy, d + p), s);
        if (p < len) {
            int o = Math.max(0, len - LANES);
            VectorMask<Float> m = LaneMasks.between(p - o, len - o);
            s = FloatVector.fromArray(SPECIES, col, c + o, m).fma(FloatVector.fromArray(SPECIES, dy, d + o, m), s);
        }
        s.add(FloatVector.fromArray(SPECIES, acc, a)).intoArray(acc, a);
    }

    /** acc[a ..] += the lanewise sum of dy[d .. d + len), stepping back at the end like {@link #threeByThree}. */
    private static void sum(float[] dy, int d, int len, float[] acc, int a) {
        FloatVector s = FloatVector.zero(SPECIES);
        int p = 0;
        for (int bound = SPECIES.loopBound(len); p < bound; p += LANES)
            s = s.add(FloatVector.fromArray(SPECIES, dy, d + p));
        if (p < len) {
            int o = Math.max(0, len - LANES);
            s = s.add(FloatVector.fromArray(SPECIES, dy, d + o, LaneMasks.between(p - o, len - o)));
        }
        s.add(FloatVector.fromArray(SPECIES, acc, a)).intoArray(acc, a);
    }

    /** out[outOff + i] += the lanes of acc[from + i * L ..] added in lane order, for i < count. */
    private static void addLaneSums(float[] acc, int from, int count, float[] out, int outOff) {
        for (int i = 0; i < count; i++) {
            float sum = 0f;
            for (int l = 0, a = from + i * LANES; l < LANES; l++) sum += acc[a + l];
            out[outOff + i] += sum;
        }
    }
}
