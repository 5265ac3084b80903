package dev.vecnn.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked heart of {@link Sgemm8x2vFma}: an 8-row x 2-vector tile of the product,
 * one broadcast of A and two fma per row and step of k, over a panel of B packed NR floats per
 * step. The 16 accumulators live in separate local variables so C2 keeps them in registers
 * (gathered into an array they are re-boxed every iteration, docs/DESIGN.md). The chains start from
 * an 8 x NR tile at start[si ..] (row stride lds): zeros, or C itself when the product is added
 * to C (alpha = beta = 1), which saves the separate pass that would add the raw tile to C. Both
 * methods store the tile as it ends; any other alpha and beta are applied by the caller, because
 * an epilogue here would push the method past C2's inlining budget and box the accumulators.
 * Both run the same fma chain per element, so which one computed a tile never changes a bit.
 */
final class Sgemm8x2vKernel {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES;
    /** Rows of the tile. */
    static final int MR = 8;
    /** Columns of the tile: the width of a packed B panel. */
    static final int NR = 2 * L;

    private Sgemm8x2vKernel() {}

    /**
     * The tile into t[ti ..] (row stride ldt) from A packed step after step: MR floats per step
     * from pa[ai], and the B panel from pb[bi], over kc steps.
     */
    static void multiplyPackedA(int kc, float[] pa, int ai, float[] pb, int bi, float[] t, int ti, int ldt,
                                float[] start, int si, int lds) {
        FloatVector c00 = FloatVector.fromArray(S, start, si), c01 = FloatVector.fromArray(S, start, si + L);
        FloatVector c10 = FloatVector.fromArray(S, start, si + lds), c11 = FloatVector.fromArray(S, start, si + lds + L);
        FloatVector c20 = FloatVector.fromArray(S, start, si + 2 * lds), c21 = FloatVector.fromArray(S, start, si + 2 * lds + L);
        FloatVector c30 = FloatVector.fromArray(S, start, si + 3 * lds), c31 = FloatVector.fromArray(S, start, si + 3 * lds + L);
        FloatVector c40 = FloatVector.fromArray(S, start, si + 4 * lds), c41 = FloatVector.fromArray(S, start, si + 4 * lds + L);
        FloatVector c50 = FloatVector.fromArray(S, start, si + 5 * lds), c51 = FloatVector.fromArray(S, start, si + 5 * lds + L);
        FloatVector c60 = FloatVector.fromArray(S, start, si + 6 * lds), c61 = FloatVector.fromArray(S, start, si + 6 * lds + L);
        FloatVector c70 = FloatVector.fromArray(S, start, si + 7 * lds), c71 = FloatVector.fromArray(S, start, si + 7 * lds + L);
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * MR;
            int bp = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, pb, bp);
            FloatVector b1 = FloatVector.fromArray(S, pb, bp + L);
            FloatVector ar = FloatVector.broadcast(S, pa[ap]);
            c00 = ar.fma(b0, c00);
            c01 = ar.fma(b1, c01);
            ar = FloatVector.broadcast(S, pa[ap + 1]);
            c10 = ar.fma(b0, c10);
            c11 = ar.fma(b1, c11);
            ar = FloatVector.broadcast(S, pa[ap + 2]);
            c20 = ar.fma(b0, c20);
            c21 = ar.fma(b1, c21);
            ar = FloatVector.broadcast(S, pa[ap + 3]);
            c30 = ar.fma(b0, c30);
            c31 = ar.fma(b1, c31);
            ar = FloatVector.broadcast(S, pa[ap + 4]);
            c40 = ar.fma(b0, c40);
            c41 = ar.fma(b1, c41);
            ar = FloatVector.broadcast(S, pa[ap + 5]);
            c50 = ar.fma(b0, c50);
            c51 = ar.fma(b1, c51);
            ar = FloatVector.broadcast(S, pa[ap + 6]);
            c60 = ar.fma(b0, c60);
            c61 = ar.fma(b1, c61);
            ar = FloatVector.broadcast(S, pa[ap + 7]);
            c70 = ar.fma(b0, c70);
            c71 = ar.fma(b1, c71);
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

    /**
     * The tile into t[ti ..] (row stride ldt) from A read in place, row-major: row r of the tile
     * is a[ai + r * lda ..], of which kc floats are used. Only {@code rows} rows exist; the
     * others repeat the last one, so nothing is read out of bounds, and their results are
     * discarded by the caller.
     */
    static void multiplyRowsA(int kc, float[] a, int ai, int lda, int rows, float[] pb, int bi,
                              float[] t, int ti, int ldt, float[] start, int si, int lds) {
        int last = rows - 1;
        int a1 = ai + Math.min(1, last) * lda;
        int a2 = ai + Math.min(2, last) * lda;
        int a3 = ai + Math.min(3, last) * lda;
        int a4 = ai + Math.min(4, last) * lda;
        int a5 = ai + Math.min(5, last) * lda;
        int a6 = ai + Math.min(6, last) * lda;
        int a7 = ai + Math.min(7, last) * lda;
        FloatVector c00 = FloatVector.fromArray(S, start, si), c01 = FloatVector.fromArray(S, start, si + L);
        FloatVector c10 = FloatVector.fromArray(S, start, si + lds), c11 = FloatVector.fromArray(S, start, si + lds + L);
        FloatVector c20 = FloatVector.fromArray(S, start, si + 2 * lds), c21 = FloatVector.fromArray(S, start, si + 2 * lds + L);
        FloatVector c30 = FloatVector.fromArray(S, start, si + 3 * lds), c31 = FloatVector.fromArray(S, start, si + 3 * lds + L);
        FloatVector c40 = FloatVector.fromArray(S, start, si + 4 * lds), c41 = FloatVector.fromArray(S, start, si + 4 * lds + L);
        FloatVector c50 = FloatVector.fromArray(S, start, si + 5 * lds), c51 = FloatVector.fromArray(S, start, si + 5 * lds + L);
        FloatVector c60 = FloatVector.fromArray(S, start, si + 6 * lds), c61 = FloatVector.fromArray(S, start, si + 6 * lds + L);
        FloatVector c70 = FloatVector.fromArray(S, start, si + 7 * lds), c71 = FloatVector.fromArray(S, start, si + 7 * lds + L);
        for (int p = 0; p < kc; p++) {
            int bp = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, pb, bp);
            FloatVector b1 = FloatVector.fromArray(S, pb, bp + L);
            FloatVector ar = FloatVector.broadcast(S, a[ai + p]);
            c00 = ar.fma(b0, c00);
            c01 = ar.fma(b1, c01);
            ar = FloatVector.broadcast(S, a[a1 + p]);
            c10 = ar.fma(b0, c10);
            c11 = ar.fma(b1, c11);
            ar = FloatVector.broadcast(S, a[a2 + p]);
            c20 = ar.fma(b0, c20);
            c21 = ar.fma(b1, c21);
            ar = FloatVector.broadcast(S, a[a3 + p]);
            c30 = ar.fma(b0, c30);
            c31 = ar.fma(b1, c31);
            ar = FloatVector.broadcast(S, a[a4 + p]);
            c40 = ar.fma(b0, c40);
            c41 = ar.fma(b1, c41);
            ar = FloatVector.broadcast(S, a[a5 + p]);
            c50 = ar.fma(b0, c50);
            c51 = ar.fma(b1, c51);
            ar = FloatVector.broadcast(S, a[a6 + p]);
            c60 = ar.fma(b0, c60);
            c61 = ar.fma(b1, c61);
            ar = FloatVector.broadcast(S, a[a7 + p]);
            c70 = ar.fma(b0, c70);
            c71 = ar.fma(b1, c71);
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
