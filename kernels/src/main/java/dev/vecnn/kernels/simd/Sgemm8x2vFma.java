package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Workspace;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

import static dev.vecnn.kernels.simd.Sgemm8x2vKernel.MR;
import static dev.vecnn.kernels.simd.Sgemm8x2vKernel.NR;

/**
 * Cache-blocked SGEMM on packed panels with an 8 x 2-vector fma micro-kernel
 * ({@link Sgemm8x2vKernel}): the single-threaded default. It wins at every shape worth a GEMM
 * (from a few thousand multiply-adds up) whatever the transposes and leading dimensions; it is
 * least efficient when n is far below the panel width 2 * LANES (e.g. n = 10), where most of
 * each tile's lanes are padding.
 *
 * <p>Blocking (Goto): columns of C in blocks of NC, k in blocks of at most KC (balanced, so a k
 * just above KC does not leave a sliver), rows in blocks of MC. Each KC x NC block of op(B) is
 * packed once, B_GROUP columns at a time just before the first row block uses them, and stays in
 * L2/L3 while every MC x KC block of op(A) is swept over it. A stored m x k is read in place, row
 * by row, so small GEMMs pay for packing B only; A stored transposed is packed into row panels.
 *
 * <p>Each C element is the same fma chain over k whatever its position (starting from C when
 * alpha = beta = 1, which accumulates in place, from 0 otherwise), so splitting C between threads
 * ({@link SgemmParallel}) changes no bit of the result.
 */
public final class Sgemm8x2vFma implements Gemm {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES;
    /** Depth of a k block: a KC x NR panel of B (32 KiB at 512 bits) stays in L1. */
    static final int KC = 256;
    /** Rows of an A block: MC x KC packed floats (128 KiB) stay in L2. */
    static final int MC = 128;
    /** Columns of a B block: KC x NC packed floats (4 MiB) stay in L3. */
    static final int NC = 4096;
    /** Columns of B packed at a time: KC x B_GROUP floats (256 KiB) stay in L2. */
    static final int B_GROUP = 256;
    /** The start of every accumulation that does not add to C. */
    private static final float[] ZERO_TILE = new float[MR * NR];

    @Override
    public String name() {
        return "Sgemm8x2vFma";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc, Workspace ws) {
        checkShape(transA, transB, m, n, k, lda, ldb, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        int kBlocks = (k + KC - 1) / KC;
        int kcMax = (k + kBlocks - 1) / kBlocks;
        int ncMax = roundUp(Math.min(n, NC), NR);
        int tile = kcMax * ncMax;
        float[] pa = transA ? ws.floats(Workspace.Slot.PACKED_A, kcMax * roundUp(Math.min(m, MC), MR)) : null;
        float[] pb = ws.floats(Workspace.Slot.PACKED_B, tile + MR * NR);
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                float blockBeta = pc == 0 ? beta : 1f;
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    if (transA) SgemmPacking.packTransposedA(a, aOff, lda, ic, mc, pc, kc, MR, pa);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int cols = Math.min(NR, nc - jr);
                        // B is packed a group of panels at a time just before the first row block
                        // uses it: with a single row block (small m) it is still in L1/L2 then.
                        if (ic == 0 && jr % B_GROUP == 0) {
                            SgemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc + jr, Math.min(B_GROUP, nc - jr), NR, pb, jr * kc);
                        }
                        int cij = cOff + ic * ldc + jc + jr;
                        if (transA) {
                            multiplyPanel(mc, cols, kc, pa, 0, 0, true, pb, jr * kc, tile, alpha, blockBeta, c, cij, ldc);
                        } else {
                            multiplyPanel(mc, cols, kc, a, aOff + ic * lda + pc, lda, false, pb, jr * kc, tile,
                                    alpha, blockBeta, c, cij, ldc);
                        }
                    }
                }
            }
        }
    }

    /**
     * C (mc x cols at c[ci]) = alpha * A block x one packed B panel (at pb[bi]) + beta * C, where
     * the A block is packed (panels of MR rows from a[ai]) or read in place (row r at
     * a[ai + r * lda]). With alpha == 1 and beta == 0 a full tile goes straight to C; with
     * alpha == beta == 1 every chain starts from C (a full tile in place, an edge tile from a copy);
     * any other tile is computed whole into pb[tile ..] and merged, vector by vector when full,
     * element by element at an edge, with the same roundings (alpha * t + beta * c, no fused add)
     * either way.
     */
    private static void multiplyPanel(int mc, int cols, int kc, float[] a, int ai, int lda, boolean packedA,
                                      float[] pb, int bi, int tile, float alpha, float beta,
                                      float[] c, int ci, int ldc) {
        boolean direct = alpha == 1f && beta == 0f, adding = alpha == 1f && beta == 1f;
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int cij = ci + ir * ldc;
            boolean full = rows == MR && cols == NR;
            boolean inPlace = full && (direct || adding);
            // An edge tile that adds to C starts from a copy of C's part, so that every element's
            // chain starts from C, at the edge as inside.
            if (adding && !full) loadTile(c, cij, ldc, rows, cols, pb, tile);
            float[] t = inPlace ? c : pb;
            int ti = inPlace ? cij : tile;
            int ldt = inPlace ? ldc : NR;
            float[] start = adding ? t : ZERO_TILE;
            int si = adding ? ti : 0;
            int lds = adding ? ldt : NR;
            if (packedA) Sgemm8x2vKernel.multiplyPackedA(kc, a, ai + ir * kc, pb, bi, t, ti, ldt, start, si, lds);
            else Sgemm8x2vKernel.multiplyRowsA(kc, a, ai + ir * lda, lda, rows, pb, bi, t, ti, ldt, start, si, lds);
            if (inPlace) continue;
            if (adding) mergeTile(pb, tile, rows, cols, 1f, 0f, c, cij, ldc);
            else if (full) mergeFullTile(pb, tile, alpha, beta, c, cij, ldc);
            else mergeTile(pb, tile, rows, cols, alpha, beta, c, cij, ldc);
        }
    }

    /** t (MR x NR at t[ti]) = C's rows x cols part at c[ci], zeros around it. */
    private static void loadTile(float[] c, int ci, int ldc, int rows, int cols, float[] t, int ti) {
        Arrays.fill(t, ti, ti + MR * NR, 0f);
        for (int r = 0; r < rows; r++) System.arraycopy(c, ci + r * ldc, t, ti + r * NR, cols);
    }

    private static void mergeFullTile(float[] t, int ti, float alpha, float beta, float[] c, int ci, int ldc) {
        for (int r = 0; r < MR; r++) {
            for (int j = 0; j < NR; j += L) {
                int tj = ti + r * NR + j;
                int cj = ci + r * ldc + j;
                FloatVector v = FloatVector.fromArray(S, t, tj).mul(alpha);
                if (beta == 1f) v = v.add(FloatVector.fromArray(S, c, cj));
                else if (beta != 0f) v = v.add(FloatVector.fromArray(S, c, cj).mul(beta));
                v.intoArray(c, cj);
            }
        }
    }

    private static void mergeTile(float[] t, int ti, int rows, int cols, float alpha, float beta,
                                  float[] c, int ci, int ldc) {
        for (int r = 0; r < rows; r++) {
            int tr = ti + r * NR;
            int cr = ci + r * ldc;
            if (beta == 0f) {
                for (int j = 0; j < cols; j++) c[cr + j] = alpha * t[tr + j];
            } else {
                for (int j = 0; j < cols; j++) c[cr + j] = alpha * t[tr + j] + beta * c[cr + j];
            }
        }
    }

    /** C = beta * C, the whole product when k == 0; beta == 0 writes zeros without reading C. */
    static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) c[row + j] = beta == 0f ? 0f : beta * c[row + j];
        }
    }

    static void checkShape(boolean transA, boolean transB, int m, int n, int k, int lda, int ldb, int ldc) {
        if (m < 0 || n < 0 || k < 0)
            throw new IllegalArgumentException("gemm sizes must be >= 0: m=" + m + " n=" + n + " k=" + k);
        if (lda < Math.max(1, transA ? m : k) || ldb < Math.max(1, transB ? k : n) || ldc < Math.max(1, n))
            throw new IllegalArgumentException("gemm leading dimension too small: m=" + m + " n=" + n + " k=" + k
                    + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc + " transA=" + transA + " transB=" + transB);
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
