package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Im2col;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * im2col one output row at a time: with stride 1 a row of the column matrix is a contiguous run
 * of an input row, copied with masked vectors; the part that falls in the padding is zero-filled.
 * col2im with stride 1 builds each input row in registers from the runs that read it. Other
 * strides take scalar loops over the same bounds. Wins everywhere over the element-by-element
 * reference, most at stride 1.
 */
public final class Im2colRowCopy implements Im2col {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final int LANES = Simd.LANES;

    @Override
    public String name() { return "Im2colRowCopy"; }

    @Override
    public void im2col(ConvShape s, float[] x, int xOff, float[] col, int colOff) {
        im2col(s, x, xOff, col, colOff, s.colCols());
    }

    /**
     * im2col into rows ldCol floats apart (ldCol >= colCols), so the column matrices of several
     * images can sit side by side and feed one GEMM.
     */
    void im2col(ConvShape s, float[] x, int xOff, float[] col, int colOff, int ldCol) {
        int outH = s.outH(), outW = s.outW(), inH = s.inH(), inW = s.inW();
        int sh = s.strideH(), sw = s.strideW(), kH = s.kH(), kW = s.kW();
        for (int c = 0; c < s.inC(); c++) {
            int plane = xOff + c * inH * inW;
            for (int i = 0; i < kH; i++)
                for (int j = 0; j < kW; j++) {
                    int shift = j - s.padW();
                    int first = firstInside(shift, sw), end = endInside(shift, sw, inW, outW);
                    int out = colOff + ((c * kH + i) * kW + j) * ldCol;
                    // A short run is copied as one whole vector where the lanes past it land in this
                    // image's row and are overwritten by the next run or the padding fill (masked
                    // copies measured about 3x slower on conv2); the last run of the row is masked.
                    int runsEnd = out + outH * outW;
                    for (int oy = 0; oy < outH; oy++, out += outW) {
                        int iy = oy * sh - s.padH() + i;
                        if (iy < 0 || iy >= inH || first >= end) {
                            Arrays.fill(col, out, out + outW, 0f);
                            continue;
                        }
                        // Unpadded rows (most of them) skip the empty fills: their calls cost more than the copy.
                        if (first > 0) Arrays.fill(col, out, out + first, 0f);
                        int src = plane + iy * inW + shift;
                        if (sw == 1 && out + first + LANES <= runsEnd && src + first + LANES <= x.length
                                && end - first <= LANES)
                            FloatVector.fromArray(SPECIES, x, src + first).intoArray(col, out + first);
                        else if (sw == 1) copy(x, src + first, col, out + first, end - first);
                        else for (int ox = first; ox < end; ox++) col[out + ox] = x[src + ox * sw];
                        if (end < outW) Arrays.fill(col, out + end, out + outW, 0f);
                    }
                }
        }
    }

    @Override
    public void col2im(ConvShape s, float[] col, int colOff, float[] dx, int dxOff) {
        col2im(s, col, colOff, s.colCols(), dx, dxOff);
    }

    /** col2im from rows ldCol floats apart (ldCol >= colCols). */
    void col2im(ConvShape s, float[] col, int colOff, int ldCol, float[] dx, int dxOff) {
        if (s.strideW() == 1) gatherRows(s, col, colOff, ldCol, dx, dxOff);
        else scatterRows(s, col, colOff, ldCol, dx, dxOff);
    }

    /**
     * Stride 1: each vector of a dx row sums, in registers, the col runs that read it, and is
     * stored once. Adding the runs into dx instead would make every store feed the next tap's
     * overlapping load one column over, a store-forwarding stall per run.
     */
    private static void gatherRows(ConvShape s, float[] col, int colOff, int ldCol, float[] dx, int dxOff) {
        if (s.kW() == 3 && s.inW() <= LANES) {
            gatherRowsOfThreeTaps(s, col, colOff, ldCol, dx, dxOff);
            return;
        }
        int outH = s.outH(), outW = s.outW(), inH = s.inH(), inW = s.inW();
        int sh = s.strideH(), kH = s.kH(), kW = s.kW();
        for (int c = 0; c < s.inC(); c++)
            for (int iy = 0; iy < inH; iy++) {
                int dst = dxOff + (c * inH + iy) * inW;
                for (int ix = 0; ix < inW; ix += LANES) {
                    FloatVector sum = FloatVector.zero(SPECIES);
                    for (int i = 0; i < kH; i++) {
                        int rowStep = iy + s.padH() - i;
                        if (rowStep < 0 || rowStep % sh != 0 || rowStep / sh >= outH) continue;
                        int run = colOff + (c * kH + i) * kW * ldCol + rowStep / sh * outW;
                        for (int j = 0; j < kW; j++) {
                            int ox = ix + s.padW() - j;
                            VectorMask<Float> m = LaneMasks.between(-ox, Math.min(inW - ix, outW - ox));
                            sum = sum.add(FloatVector.fromArray(SPECIES, col, run + j * ldCol + ox, m));
                        }
                    }
                    sum.intoArray(dx, dst + ix, SPECIES.indexInRange(ix, inW));
                }
            }
    }

    /**
     * {@link #gatherRows} for the common 3-wide kernel and rows of at most one vector: the three
     * taps' masks depend only on the tap, so they are made once per call, not once per load
     * (a third of the work per tap). Same additions in the same order as the general path.
     */
    private static void gatherRowsOfThreeTaps(ConvShape s, float[] col, int colOff, int ldCol, float[] dx, int dxOff) {
        int outH = s.outH(), outW = s.outW(), inH = s.inH(), inW = s.inW();
        int sh = s.strideH(), kH = s.kH(), pw = s.padW();
        VectorMask<Float> left = LaneMasks.between(-pw, Math.min(inW, outW - pw));
        VectorMask<Float> middle = LaneMasks.between(1 - pw, Math.min(inW, outW - pw + 1));
        VectorMask<Float> right = LaneMasks.between(2 - pw, Math.min(inW, outW - pw + 2));
        VectorMask<Float> row = SPECIES.indexInRange(0, inW);
        for (int c = 0; c < s.inC(); c++)
            for (int iy = 0; iy < inH; iy++) {
                FloatVector sum = FloatVector.zero(SPECIES);
                for (int i = 0; i < kH; i++) {
                    int rowStep = iy + s.padH() - i;
                    if (rowStep < 0 || rowStep % sh != 0 || rowStep / sh >= outH) continue;
                    int run = colOff + (c * kH + i) * 3 * ldCol + rowStep / sh * outW + pw;
                    sum = sum.add(FloatVector.fromArray(SPECIES, col, run, left))
                            .add(FloatVector.fromArray(SPECIES, col, run + ldCol - 1, middle))
                            .add(FloatVector.fromArray(SPECIES, col, run + 2 * ldCol - 2, right));
                }
                sum.intoArray(dx, dxOff + (c * inH + iy) * inW, row);
            }
    }

    /** Other strides: each col row added into dx element by element. */
    private static void scatterRows(ConvShape s, float[] col, int colOff, int ldCol, float[] dx, int dxOff) {
        int outH = s.outH(), outW = s.outW(), inH = s.inH(), inW = s.inW();
        int sh = s.strideH(), sw = s.strideW(), kH = s.kH(), kW = s.kW();
        Arrays.fill(dx, dxOff, dxOff + s.inC() * inH * inW, 0f);
        for (int c = 0; c < s.inC(); c++) {
            int plane = dxOff + c * inH * inW;
            for (int i = 0; i < kH; i++)
                for (int j = 0; j < kW; j++) {
                    int shift = j - s.padW();
                    int first = firstInside(shift, sw), end = endInside(shift, sw, inW, outW);
                    int in = colOff + ((c * kH + i) * kW + j) * ldCol;
                    for (int oy = 0; oy < outH; oy++, in += outW) {
                        int iy = oy * sh - s.padH() + i;
                        if (iy < 0 || iy >= inH) continue;
                        int dst = plane + iy * inW + shift;
                        for (int ox = first; ox < end; ox++) dx[dst + ox * sw] += col[in + ox];
                    }
                }
        }
    }

    /** The first output column whose input column ox * sw + shift is not left of the image. */
    static int firstInside(int shift, int sw) {
        return shift >= 0 ? 0 : (-shift + sw - 1) / sw;
    }

    /** One past the last output column whose input column ox * sw + shift is inside a row of inW. */
    static int endInside(int shift, int sw, int inW, int outW) {
        if (inW - shift <= 0) return 0;
        return Math.min(outW, (inW - shift + sw - 1) / sw);
    }

    /** dst[dstOff ..] = src[srcOff ..], len floats. */
    static void copy(float[] src, int srcOff, float[] dst, int dstOff, int len) {
        int k = 0;
        for (int bound = SPECIES.loopBound(len); k < bound; k += LANES)
            FloatVector.fromArray(SPECIES, src, srcOff + k).intoArray(dst, dstOff + k);
        if (k == len) return;
        // A masked vector that reaches past the end of an array leaves the Vector API's intrinsic
        // (and allocates): there the few remaining floats are copied one by one.
        if (srcOff + k + LANES <= src.length && dstOff + k + LANES <= dst.length) {
            VectorMask<Float> tail = SPECIES.indexInRange(k, len);
            FloatVector.fromArray(SPECIES, src, srcOff + k, tail).intoArray(dst, dstOff + k, tail);
        } else {
            System.arraycopy(src, srcOff + k, dst, dstOff + k, len - k);
        }
    }
}
