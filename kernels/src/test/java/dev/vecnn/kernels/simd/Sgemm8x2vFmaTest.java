package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.Workspace;
import dev.vecnn.kernels.reference.SgemmReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static dev.vecnn.kernels.simd.Sgemm8x2vKernel.MR;
import static dev.vecnn.kernels.simd.Sgemm8x2vKernel.NR;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The edge tiles of the packed SGEMM and its parallel twin against {@link SgemmReference}: every
 * sub-tile, k around the KC block, transposes, alpha and beta, offsets and padded leading
 * dimensions. Inputs are small integers (and alpha, beta exact in binary), so every result is
 * exact and compared exactly; C outside the product and its padding must come back untouched.
 */
class Sgemm8x2vFmaTest {
    private static final Gemm REFERENCE = new SgemmReference();
    private static final boolean[] BOOLS = {false, true};

    private final Gemm serial = new Sgemm8x2vFma();
    private final Workspace workspace = new Workspace();

    @BeforeAll
    static void simdOn() {
        assumeTrue(Registry.SIMD_ENABLED, "simd kernels are off (-Dvecnn.simd=0 or no Vector API module)");
    }

    /** One GEMM call: sizes, transposes, scalars, array offsets and the padding of each leading dimension. */
    record Case(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
                int aOff, int bOff, int cOff, int padA, int padB, int padC) {
        static Case plain(boolean transA, boolean transB, int m, int n, int k) {
            return new Case(transA, transB, m, n, k, 1f, 0f, 0, 0, 0, 0, 0, 0);
        }

        int lda() { return (transA ? m : k) + padA; }
        int ldb() { return (transB ? k : n) + padB; }
        int ldc() { return n + padC; }

        @Override
        public String toString() {
            return "gemm:m" + m + "n" + n + "k" + k + " transA=" + transA + " transB=" + transB
                    + " alpha=" + alpha + " beta=" + beta + " offsets=" + aOff + "," + bOff + "," + cOff
                    + " pads=" + padA + "," + padB + "," + padC + " lanes=" + Simd.LANES;
        }
    }

    @Test
    void everySubTileForEveryTranspose() {
        for (boolean transA : BOOLS)
            for (boolean transB : BOOLS)
                for (int rows = 1; rows <= MR; rows++)
                    for (int cols = 1; cols <= NR; cols++) {
                        check(serial, Case.plain(transA, transB, rows, cols, 3));
                        check(serial, Case.plain(transA, transB, MR + rows, NR + cols, 2));
                    }
    }

    @Test
    void kOfOne() {
        for (boolean transA : BOOLS)
            for (boolean transB : BOOLS)
                for (int[] mn : new int[][] {{1, 1}, {MR, NR}, {MR + 1, NR + 1}, {2 * MR - 1, 3 * NR - 1}, {13, 1}, {1, 29}})
                    check(serial, Case.plain(transA, transB, mn[0], mn[1], 1));
    }

    @Test
    void kBelowAtAndAboveTheKcBlock() {
        int kc = Sgemm8x2vFma.KC;
        for (int k : new int[] {kc - 1, kc, kc + 1, 2 * kc, 2 * kc + 1, 3 * kc - 7})
            for (boolean transA : BOOLS)
                for (boolean transB : BOOLS) {
                    check(serial, Case.plain(transA, transB, MR + 3, NR + 5, k));
                    check(serial, new Case(transA, transB, 2 * MR, 2 * NR, k, 2f, 0.5f, 0, 0, 0, 0, 0, 0));
                }
    }

    @Test
    void rowsAndColumnsBeyondTheMcAndNcBlocks() {
        check(serial, Case.plain(false, false, 2 * Sgemm8x2vFma.MC + MR + 3, NR + 1, 5));
        check(serial, Case.plain(true, false, Sgemm8x2vFma.MC + 1, 2, 3));
        check(serial, Case.plain(false, true, 3, Sgemm8x2vFma.NC + NR + 7, 2));
        check(serial, Case.plain(true, true, MR + 1, Sgemm8x2vFma.NC + 1, 4));
        // Later row blocks reuse B packed by the first one, across several packing groups.
        for (boolean transA : BOOLS)
            for (boolean transB : BOOLS)
                check(serial, new Case(transA, transB, Sgemm8x2vFma.MC + 9, 2 * Sgemm8x2vFma.B_GROUP + NR + 3,
                        Sgemm8x2vFma.KC + 3, 2f, 1f, 1, 2, 3, 1, 2, 3));
    }

    @Test
    void betaZeroOverwritesNaNAndOtherBetasAccumulate() {
        for (float alpha : new float[] {1f, 2f, -0.5f})
            for (float beta : new float[] {0f, 1f, -1f, 0.5f, 3f})
                for (boolean transA : BOOLS)
                    for (boolean transB : BOOLS)
                        for (int k : new int[] {1, 17, Sgemm8x2vFma.KC + 9}) {
                            check(serial, new Case(transA, transB, MR + 5, NR + 3, k, alpha, beta, 0, 0, 0, 0, 0, 0));
                            check(serial, new Case(transA, transB, 2 * MR, NR, k, alpha, beta, 0, 0, 0, 0, 0, 0));
                        }
    }

    @Test
    void kOfZeroScalesC() {
        for (float beta : new float[] {0f, 1f, -2f})
            check(serial, new Case(false, false, MR + 1, NR + 2, 0, 1f, beta, 1, 2, 3, 1, 1, 1));
    }

    @Test
    void offsetsAndPaddedLeadingDimensions() {
        for (boolean transA : BOOLS)
            for (boolean transB : BOOLS)
                for (int[] shape : new int[][] {{1, 1, 1}, {MR + 2, NR + 3, 7}, {2 * MR + 5, 2 * NR + 1, 31}, {5, 3 * NR, 2}})
                    for (float beta : new float[] {0f, 2f})
                        check(serial, new Case(transA, transB, shape[0], shape[1], shape[2], -0.5f, beta,
                                3, 5, 7, 1, 13, 3));
    }

    @Test
    void primeShapes() {
        int[] primes = {1, 2, 3, 5, 7, 11, 13, 17, 23, 31, 37, 41, 67};
        for (int i = 0; i < primes.length; i++) {
            int m = primes[i], n = primes[(i + 4) % primes.length], k = primes[(i + 8) % primes.length];
            check(serial, new Case(i % 2 == 0, i % 3 == 0, m, n, k, 1f, i % 2 == 0 ? 0f : 1f, i, 2 * i, 3 * i, i % 3, i % 2, i % 5));
        }
    }

    @Test
    void parallelMatchesReferenceAndSerialBitForBit() {
        for (int threads : new int[] {1, 2, 3}) {
            Gemm parallel = new SgemmParallel(threads);
            for (boolean transA : BOOLS)
                for (boolean transB : BOOLS) {
                    // One wide and one tall product, with edges, deep enough to be split.
                    int wideM = 3 * MR + 5, wideN = 7 * NR + 3, tallM = 41 * MR + 1, tallN = 2 * NR + 1;
                    check(parallel, new Case(transA, transB, wideM, wideN, splitDepth(wideM, wideN), 2f, 0.5f, 1, 2, 3, 1, 2, 3));
                    check(parallel, Case.plain(transA, transB, tallM, tallN, splitDepth(tallM, tallN)));
                    check(parallel, Case.plain(transA, transB, 7, 9, 5));
                }
            assertSameBits(parallel, new Case(false, false, 67, 131, splitDepth(67, 131), 1f, 0f, 0, 0, 0, 0, 0, 0));
            assertSameBits(parallel, new Case(true, true, 301, 33, splitDepth(301, 33), -0.5f, 2f, 3, 1, 4, 1, 5, 9));
        }
    }

    /** The smallest k (plus a KC-block remainder) at which SgemmParallel splits an m x n product. */
    private static int splitDepth(int m, int n) {
        int k = (int) (SgemmParallel.MIN_PARALLEL_FLOPS / (2L * m * n)) + 31;
        assertTrue(SgemmParallel.parts(2, m, n, k) == 2, "m" + m + "n" + n + "k" + k + " would not be split");
        return k;
    }

    /** Random non-integer data: the parallel result must equal the single-threaded one bit for bit. */
    private void assertSameBits(Gemm parallel, Case cs) {
        SplittableRandom random = new SplittableRandom(cs.toString().hashCode());
        float[] a = new float[cs.aOff + (cs.transA ? cs.k : cs.m) * cs.lda()];
        float[] b = new float[cs.bOff + (cs.transB ? cs.n : cs.k) * cs.ldb()];
        float[] c = new float[cs.cOff + cs.m * cs.ldc()];
        for (int i = 0; i < a.length; i++) a[i] = (float) random.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) random.nextDouble(-1, 1);
        for (int i = 0; i < c.length; i++) c[i] = (float) random.nextDouble(-1, 1);
        float[] expected = c.clone();
        run(serial, cs, a, b, expected, workspace);
        run(parallel, cs, a, b, c, new Workspace());
        assertTrue(Arrays.equals(expected, c), () -> parallel.name() + " differs from the serial result: " + cs);
    }

    private void check(Gemm gemm, Case cs) {
        SplittableRandom random = new SplittableRandom(cs.toString().hashCode());
        float[] a = smallIntegers(random, cs.aOff + (cs.transA ? cs.k : cs.m) * cs.lda());
        float[] b = smallIntegers(random, cs.bOff + (cs.transB ? cs.n : cs.k) * cs.ldb());
        float[] c = new float[cs.cOff + cs.m * cs.ldc()];
        // beta == 0 must not read C: poison it. Otherwise non-zero values show add-versus-overwrite.
        // The offset prefix and the padding stay NaN and must come back untouched.
        Arrays.fill(c, Float.NaN);
        if (cs.beta != 0f) {
            for (int i = 0; i < cs.m; i++)
                for (int j = 0; j < cs.n; j++) c[cs.cOff + i * cs.ldc() + j] = random.nextInt(1, 6) * (random.nextBoolean() ? 1 : -1);
        }
        float[] expected = c.clone();
        run(REFERENCE, cs, a, b, expected, new Workspace());
        run(gemm, cs, a, b, c, workspace);
        int nonZero = 0;
        for (int i = 0; i < c.length; i++) {
            boolean inside = i >= cs.cOff && (i - cs.cOff) % cs.ldc() < cs.n;
            if (inside && expected[i] != 0f) nonZero++;
            if (!(expected[i] == c[i] || Float.isNaN(expected[i]) && Float.isNaN(c[i]) && !inside)) {
                int row = (i - cs.cOff) / cs.ldc(), col = (i - cs.cOff) % cs.ldc();
                fail(gemm.name() + " " + cs + ": C[" + row + "," + col + "] (index " + i + ") expected "
                        + expected[i] + " but was " + c[i]);
            }
        }
        int size = cs.m * cs.n;
        if (cs.k > 0 && size >= 4) assertTrue(nonZero >= size / 2, () -> "mostly zeros, untrustworthy: " + cs);
    }

    private static void run(Gemm gemm, Case cs, float[] a, float[] b, float[] c, Workspace ws) {
        gemm.sgemm(cs.transA, cs.transB, cs.m, cs.n, cs.k, cs.alpha, a, cs.aOff, cs.lda(), b, cs.bOff, cs.ldb(),
                cs.beta, c, cs.cOff, cs.ldc(), ws);
    }

    /** Non-zero integers in [-4, 4], so a product is never zero by accident of one factor. */
    private static float[] smallIntegers(SplittableRandom random, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) x[i] = random.nextInt(1, 5) * (random.nextBoolean() ? 1 : -1);
        return x;
    }
}
