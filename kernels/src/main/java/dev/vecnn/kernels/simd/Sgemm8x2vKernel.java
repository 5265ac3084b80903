package dev.vecnn.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked heart of {@link Sgemm8x2vFma}: one 8-row x 2-vector tile of C from an
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
     * C[0..MR, 0..NR] at c[ci], row stride ldc, = alpha * (packed A panel x packed B panel) +
     * beta * C, over kc steps. The A panel holds MR floats per step from pa[ai], the B panel NR
     * floats per step from pb[bi]. With beta == 0, C is only written.
     */
    static void multiply(int kc, float[] pa, int ai, float[] pb, int bi,
                         float[] c, int ci, int ldc, float alpha, float beta) {
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
        storeRow(c, ci, c00, c01, alpha, beta);
        storeRow(c, ci + 1 * ldc, c10, c11, alpha, beta);
        storeRow(c, ci + 2 * ldc, c20, c21, alpha, beta);
        storeRow(c, ci + 3 * ldc, c30, c31, alpha, beta);
        storeRow(c, ci + 4 * ldc, c40, c41, alpha, beta);
        storeRow(c, ci + 5 * ldc, c50, c51, alpha, beta);
        storeRow(c, ci + 6 * ldc, c60, c61, alpha, beta);
        storeRow(c, ci + 7 * ldc, c70, c71, alpha, beta);
    }

    /** One row of the tile: alpha * acc + beta * C, rounded like the scalar edge path (no fused add). */
    private static void storeRow(float[] c, int i, FloatVector acc0, FloatVector acc1, float alpha, float beta) {
        FloatVector r0 = acc0.mul(alpha);
        FloatVector r1 = acc1.mul(alpha);
        if (beta == 1f) {
            r0 = r0.add(FloatVector.fromArray(S, c, i));
            r1 = r1.add(FloatVector.fromArray(S, c, i + L));
        } else if (beta != 0f) {
            r0 = r0.add(FloatVector.fromArray(S, c, i).mul(beta));
            r1 = r1.add(FloatVector.fromArray(S, c, i + L).mul(beta));
        }
        r0.intoArray(c, i);
        r1.intoArray(c, i + L);
    }
}
