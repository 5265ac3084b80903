package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Workspace;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

import static dev.vecnn.kernels.simd.Sgemm8x2vKernel.MR;
import static dev.vecnn.kernels.simd.Sgemm8x2vKernel.NR;

/**
 * {@link Sgemm8x2vFma} on T threads: C is cut into T slabs of whole register tiles (columns when
 * n >= m, else rows), the caller computes the first slab and T - 1 workers of a private
 * ForkJoinPool the others. Wins on large GEMMs (several million multiply-adds and up) when
 * cores are free; smaller products run on the caller alone, where waking a worker would cost more
 * than it saves.
 *
 * <p>Each C element is computed by exactly one thread with the single-threaded code and the same
 * k blocking, so results are bit-identical to {@link Sgemm8x2vFma} for any T. Each worker owns a
 * workspace and a task object reused from call to call, so steady-state calls allocate nothing.
 * Calls on one instance are serialised.
 */
public final class SgemmParallel implements Gemm {
    /**
     * Below this many flops (2mnk, about 50 microseconds on one core) a product runs on the caller
     * alone: waking a parked worker takes tens of microseconds.
     */
    public static final long MIN_PARALLEL_FLOPS = 1L << 23;
    /** About 100 microseconds of spinning (a pause is tens of nanoseconds). */
    private static final int SPINS_BEFORE_YIELDING = 5000;

    private final int threads;
    private final Gemm serial = new Sgemm8x2vFma();
    private final ForkJoinPool pool;
    private final Slab[] slabs;

    /** A GEMM on {@code threads} threads: the caller and threads - 1 pool workers. */
    public SgemmParallel(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, not " + threads);
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads - 1) : null;
        this.slabs = new Slab[threads];
        for (int t = 1; t < threads; t++) slabs[t] = new Slab();
    }

    @Override
    public String name() {
        return "SgemmParallel";
    }

    @Override
    public synchronized void sgemm(boolean transA, boolean transB, int m, int n, int k,
                                   float alpha, float[] a, int aOff, int lda,
                                   float[] b, int bOff, int ldb,
                                   float beta, float[] c, int cOff, int ldc, Workspace ws) {
        Sgemm8x2vFma.checkShape(transA, transB, m, n, k, lda, ldb, ldc);
        boolean byColumns = n >= m;
        int tiles = byColumns ? (n + NR - 1) / NR : (m + MR - 1) / MR;
        int parts = parts(threads, m, n, k);
        if (parts < 2) {
            serial.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws);
            return;
        }
        int step = byColumns ? NR : MR;
        for (int t = 1; t < parts; t++) {
            int from = tiles * t / parts * step;
            int to = Math.min(tiles * (t + 1) / parts * step, byColumns ? n : m);
            slabs[t].set(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    byColumns, from, to);
            pool.execute(slabs[t]);
        }
        try {
            int to = tiles / parts * step;
            if (byColumns) {
                serial.sgemm(transA, transB, m, to, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws);
            } else {
                serial.sgemm(transA, transB, to, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws);
            }
        } finally {
            for (int t = 1; t < parts; t++) await(slabs[t]);
        }
        for (int t = 1; t < parts; t++) slabs[t].join();
    }

    /** How many slabs a product is cut into: 1 (the caller alone) when it is small. */
    static int parts(int threads, int m, int n, int k) {
        if (2L * m * n * k < MIN_PARALLEL_FLOPS) return 1;
        int tiles = n >= m ? (n + NR - 1) / NR : (m + MR - 1) / MR;
        return Math.min(threads, tiles);
    }

    /**
     * Waits for a slab. The slabs take about equally long, so a worker is usually done or nearly
     * done when the caller finishes its own: the caller spins, then yields its core, but never
     * parks, because parking in ForkJoinTask.join allocates a wait node on every call.
     */
    private static void await(Slab slab) {
        for (int spins = 0; !slab.isDone(); spins++) {
            if (spins < SPINS_BEFORE_YIELDING) Thread.onSpinWait();
            else Thread.yield();
        }
    }

    /** One worker's slab of C: columns or rows [from, to). Reinitialised and reused every call. */
    private final class Slab extends RecursiveAction {
        private final Workspace workspace = new Workspace();
        private boolean transA, transB, byColumns;
        private int m, n, k, aOff, lda, bOff, ldb, cOff, ldc, from, to;
        private float alpha, beta;
        private float[] a, b, c;

        void set(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                 float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc,
                 boolean byColumns, int from, int to) {
            reinitialize();
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.beta = beta;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            this.byColumns = byColumns;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            try {
                if (byColumns) {
                    // Columns [from, to) of op(B) and C.
                    int bStart = bOff + (transB ? from * ldb : from);
                    serial.sgemm(transA, transB, m, to - from, k, alpha, a, aOff, lda, b, bStart, ldb,
                            beta, c, cOff + from, ldc, workspace);
                } else {
                    // Rows [from, to) of op(A) and C.
                    int aStart = aOff + (transA ? from : from * lda);
                    serial.sgemm(transA, transB, to - from, n, k, alpha, a, aStart, lda, b, bOff, ldb,
                            beta, c, cOff + from * ldc, ldc, workspace);
                }
            } finally {
                // An idle worker must not keep the caller's matrices alive.
                a = b = c = null;
            }
        }
    }
}
