package dev.vecnn.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies blocks of op(A) and op(B) into the panel layout the micro-kernel streams through: A as
 * panels of {@code mr} rows (for each step of k, the panel's mr values side by side), B as panels
 * of {@code nr} columns (for each step of k, nr values side by side). Rows and columns past the
 * matrix edge are zeros: the micro-kernel always runs a full tile, and stale workspace contents
 * (NaN, denormals) never enter its arithmetic, even in lanes that are discarded. Transposition happens here,
 * so the micro-kernel sees one layout whatever the caller's.
 */
final class SgemmPacking {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES;

    private SgemmPacking() {}

    /**
     * Packs op(A)[i0 .. i0 + mc, p0 .. p0 + kc] into pa from index 0, panel after panel of mr rows;
     * panel q starts at q * mr * kc.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc,
                      int mr, float[] pa) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int panel = ir * kc;
            if (transA) {
                // A is stored k x m: for each step of k the panel's rows are contiguous.
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + ir;
                    int dst = panel + p * mr;
                    for (int r = 0; r < rows; r++) pa[dst + r] = a[src + r];
                    for (int r = rows; r < mr; r++) pa[dst + r] = 0f;
                }
            } else {
                // A is stored m x k: each row is contiguous along k; write it down a panel column.
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + ir + r) * lda + p0;
                    for (int p = 0; p < kc; p++) pa[panel + p * mr + r] = a[src + p];
                }
                for (int r = rows; r < mr; r++) {
                    for (int p = 0; p < kc; p++) pa[panel + p * mr + r] = 0f;
                }
            }
        }
    }

    /**
     * Packs op(B)[p0 .. p0 + kc, j0 .. j0 + nc] into pb from index 0, panel after panel of nr
     * columns (nr a multiple of the vector length); panel q starts at q * nr * kc.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                      int nr, float[] pb) {
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int panel = jr * kc;
            if (transB) {
                // B is stored n x k: each column of op(B) is contiguous along k.
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (j0 + jr + j) * ldb + p0;
                    for (int p = 0; p < kc; p++) pb[panel + p * nr + j] = b[src + p];
                }
                for (int j = cols; j < nr; j++) {
                    for (int p = 0; p < kc; p++) pb[panel + p * nr + j] = 0f;
                }
            } else if (cols == nr) {
                // B is stored k x n: each step of k is a contiguous run of the panel's columns.
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + jr;
                    int dst = panel + p * nr;
                    for (int j = 0; j < nr; j += L) FloatVector.fromArray(S, b, src + j).intoArray(pb, dst + j);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + jr;
                    int dst = panel + p * nr;
                    for (int j = 0; j < cols; j++) pb[dst + j] = b[src + j];
                    for (int j = cols; j < nr; j++) pb[dst + j] = 0f;
                }
            }
        }
    }
}
