package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.ConvShape;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 3x3 forward kernel of {@link Conv2dDirect1Channel}: two output channels at a time with their
 * 18 weights held in registers, so each input vector is loaded once per channel pair instead of
 * once per tap and channel with a broadcast of the weight beside it. Needs a (padded) image with
 * unit horizontal stride.
 */
final class Direct3x3 {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final int LANES = Simd.LANES;

    private Direct3x3() {}

    /** True when {@link #forwardTwo} applies: its last block steps back into the row. */
    static boolean fits(ConvShape s) {
        return s.kH() == 3 && s.kW() == 3 && s.outW() >= LANES;
    }

    /**
     * Output planes k and k + 1 (at y[yk ..] and y[yk + pixels ..]) from one image whose rows are
     * rowW floats apart. The last vector of each row ends at the row's end, overlapping the one
     * before it, so no lane is masked: overlapping lanes are written twice with the same value.
     */
    static void forwardTwo(ConvShape s, float[] img, int imgOff, int rowW, float[] w, int wk, float bias0, float bias1,
                           float[] y, int yk) {
        int outH = s.outH(), outW = s.outW(), pixels = outH * outW, rowStep = s.strideH() * rowW;
        FloatVector a0 = weight(w, wk), a1 = weight(w, wk + 1), a2 = weight(w, wk + 2);
        FloatVector a3 = weight(w, wk + 3), a4 = weight(w, wk + 4), a5 = weight(w, wk + 5);
        FloatVector a6 = weight(w, wk + 6), a7 = weight(w, wk + 7), a8 = weight(w, wk + 8);
        FloatVector b0 = weight(w, wk + 9), b1 = weight(w, wk + 10), b2 = weight(w, wk + 11);
        FloatVector b3 = weight(w, wk + 12), b4 = weight(w, wk + 13), b5 = weight(w, wk + 14);
        FloatVector b6 = weight(w, wk + 15), b7 = weight(w, wk + 16), b8 = weight(w, wk + 17);
        FloatVector first = FloatVector.broadcast(SPECIES, bias0), second = FloatVector.broadcast(SPECIES, bias1);
        int oy = 0;
        // At vertical stride 1, two output rows at a time: four independent fma chains instead of
        // two (a chain of nine dependent fmas per vector leaves the fma units idle), and the two
        // input rows they share loaded once. Each output's chain is the same as when computed alone.
        int pairedRows = s.strideH() == 1 ? outH - 1 : 0;
        for (; oy < pairedRows; oy += 2) {
            int row = imgOff + oy * rowStep, out = yk + oy * outW;
            for (int ox = 0; ox < outW; ox += LANES) {
                int o = Math.min(ox, outW - LANES), r = row + o;
                FloatVector x0 = FloatVector.fromArray(SPECIES, img, r);
                FloatVector x1 = FloatVector.fromArray(SPECIES, img, r + 1);
                FloatVector x2 = FloatVector.fromArray(SPECIES, img, r + 2);
                FloatVector top0 = x0.fma(a0, first), top1 = x0.fma(b0, second);
                top0 = x1.fma(a1, top0);
                top1 = x1.fma(b1, top1);
                top0 = x2.fma(a2, top0);
                top1 = x2.fma(b2, top1);
                r += rowW;
                x0 = FloatVector.fromArray(SPECIES, img, r);
                x1 = FloatVector.fromArray(SPECIES, img, r + 1);
                x2 = FloatVector.fromArray(SPECIES, img, r + 2);
                FloatVector low0 = x0.fma(a0, first), low1 = x0.fma(b0, second);
                top0 = x0.fma(a3, top0);
                top1 = x0.fma(b3, top1);
                low0 = x1.fma(a1, low0);
                low1 = x1.fma(b1, low1);
                top0 = x1.fma(a4, top0);
                top1 = x1.fma(b4, top1);
                low0 = x2.fma(a2, low0);
                low1 = x2.fma(b2, low1);
                top0 = x2.fma(a5, top0);
                top1 = x2.fma(b5, top1);
                r += rowW;
                x0 = FloatVector.fromArray(SPECIES, img, r);
                x1 = FloatVector.fromArray(SPECIES, img, r + 1);
                x2 = FloatVector.fromArray(SPECIES, img, r + 2);
                low0 = x0.fma(a3, low0);
                low1 = x0.fma(b3, low1);
                top0 = x0.fma(a6, top0);
                top1 = x0.fma(b6, top1);
                low0 = x1.fma(a4, low0);
                low1 = x1.fma(b4, low1);
                top0 = x1.fma(a7, top0);
                top1 = x1.fma(b7, top1);
                low0 = x2.fma(a5, low0);
                low1 = x2.fma(b5, low1);
                top0 = x2.fma(a8, top0);
                top1 = x2.fma(b8, top1);
                r += rowW;
                x0 = FloatVector.fromArray(SPECIES, img, r);
                x1 = FloatVector.fromArray(SPECIES, img, r + 1);
                x2 = FloatVector.fromArray(SPECIES, img, r + 2);
                low0 = x0.fma(a6, low0);
                low1 = x0.fma(b6, low1);
                low0 = x1.fma(a7, low0);
                low1 = x1.fma(b7, low1);
                low0 = x2.fma(a8, low0);
                low1 = x2.fma(b8, low1);
                top0.intoArray(y, out + o);
                top1.intoArray(y, out + pixels + o);
                low0.intoArray(y, out + outW + o);
                low1.intoArray(y, out + outW + pixels + o);
            }
        }
        for (; oy < outH; oy++) {
            int row = imgOff + oy * rowStep, out = yk + oy * outW;
            for (int ox = 0; ox < outW; ox += LANES) {
                int o = Math.min(ox, outW - LANES), r = row + o;
                FloatVector x0 = FloatVector.fromArray(SPECIES, img, r);
                FloatVector x1 = FloatVector.fromArray(SPECIES, img, r + 1);
                FloatVector x2 = FloatVector.fromArray(SPECIES, img, r + 2);
                FloatVector acc0 = x0.fma(a0, first), acc1 = x0.fma(b0, second);
                acc0 = x1.fma(a1, acc0);
                acc1 = x1.fma(b1, acc1);
                acc0 = x2.fma(a2, acc0);
                acc1 = x2.fma(b2, acc1);
                r += rowW;
                x0 = FloatVector.fromArray(SPECIES, img, r);
                x1 = FloatVector.fromArray(SPECIES, img, r + 1);
                x2 = FloatVector.fromArray(SPECIES, img, r + 2);
                acc0 = x0.fma(a3, acc0);
                acc1 = x0.fma(b3, acc1);
                acc0 = x1.fma(a4, acc0);
                acc1 = x1.fma(b4, acc1);
                acc0 = x2.fma(a5, acc0);
                acc1 = x2.fma(b5, acc1);
                r += rowW;
                x0 = FloatVector.fromArray(SPECIES, img, r);
                x1 = FloatVector.fromArray(SPECIES, img, r + 1);
                x2 = FloatVector.fromArray(SPECIES, img, r + 2);
                acc0 = x0.fma(a6, acc0);
                acc1 = x0.fma(b6, acc1);
                acc0 = x1.fma(a7, acc0);
                acc1 = x1.fma(b7, acc1);
                acc0 = x2.fma(a8, acc0);
                acc1 = x2.fma(b8, acc1);
                acc0.intoArray(y, out + o);
                acc1.intoArray(y, out + pixels + o);
            }
        }
    }

    private static FloatVector weight(float[] w, int index) {
        return FloatVector.broadcast(SPECIES, w[index]);
    }
}
