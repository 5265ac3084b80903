package dev.vecnn.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked heart of {@link Sgemm8x2vFma}: one 8-row x 2-vector tile of the product from an
 * 8-row panel of packed A and a 2-vector panel of packed B, one broadcast of A and two fma per row
 * and step of k. The 16 accumulators live in separate local variables so C2 keeps them in
 * registers (gathered into an array they are re-boxed every iteration, DESIGN.md).
 */
final class Sgemm8x2vKernel {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES;
    /** Rows of the tile: the height of a packed A panel. */
    static final int MR = 8;
    /** Columns of the tile: the width of a packed B panel. */
    static final int NR = 2 * L;

    private Sgemm8x2vKernel() {}

    /**
     * The tile (packed A panel x packed B panel over kc steps) into t[ti ..], row stride ldt,
     * overwriting it. The A panel holds MR floats per step from pa[ai], the B panel NR floats per
     * step from pb[bi]. Scaling by alpha and adding beta * C happen elsewhere: an epilogue here
     * would push the method past C2's inlining budget, and the accumulators would be boxed.
     */
    static void multiply(int kc, float[] pa, int ai, float[] pb, int bi, float[] t, int ti, int ldt) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * MR;
            int bp = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, pb, bp);
            FloatVector b1 = FloatVector.fromArray(S, pb, bp + L);
            FloatVector a = FloatVector.broadcast(S, pa[ap]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, pa[ap + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, pa[ap + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, pa[ap + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, pa[ap + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, pa[ap + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, pa[ap + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, pa[ap + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        c00.intoArray(t, ti);
        c01.intoArray(t, ti + L);
        c10.intoArray(t, ti + ldt);
        c11.intoArray(t, ti + ldt + L);
        c20.intoArray(t, ti + 2 * ldt);
        c21.intoArray(t, ti + 2 * ldt + L);
        c30.intoArray(t, ti + 3 * ldt);
        c31.intoArray(t, ti + 3 * ldt + L);
        c40.intoArray(t, ti + 4 * ldt);
        c41.intoArray(t, ti + 4 * ldt + L);
        c50.intoArray(t, ti + 5 * ldt);
        c51.intoArray(t, ti + 5 * ldt + L);
        c60.intoArray(t, ti + 6 * ldt);
        c61.intoArray(t, ti + 6 * ldt + L);
        c70.intoArray(t, ti + 7 * ldt);
        c71.intoArray(t, ti + 7 * ldt + L);
    }
}
