package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Im2col;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * im2col and col2im one output row at a time: with stride 1 a row of the column matrix is a
 * contiguous run of an input row, copied (or, for col2im, added back) with masked vectors; the part
 * that falls in the padding is zero-filled. Other strides take a scalar loop over the same bounds.
 * Wins everywhere over the element-by-element reference, most at stride 1.
 */
public final class Im2colRowCopy implements Im2col {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final int LANES = Simd.LANES;

    @Override
    public String name() { return "Im2colRowCopy"; }

    @Override
    public void im2col(ConvShape s, float[] x, int xOff, float[] col, int colOff) {
        int outH = s.outH(), outW = s.outW(), inH = s.inH(), inW = s.inW();
        int sh = s.strideH(), sw = s.strideW(), kH = s.kH(), kW = s.kW();
        int out = colOff;
        for (int c = 0; c < s.inC(); c++) {
            int plane = xOff + c * inH * inW;
            for (int i = 0; i < kH; i++)
                for (int j = 0; j < kW; j++) {
                    int shift = j - s.padW();
                    int first = firstInside(shift, sw), end = endInside(shift, sw, inW, outW);
                    for (int oy = 0; oy < outH; oy++, out += outW) {
                        int iy = oy * sh - s.padH() + i;
                        if (iy < 0 || iy >= inH || first >= end) {
                            Arrays.fill(col, out, out + outW, 0f);
                            continue;
                        }
                        Arrays.fill(col, out, out + first, 0f);
                        int src = plane + iy * inW + shift;
                        if (sw == 1) copy(x, src + first, col, out + first, end - first);
                        else for (int ox = first; ox < end; ox++) col[out + ox] = x[src + ox * sw];
                        Arrays.fill(col, out + end, out + outW, 0f);
                    }
                }
        }
    }

    @Override
    public void col2im(ConvShape s, float[] col, int colOff, float[] dx, int dxOff) {
        int outH = s.outH(), outW = s.outW(), inH = s.inH(), inW = s.inW();
        int sh = s.strideH(), sw = s.strideW(), kH = s.kH(), kW = s.kW();
        Arrays.fill(dx, dxOff, dxOff + s.inC() * inH * inW, 0f);
        int in = colOff;
        for (int c = 0; c < s.inC(); c++) {
            int plane = dxOff + c * inH * inW;
            for (int i = 0; i < kH; i++)
                for (int j = 0; j < kW; j++) {
                    int shift = j - s.padW();
                    int first = firstInside(shift, sw), end = endInside(shift, sw, inW, outW);
                    for (int oy = 0; oy < outH; oy++, in += outW) {
                        int iy = oy * sh - s.padH() + i;
                        if (iy < 0 || iy >= inH || first >= end) continue;
                        int dst = plane + iy * inW + shift;
                        if (sw == 1) add(col, in + first, dx, dst + first, end - first);
                        else for (int ox = first; ox < end; ox++) dx[dst + ox * sw] += col[in + ox];
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
        if (k < len) {
            VectorMask<Float> tail = SPECIES.indexInRange(k, len);
            FloatVector.fromArray(SPECIES, src, srcOff + k, tail).intoArray(dst, dstOff + k, tail);
        }
    }

    /** dst[dstOff ..] += src[srcOff ..], len floats. */
    static void add(float[] src, int srcOff, float[] dst, int dstOff, int len) {
        int k = 0;
        for (int bound = SPECIES.loopBound(len); k < bound; k += LANES)
            FloatVector.fromArray(SPECIES, dst, dstOff + k)
                    .add(FloatVector.fromArray(SPECIES, src, srcOff + k)).intoArray(dst, dstOff + k);
        if (k < len) {
            VectorMask<Float> tail = SPECIES.indexInRange(k, len);
            FloatVector.fromArray(SPECIES, dst, dstOff + k, tail)
                    .add(FloatVector.fromArray(SPECIES, src, srcOff + k, tail)).intoArray(dst, dstOff + k, tail);
        }
    }
}
