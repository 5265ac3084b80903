package dev.vecnn.kernels.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Times a call by repeated samples after a warm-up and reports the median, which a machine shared
 * with other work disturbs less than the mean. With T threads, T copies of the call (each on its
 * own buffers) run at once and a sample lasts until the slowest finishes, so the figure is the
 * throughput of the whole machine at T threads.
 */
public final class Timer implements AutoCloseable {
    /** A sample should last this long so timer resolution and thread hand-off stay negligible. */
    private static final long TARGET_SAMPLE_NANOS = 2_000_000L;

    private final int threads;
    private final ExecutorService pool;

    public Timer(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "vecnn-bench");
            thread.setDaemon(true);
            return thread;
        });
    }

    public int threads() { return threads; }

    /**
     * The median wall time of one call, in seconds, with every copy calling at once; {@code copies}
     * holds one call per thread.
     */
    public double secondsPerCall(List<Runnable> copies, Budget budget) {
        if (copies.size() != threads)
            throw new IllegalArgumentException(copies.size() + " copies for " + threads + " threads");
        long warmupStart = System.nanoTime();
        long lastSample;
        do {
            lastSample = sample(copies, 1);
        } while (System.nanoTime() - warmupStart < budget.warmupNanos());

        int calls = (int) Math.max(1, Math.min(1_000_000, TARGET_SAMPLE_NANOS / Math.max(1, lastSample)));
        double[] perCall = new double[16];
        int samples = 0;
        long measureStart = System.nanoTime();
        do {
            if (samples == perCall.length) perCall = Arrays.copyOf(perCall, 2 * samples);
            perCall[samples++] = sample(copies, calls) * 1e-9 / calls;
        } while (System.nanoTime() - measureStart < budget.measureNanos());
        return median(perCall, samples);
    }

    /** Wall nanoseconds for every copy to make {@code calls} calls. */
    private long sample(List<Runnable> copies, int calls) {
        if (pool == null) {
            Runnable call = copies.get(0);
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) call.run();
            return System.nanoTime() - start;
        }
        List<Callable<Void>> tasks = new ArrayList<>(threads);
        for (Runnable call : copies) tasks.add(() -> {
            for (int i = 0; i < calls; i++) call.run();
            return null;
        });
        long start = System.nanoTime();
        List<Future<Void>> done;
        try {
            done = pool.invokeAll(tasks);
            for (Future<Void> future : done) future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException(e.getCause());
        }
        return System.nanoTime() - start;
    }

    private static double median(double[] values, int count) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : 0.5 * (sorted[count / 2 - 1] + sorted[count / 2]);
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
