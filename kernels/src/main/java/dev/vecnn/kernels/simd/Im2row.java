package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.ConvShape;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transpose of im2col: one image to rows (outH * outW, inC * kH * kW), a row per output pixel.
 * The weight gradient dW = dy * col^T then multiplies untransposed operands, whose GEMM packing is
 * a vector copy, where col^T would make the GEMM transpose col element by element (measured on
 * conv2: 100 GFLOP/s with a transposed B against 150 without). Each kernel row of a pixel is a run
 * of kW input values, copied by one whole-vector store whose lanes past the run are overwritten by
 * the next run (masked loads and stores per run measured 3x slower on conv2), 128 bits wide when
 * kW <= 4 (half the time of 512-bit stores); so the destination needs {@link #SLACK} floats past
 * its end. Runs that touch the padding or the end of x load masked, zeros in the padding.
 */
final class Im2row {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final int LANES = Simd.LANES;
    /** The narrowest species: copies of short runs store fewer bytes per run. */
    private static final VectorSpecies<Float> NARROW = FloatVector.SPECIES_128;

    /** Floats past the last row that {@link #lower} may overwrite. */
    static final int SLACK = LANES;

    private Im2row() {}

    /**
     * rows[rowsOff + p * K + (c * kH + i) * kW + j] = x[c, oy * sh - ph + i, ox * sw - pw + j] or 0 in
     * the padding; rows[rowsOff + P * K ..] up to SLACK floats further are overwritten with junk.
     */
    static void lower(ConvShape s, float[] x, int xOff, float[] rows, int rowsOff) {
        if (s.kW() > LANES) {
            lowerWide(s, x, xOff, rows, rowsOff);
            return;
        }
        int outH = s.outH(), outW = s.outW(), inH = s.inH(), inW = s.inW(), inC = s.inC();
        int kH = s.kH(), kW = s.kW(), width = s.colRows(), planeSize = inH * inW;
        int lastPlane = xOff + (inC - 1) * planeSize, channelStep = planeSize - (kH - 1) * inW;
        boolean narrow = kW <= NARROW.length();
        int runLanes = narrow ? NARROW.length() : LANES;
        FloatVector zero = FloatVector.zero(SPECIES);
        int out = rowsOff;
        for (int oy = 0; oy < outH; oy++) {
            int iy0 = oy * s.strideH() - s.padH();
            boolean allRows = iy0 >= 0 && iy0 + kH <= inH;
            int lastRow = lastPlane + (iy0 + kH - 1) * inW;
            for (int ox = 0; ox < outW; ox++, out += width) {
                int first = ox * s.strideW() - s.padW();
                if (allRows && first >= 0 && first + kW <= inW && lastRow + first + runLanes <= x.length) {
                    int src = xOff + iy0 * inW + first;
                    if (narrow) copyRunsNarrow(x, src, rows, out, width, kW, kH, inW, channelStep);
                    else copyRuns(x, src, rows, out, width, kW, kH, inW, channelStep);
                    continue;
                }
                VectorMask<Float> inside = LaneMasks.between(-first, inW - first);
                for (int c = 0, dst = out; c < inC; c++)
                    for (int i = 0; i < kH; i++, dst += kW) {
                        int iy = iy0 + i;
                        if (iy < 0 || iy >= inH) zero.intoArray(rows, dst);
                        else FloatVector.fromArray(SPECIES, x, xOff + c * planeSize + iy * inW + first, inside)
                                .intoArray(rows, dst);
                    }
            }
        }
    }

    /**
     * One pixel's row from src (channel 0, kernel row 0): the kH * inC runs of kW floats, by
     * whole-vector stores in ascending order, each store's junk tail lying where a later one writes.
     * One loop over (c, i), not two nested: kH is too short a trip count for C2.
     */
    private static void copyRuns(float[] x, int src, float[] rows, int dst, int width, int kW, int kH, int inW,
                                 int channelStep) {
        for (int end = dst + width, i = 0; dst < end; dst += kW) {
            FloatVector.fromArray(SPECIES, x, src).intoArray(rows, dst);
            if (++i < kH) {
                src += inW;
            } else {
                i = 0;
                src += channelStep;
            }
        }
    }

    /** {@link #copyRuns} with 128-bit vectors, for kW <= 4: a wide store costs more cycles (measured 2x). */
    private static void copyRunsNarrow(float[] x, int src, float[] rows, int dst, int width, int kW, int kH, int inW,
                                       int channelStep) {
        for (int end = dst + width, i = 0; dst < end; dst += kW) {
            FloatVector.fromArray(NARROW, x, src).intoArray(rows, dst);
            if (++i < kH) {
                src += inW;
            } else {
                i = 0;
                src += channelStep;
            }
        }
    }

    /** Kernels wider than a vector: each kernel row in runs of LANES, the last one shorter. */
    private static void lowerWide(ConvShape s, float[] x, int xOff, float[] rows, int rowsOff) {
        int outH = s.outH(), outW = s.outW(), inH = s.inH(), inW = s.inW(), inC = s.inC();
        int kH = s.kH(), kW = s.kW(), width = s.colRows(), planeSize = inH * inW;
        FloatVector zero = FloatVector.zero(SPECIES);
        int out = rowsOff;
        for (int oy = 0; oy < outH; oy++)
            for (int ox = 0; ox < outW; ox++, out += width) {
                int ix = ox * s.strideW() - s.padW();
                for (int c = 0, dst = out; c < inC; c++)
                    for (int i = 0; i < kH; i++) {
                        int iy = oy * s.strideH() - s.padH() + i;
                        for (int j0 = 0; j0 < kW; dst += Math.min(LANES, kW - j0), j0 += LANES) {
                            int first = ix + j0;
                            if (iy < 0 || iy >= inH) zero.intoArray(rows, dst);
                            else FloatVector.fromArray(SPECIES, x, xOff + c * planeSize + iy * inW + first,
                                    LaneMasks.between(-first, inW - first)).intoArray(rows, dst);
                        }
                    }
            }
    }
}
