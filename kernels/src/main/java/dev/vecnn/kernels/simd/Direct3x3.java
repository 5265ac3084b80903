package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.ConvShape;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 3x3 kernel of {@link Conv2dDirect1Channel}: forward two output channels at a time with their
 * 18 weights held in registers, so each input vector is loaded once per channel pair instead of
 * once per tap and channel with a broadcast of the weight beside it; backward one channel at a
 * time with its 9 weight-gradient accumulators in registers and dy loaded once per vector. Needs
 * a (padded) image with unit horizontal stride.
 */
final class Direct3x3 {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final int LANES = Simd.LANES;

    private Direct3x3() {}

    /** True when {@link #forwardTwo} and {@link #weightsOne} apply: their last block steps back into the row. */
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
        for (int oy = 0; oy < outH; oy++) {
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

    /**
     * dw[wk + t] += the sum of dy_k * tap t of x over one image, for the 9 taps of the channel whose
     * dy plane is at dy[dyk ..]. One channel, not two: 18 accumulators push the loop past what C2
     * keeps unboxed (measured: 0.5 MB allocated per conv1 image); likewise the accumulators are
     * reduced to scalars here, as adding them to vectors in memory after the loop boxed them. The
     * last vector of a row steps back to end at the row's end, with the lanes already counted masked
     * off (zeros in both operands): every load stays inside the arrays, where a masked load past an
     * array's end leaves the intrinsic.
     */
    static void weightsOne(ConvShape s, float[] img, int imgOff, int rowW, float[] dy, int dyk, float[] dw, int wk) {
        int outH = s.outH(), outW = s.outW(), rowStep = s.strideH() * rowW;
        FloatVector a0 = FloatVector.zero(SPECIES), a1 = FloatVector.zero(SPECIES), a2 = FloatVector.zero(SPECIES);
        FloatVector a3 = FloatVector.zero(SPECIES), a4 = FloatVector.zero(SPECIES), a5 = FloatVector.zero(SPECIES);
        FloatVector a6 = FloatVector.zero(SPECIES), a7 = FloatVector.zero(SPECIES), a8 = FloatVector.zero(SPECIES);
        for (int oy = 0; oy < outH; oy++) {
            int row = imgOff + oy * rowStep, d = dyk + oy * outW;
            for (int ox = 0; ox < outW; ox += LANES) {
                int o = Math.min(ox, outW - LANES);
                VectorMask<Float> m = LaneMasks.between(ox - o, LANES);
                FloatVector g = FloatVector.fromArray(SPECIES, dy, d + o, m);
                int r = row + o;
                a0 = FloatVector.fromArray(SPECIES, img, r, m).fma(g, a0);
                a1 = FloatVector.fromArray(SPECIES, img, r + 1, m).fma(g, a1);
                a2 = FloatVector.fromArray(SPECIES, img, r + 2, m).fma(g, a2);
                r += rowW;
                a3 = FloatVector.fromArray(SPECIES, img, r, m).fma(g, a3);
                a4 = FloatVector.fromArray(SPECIES, img, r + 1, m).fma(g, a4);
                a5 = FloatVector.fromArray(SPECIES, img, r + 2, m).fma(g, a5);
                r += rowW;
                a6 = FloatVector.fromArray(SPECIES, img, r, m).fma(g, a6);
                a7 = FloatVector.fromArray(SPECIES, img, r + 1, m).fma(g, a7);
                a8 = FloatVector.fromArray(SPECIES, img, r + 2, m).fma(g, a8);
            }
        }
        dw[wk] += LaneMath.sum(a0);
        dw[wk + 1] += LaneMath.sum(a1);
        dw[wk + 2] += LaneMath.sum(a2);
        dw[wk + 3] += LaneMath.sum(a3);
        dw[wk + 4] += LaneMath.sum(a4);
        dw[wk + 5] += LaneMath.sum(a5);
        dw[wk + 6] += LaneMath.sum(a6);
        dw[wk + 7] += LaneMath.sum(a7);
        dw[wk + 8] += LaneMath.sum(a8);
    }

    private static FloatVector weight(float[] w, int index) {
        return FloatVector.broadcast(SPECIES, w[index]);
    }
}
