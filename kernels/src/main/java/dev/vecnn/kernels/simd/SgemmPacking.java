package dev.vecnn.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies blocks of op(A) and op(B) into the panel layout the micro-kernel streams through: A (when
 * stored transposed) as panels of {@code mr} rows (for each step of k, the panel's mr values side
 * by side), B as panels of {@code nr} columns (for each step of k, nr values side by side). Rows and columns past the
 * matrix edge are zeros: the micro-kernel always runs a full tile, and stale workspace contents
 * (NaN, denormals) never enter its arithmetic, even in lanes that are discarded. Transposition happens here,
 * so the micro-kernel sees one layout whatever the caller's.
 */
final class SgemmPacking {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES;
    /** Copies the 8 rows of an A panel in one vector where the species allows, else in two. */
    private static final VectorSpecies<Float> A_ROWS = L >= 8 ? FloatVector.SPECIES_256 : S;

    private SgemmPacking() {}

    /**
     * Packs op(A)[i0 .. i0 + mc, p0 .. p0 + kc] from A stored k x m (transposed) into pa from
     * index 0, panel after panel of mr rows; panel q starts at q * mr * kc. (A stored m x k needs
     * no packing: the micro-kernel reads its rows in place.)
     */
    static void packTransposedA(float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, int mr, float[] pa) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int panel = ir * kc;
            // For each step of k the panel's rows are contiguous in A.
            for (int p = 0; p < kc; p++) {
                int src = aOff + (p0 + p) * lda + i0 + ir;
                int dst = panel + p * mr;
                if (rows == mr && mr % A_ROWS.length() == 0) {
                    for (int r = 0; r < mr; r += A_ROWS.length()) FloatVector.fromArray(A_ROWS, a, src + r).intoArray(pa, dst + r);
                } else {
                    for (int r = 0; r < rows; r++) pa[dst + r] = a[src + r];
                    for (int r = rows; r < mr; r++) pa[dst + r] = 0f;
                }
            }
        }
    }

    /**
     * Packs op(B)[p0 .. p0 + kc, j0 .. j0 + nc] into pb from index dst, panel after panel of nr
     * columns (nr a multiple of the vector length); panel q starts at dst + q * nr * kc. B stored
     * k x n is read row by row across all the panels, one contiguous run per row, so the
     * hardware prefetcher follows even when rows are far apart.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                      int nr, float[] pb, int dst) {
        if (transB) {
            // B is stored n x k: each column of op(B) is contiguous along k. Four columns at a
            // time (nr is a multiple of 4), so each step of k writes four adjacent floats.
            int quads = nc / 4 * 4;
            for (int j = 0; j < quads; j += 4) {
                int panel = dst + j / nr * nr * kc + j % nr;
                int src0 = bOff + (j0 + j) * ldb + p0, src1 = src0 + ldb, src2 = src1 + ldb, src3 = src2 + ldb;
                for (int p = 0; p < kc; p++) {
                    int d = panel + p * nr;
                    pb[d] = b[src0 + p];
                    pb[d + 1] = b[src1 + p];
                    pb[d + 2] = b[src2 + p];
                    pb[d + 3] = b[src3 + p];
                }
            }
            int padded = (nc + nr - 1) / nr * nr;
            for (int j = quads; j < padded; j++) {
                int panel = dst + j / nr * nr * kc + j % nr;
                if (j < nc) {
                    int src = bOff + (j0 + j) * ldb + p0;
                    for (int p = 0; p < kc; p++) pb[panel + p * nr] = b[src + p];
                } else {
                    for (int p = 0; p < kc; p++) pb[panel + p * nr] = 0f;
                }
            }
            return;
        }
        int full = nc / nr * nr;
        for (int p = 0; p < kc; p++) {
            int src = bOff + (p0 + p) * ldb + j0;
            int row = dst + p * nr;
            for (int jr = 0; jr < full; jr += nr) {
                int panelRow = row + jr * kc;
                for (int j = 0; j < nr; j += L) FloatVector.fromArray(S, b, src + jr + j).intoArray(pb, panelRow + j);
            }
            if (full < nc) {
                int panelRow = row + full * kc;
                for (int j = full; j < nc; j++) pb[panelRow + j - full] = b[src + j];
                for (int j = nc; j < full + nr; j++) pb[panelRow + j - full] = 0f;
            }
        }
    }
}
