package dev.vecnn.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked heart of {@link Conv2dImplicitGemmNhwc}: a product whose left operand is
 * read in place through two offset tables instead of being materialised (no im2col matrix),
 * out[r][k] = start[r][k] + sum over t of a[aOff + rowOff[r] + colOff[t]] * b[bOff + t * ldb + k].
 * For the forward pass a row is an output pixel (its window's corner in x), a step one
 * (tap, input channel) and b the packed weights; for the weight gradient a row is a
 * (tap, input channel), a step an output pixel and b its output gradients. Each tile keeps its
 * accumulators in named locals (in an array C2 re-boxes them, docs/DESIGN.md) and starts its chains
 * from {@code start} (row stride {@code lds}: 0 for one bias row shared by every row, the output
 * itself to add to it). Every row of a tile is computed: a row table holds a multiple of
 * {@link #ROW_MULTIPLE} entries, the last real one repeated, and only the real rows are stored,
 * so a tail costs a partial tile, never a scalar loop. Columns come in whole vectors: the caller
 * pads b, start and out to a multiple of the vector length.
 */
final class ImplicitGemmTiles {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES;
    /** Row tables are padded to a multiple of this: the tallest tile. */
    static final int ROW_MULTIPLE = 12;

    private ImplicitGemmTiles() {}

    /**
     * out[r][v * L ..] for rows r < rows and vectors v < vectors (out[oo + r * ldo + v * L]), from
     * start[so + r * lds + v * L] plus the sum over t < steps. Four vectors at a time in 6-row
     * tiles (24 accumulators, the register file's sweet spot), then two in 12-row tiles, then one.
     */
    static void product(float[] a, int aOff, int[] rowOff, int rows, int[] colOff, int steps, float[] b, int bOff, int ldb,
                        int vectors, float[] start, int so, int lds, float[] out, int oo, int ldo) {
        int v = 0;
        for (; v + 4 <= vectors; v += 4)
            for (int r = 0; r < rows; r += 6)
                tile6x4(a, aOff, rowOff, r, colOff, steps, b, bOff + v * L, ldb, start, so + r * lds + v * L, lds,
                        out, oo + r * ldo + v * L, ldo, Math.min(6, rows - r));
        for (; v + 2 <= vectors; v += 2)
            for (int r = 0; r < rows; r += 12)
                tile12x2(a, aOff, rowOff, r, colOff, steps, b, bOff + v * L, ldb, start, so + r * lds + v * L, lds,
                        out, oo + r * ldo + v * L, ldo, Math.min(12, rows - r));
        for (; v < vectors; v++)
            for (int r = 0; r < rows; r += 12)
                tile12x1(a, aOff, rowOff, r, colOff, steps, b, bOff + v * L, ldb, start, so + r * lds + v * L, lds,
                        out, oo + r * ldo + v * L, ldo, Math.min(12, rows - r));
    }

    /** Pads a row table holding {@code rows} entries to a multiple of {@link #ROW_MULTIPLE} by repeating its last entry. */
    static void padRows(int[] rowOff, int rows) {
        int end = (rows + ROW_MULTIPLE - 1) / ROW_MULTIPLE * ROW_MULTIPLE;
        for (int r = rows; r < end; r++) rowOff[r] = rowOff[rows - 1];
    }

    /** Entries a row table of {@code rows} rows needs. */
    static int paddedRows(int rows) {
        return (rows + ROW_MULTIPLE - 1) / ROW_MULTIPLE * ROW_MULTIPLE;
    }

    /** A 6-row x 4-vector tile: 24 accumulators, 4 loads of b and 6 broadcasts of a per step. */
    private static void tile6x4(float[] a, int aOff, int[] rowOff, int r, int[] colOff, int steps, float[] b, int bOff, int ldb,
                                float[] start, int so, int lds, float[] out, int oo, int ldo, int valid) {
        int a0 = aOff + rowOff[r], a1 = aOff + rowOff[r + 1], a2 = aOff + rowOff[r + 2], a3 = aOff + rowOff[r + 3],
            a4 = aOff + rowOff[r + 4], a5 = aOff + rowOff[r + 5];
        FloatVector c00 = FloatVector.fromArray(S, start, so),
                c01 = FloatVector.fromArray(S, start, so + L),
                c02 = FloatVector.fromArray(S, start, so + 2 * L),
                c03 = FloatVector.fromArray(S, start, so + 3 * L);
        FloatVector c10 = FloatVector.fromArray(S, start, so + lds),
                c11 = FloatVector.fromArray(S, start, so + lds + L),
                c12 = FloatVector.fromArray(S, start, so + lds + 2 * L),
                c13 = FloatVector.fromArray(S, start, so + lds + 3 * L);
        FloatVector c20 = FloatVector.fromArray(S, start, so + 2 * lds),
                c21 = FloatVector.fromArray(S, start, so + 2 * lds + L),
                c22 = FloatVector.fromArray(S, start, so + 2 * lds + 2 * L),
                c23 = FloatVector.fromArray(S, start, so + 2 * lds + 3 * L);
        FloatVector c30 = FloatVector.fromArray(S, start, so + 3 * lds),
                c31 = FloatVector.fromArray(S, start, so + 3 * lds + L),
                c32 = FloatVector.fromArray(S, start, so + 3 * lds + 2 * L),
                c33 = FloatVector.fromArray(S, start, so + 3 * lds + 3 * L);
        FloatVector c40 = FloatVector.fromArray(S, start, so + 4 * lds),
                c41 = FloatVector.fromArray(S, start, so + 4 * lds + L),
                c42 = FloatVector.fromArray(S, start, so + 4 * lds + 2 * L),
                c43 = FloatVector.fromArray(S, start, so + 4 * lds + 3 * L);
        FloatVector c50 = FloatVector.fromArray(S, start, so + 5 * lds),
                c51 = FloatVector.fromArray(S, start, so + 5 * lds + L),
                c52 = FloatVector.fromArray(S, start, so + 5 * lds + 2 * L),
                c53 = FloatVector.fromArray(S, start, so + 5 * lds + 3 * L);
        for (int t = 0; t < steps; t++) {
            int ct = colOff[t];
            int bt = bOff + t * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bt);
            FloatVector b1 = FloatVector.fromArray(S, b, bt + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bt + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bt + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ct]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, a[a1 + ct]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(S, a[a2 + ct]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(S, a[a3 + ct]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
            x = FloatVector.broadcast(S, a[a4 + ct]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41); c42 = x.fma(b2, c42); c43 = x.fma(b3, c43);
            x = FloatVector.broadcast(S, a[a5 + ct]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51); c52 = x.fma(b2, c52); c53 = x.fma(b3, c53);
        }
        c00.intoArray(out, oo); c01.intoArray(out, oo + L); c02.intoArray(out, oo + 2 * L); c03.intoArray(out, oo + 3 * L);
        if (valid == 1) return;
        c10.intoArray(out, oo + ldo); c11.intoArray(out, oo + ldo + L); c12.intoArray(out, oo + ldo + 2 * L); c13.intoArray(out, oo + ldo + 3 * L);
        if (valid == 2) return;
        c20.intoArray(out, oo + 2 * ldo); c21.intoArray(out, oo + 2 * ldo + L); c22.intoArray(out, oo + 2 * ldo + 2 * L); c23.intoArray(out, oo + 2 * ldo + 3 * L);
        if (valid == 3) return;
        c30.intoArray(out, oo + 3 * ldo); c31.intoArray(out, oo + 3 * ldo + L); c32.intoArray(out, oo + 3 * ldo + 2 * L); c33.intoArray(out, oo + 3 * ldo + 3 * L);
        if (valid == 4) return;
        c40.intoArray(out, oo + 4 * ldo); c41.intoArray(out, oo + 4 * ldo + L); c42.intoArray(out, oo + 4 * ldo + 2 * L); c43.intoArray(out, oo + 4 * ldo + 3 * L);
        if (valid == 5) return;
        c50.intoArray(out, oo + 5 * ldo); c51.intoArray(out, oo + 5 * ldo + L); c52.intoArray(out, oo + 5 * ldo + 2 * L); c53.intoArray(out, oo + 5 * ldo + 3 * L);
    }

    /** A 12-row x 2-vector tile: 24 accumulators, 2 loads of b and 12 broadcasts of a per step. */
    private static void tile12x2(float[] a, int aOff, int[] rowOff, int r, int[] colOff, int steps, float[] b, int bOff, int ldb,
                                float[] start, int so, int lds, float[] out, int oo, int ldo, int valid) {
        int a0 = aOff + rowOff[r], a1 = aOff + rowOff[r + 1], a2 = aOff + rowOff[r + 2], a3 = aOff + rowOff[r + 3],
            a4 = aOff + rowOff[r + 4], a5 = aOff + rowOff[r + 5], a6 = aOff + rowOff[r + 6], a7 = aOff + rowOff[r + 7],
            a8 = aOff + rowOff[r + 8], a9 = aOff + rowOff[r + 9], a10 = aOff + rowOff[r + 10], a11 = aOff + rowOff[r + 11];
        FloatVector c00 = FloatVector.fromArray(S, start, so),
                c01 = FloatVector.fromArray(S, start, so + L);
        FloatVector c10 = FloatVector.fromArray(S, start, so + lds),
                c11 = FloatVector.fromArray(S, start, so + lds + L);
        FloatVector c20 = FloatVector.fromArray(S, start, so + 2 * lds),
                c21 = FloatVector.fromArray(S, start, so + 2 * lds + L);
        FloatVector c30 = FloatVector.fromArray(S, start, so + 3 * lds),
                c31 = FloatVector.fromArray(S, start, so + 3 * lds + L);
        FloatVector c40 = FloatVector.fromArray(S, start, so + 4 * lds),
                c41 = FloatVector.fromArray(S, start, so + 4 * lds + L);
        FloatVector c50 = FloatVector.fromArray(S, start, so + 5 * lds),
                c51 = FloatVector.fromArray(S, start, so + 5 * lds + L);
        FloatVector c60 = FloatVector.fromArray(S, start, so + 6 * lds),
                c61 = FloatVector.fromArray(S, start, so + 6 * lds + L);
        FloatVector c70 = FloatVector.fromArray(S, start, so + 7 * lds),
                c71 = FloatVector.fromArray(S, start, so + 7 * lds + L);
        FloatVector c80 = FloatVector.fromArray(S, start, so + 8 * lds),
                c81 = FloatVector.fromArray(S, start, so + 8 * lds + L);
        FloatVector c90 = FloatVector.fromArray(S, start, so + 9 * lds),
                c91 = FloatVector.fromArray(S, start, so + 9 * lds + L);
        FloatVector c100 = FloatVector.fromArray(S, start, so + 10 * lds),
                c101 = FloatVector.fromArray(S, start, so + 10 * lds + L);
        FloatVector c110 = FloatVector.fromArray(S, start, so + 11 * lds),
                c111 = FloatVector.fromArray(S, start, so + 11 * lds + L);
        for (int t = 0; t < steps; t++) {
            int ct = colOff[t];
            int bt = bOff + t * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bt);
            FloatVector b1 = FloatVector.fromArray(S, b, bt + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ct]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + ct]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + ct]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + ct]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + ct]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + ct]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[a6 + ct]);
            c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[a7 + ct]);
            c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            x = FloatVector.broadcast(S, a[a8 + ct]);
            c80 = x.fma(b0, c80); c81 = x.fma(b1, c81);
            x = FloatVector.broadcast(S, a[a9 + ct]);
            c90 = x.fma(b0, c90); c91 = x.fma(b1, c91);
            x = FloatVector.broadcast(S, a[a10 + ct]);
            c100 = x.fma(b0, c100); c101 = x.fma(b1, c101);
            x = FloatVector.broadcast(S, a[a11 + ct]);
            c110 = x.fma(b0, c110); c111 = x.fma(b1, c111);
        }
        c00.intoArray(out, oo); c01.intoArray(out, oo + L);
        if (valid == 1) return;
        c10.intoArray(out, oo + ldo); c11.intoArray(out, oo + ldo + L);
        if (valid == 2) return;
        c20.intoArray(out, oo + 2 * ldo); c21.intoArray(out, oo + 2 * ldo + L);
        if (valid == 3) return;
        c30.intoArray(out, oo + 3 * ldo); c31.intoArray(out, oo + 3 * ldo + L);
        if (valid == 4) return;
        c40.intoArray(out, oo + 4 * ldo); c41.intoArray(out, oo + 4 * ldo + L);
        if (valid == 5) return;
        c50.intoArray(out, oo + 5 * ldo); c51.intoArray(out, oo + 5 * ldo + L);
        if (valid == 6) return;
        c60.intoArray(out, oo + 6 * ldo); c61.intoArray(out, oo + 6 * ldo + L);
        if (valid == 7) return;
        c70.intoArray(out, oo + 7 * ldo); c71.intoArray(out, oo + 7 * ldo + L);
        if (valid == 8) return;
        c80.intoArray(out, oo + 8 * ldo); c81.intoArray(out, oo + 8 * ldo + L);
        if (valid == 9) return;
        c90.intoArray(out, oo + 9 * ldo); c91.intoArray(out, oo + 9 * ldo + L);
        if (valid == 10) return;
        c100.intoArray(out, oo + 10 * ldo); c101.intoArray(out, oo + 10 * ldo + L);
        if (valid == 11) return;
        c110.intoArray(out, oo + 11 * ldo); c111.intoArray(out, oo + 11 * ldo + L);
    }

    /** A 12-row x 1-vector tile: 12 accumulators, 1 loads of b and 12 broadcasts of a per step. */
    private static void tile12x1(float[] a, int aOff, int[] rowOff, int r, int[] colOff, int steps, float[] b, int bOff, int ldb,
                                float[] start, int so, int lds, float[] out, int oo, int ldo, int valid) {
        int a0 = aOff + rowOff[r], a1 = aOff + rowOff[r + 1], a2 = aOff + rowOff[r + 2], a3 = aOff + rowOff[r + 3],
            a4 = aOff + rowOff[r + 4], a5 = aOff + rowOff[r + 5], a6 = aOff + rowOff[r + 6], a7 = aOff + rowOff[r + 7],
            a8 = aOff + rowOff[r + 8], a9 = aOff + rowOff[r + 9], a10 = aOff + rowOff[r + 10], a11 = aOff + rowOff[r + 11];
        FloatVector c00 = FloatVector.fromArray(S, start, so);
        FloatVector c10 = FloatVector.fromArray(S, start, so + lds);
        FloatVector c20 = FloatVector.fromArray(S, start, so + 2 * lds);
        FloatVector c30 = FloatVector.fromArray(S, start, so + 3 * lds);
        FloatVector c40 = FloatVector.fromArray(S, start, so + 4 * lds);
        FloatVector c50 = FloatVector.fromArray(S, start, so + 5 * lds);
        FloatVector c60 = FloatVector.fromArray(S, start, so + 6 * lds);
        FloatVector c70 = FloatVector.fromArray(S, start, so + 7 * lds);
        FloatVector c80 = FloatVector.fromArray(S, start, so + 8 * lds);
        FloatVector c90 = FloatVector.fromArray(S, start, so + 9 * lds);
        FloatVector c100 = FloatVector.fromArray(S, start, so + 10 * lds);
        FloatVector c110 = FloatVector.fromArray(S, start, so + 11 * lds);
        for (int t = 0; t < steps; t++) {
            int ct = colOff[t];
            int bt = bOff + t * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bt);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ct]);
            c00 = x.fma(b0, c00);
            x = FloatVector.broadcast(S, a[a1 + ct]);
            c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(S, a[a2 + ct]);
            c20 = x.fma(b0, c20);
            x = FloatVector.broadcast(S, a[a3 + ct]);
            c30 = x.fma(b0, c30);
            x = FloatVector.broadcast(S, a[a4 + ct]);
            c40 = x.fma(b0, c40);
            x = FloatVector.broadcast(S, a[a5 + ct]);
            c50 = x.fma(b0, c50);
            x = FloatVector.broadcast(S, a[a6 + ct]);
            c60 = x.fma(b0, c60);
            x = FloatVector.broadcast(S, a[a7 + ct]);
            c70 = x.fma(b0, c70);
            x = FloatVector.broadcast(S, a[a8 + ct]);
            c80 = x.fma(b0, c80);
            x = FloatVector.broadcast(S, a[a9 + ct]);
            c90 = x.fma(b0, c90);
            x = FloatVector.broadcast(S, a[a10 + ct]);
            c100 = x.fma(b0, c100);
            x = FloatVector.broadcast(S, a[a11 + ct]);
            c110 = x.fma(b0, c110);
        }
        c00.intoArray(out, oo);
        if (valid == 1) return;
        c10.intoArray(out, oo + ldo);
        if (valid == 2) return;
        c20.intoArray(out, oo + 2 * ldo);
        if (valid == 3) return;
        c30.intoArray(out, oo + 3 * ldo);
        if (valid == 4) return;
        c40.intoArray(out, oo + 4 * ldo);
        if (valid == 5) return;
        c50.intoArray(out, oo + 5 * ldo);
        if (valid == 6) return;
        c60.intoArray(out, oo + 6 * ldo);
        if (valid == 7) return;
        c70.intoArray(out, oo + 7 * ldo);
        if (valid == 8) return;
        c80.intoArray(out, oo + 8 * ldo);
        if (valid == 9) return;
        c90.intoArray(out, oo + 9 * ldo);
        if (valid == 10) return;
        c100.intoArray(out, oo + 10 * ldo);
        if (valid == 11) return;
        c110.intoArray(out, oo + 11 * ldo);
    }

}
