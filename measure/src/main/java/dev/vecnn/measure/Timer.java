package dev.vecnn.measure;

import java.lang.management.ManagementFactory;
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
 *
 * <p>The warm-up lasts at least its budget and then until the code is compiled by C2: until a
 * sample allocates (almost) nothing and is about as fast as the best one so far. Vector API code
 * that C2 has not compiled yet boxes every vector and runs a thousand times slower, and on a busy
 * machine C2 can take a second or more to get there; a fixed warm-up would time that instead.
 */
public final class Timer implements AutoCloseable {
    /** A sample should last this long so timer resolution and thread hand-off stay negligible. */
    private static final long TARGET_SAMPLE_NANOS = 2_000_000L;
    /** Compiled kernels allocate nothing; the interpreter and C1 box every vector, kilobytes per call. */
    private static final long COMPILED_MAX_BYTES_PER_CALL = 1024;
    /** A sample this much slower than the best one means the code is still changing tier. */
    private static final double SETTLED_SLOWDOWN = 1.25;

    private static final com.sun.management.ThreadMXBean THREADS = allocationCounter();

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
     * The median wall time of one call, with every copy calling at once, and what the busiest
     * copy allocated per call; {@code copies} holds one call per thread.
     */
    public Timing time(List<Runnable> copies, Budget budget) {
        if (copies.size() != threads)
            throw new IllegalArgumentException(copies.size() + " copies for " + threads + " threads");
        long start = System.nanoTime();
        Sample first = sample(copies, 1);
        if (first.nanosPerCall() >= budget.singleCallNanos() && first.bytesPerCall() <= COMPILED_MAX_BYTES_PER_CALL)
            return new Timing(first.nanosPerCall() * 1e-9, first.bytesPerCall());
        Sample last = warmUp(copies, budget, first, start);

        int calls = callsPerSample(last);
        double[] seconds = new double[16];
        double[] bytes = new double[16];
        int samples = 0;
        start = System.nanoTime();
        do {
            if (samples == seconds.length) {
                seconds = Arrays.copyOf(seconds, 2 * samples);
                bytes = Arrays.copyOf(bytes, 2 * samples);
            }
            Sample sample = sample(copies, calls);
            seconds[samples] = sample.nanosPerCall() * 1e-9;
            bytes[samples++] = sample.bytesPerCall();
        } while (System.nanoTime() - start < budget.measureNanos());
        return new Timing(median(seconds, samples), median(bytes, samples));
    }

    /** The median seconds per call, and the median bytes the busiest copy allocated per call. */
    public record Timing(double secondsPerCall, double bytesPerCall) {}

    /** Goes on from the first sample, taken at {@code start}, until the code is compiled; returns the last sample. */
    private Sample warmUp(List<Runnable> copies, Budget budget, Sample first, long start) {
        double best = Double.POSITIVE_INFINITY;
        Sample sample = first;
        while (true) {
            best = Math.min(best, sample.nanosPerCall());
            long elapsed = System.nanoTime() - start;
            boolean settled = sample.bytesPerCall() <= COMPILED_MAX_BYTES_PER_CALL
                    && sample.nanosPerCall() <= SETTLED_SLOWDOWN * best;
            if (elapsed >= budget.maxWarmupNanos() || elapsed >= budget.warmupNanos() && settled) return sample;
            sample = sample(copies, callsPerSample(sample));
        }
    }

    private static int callsPerSample(Sample sample) {
        return (int) Math.max(1, Math.min(1_000_000, TARGET_SAMPLE_NANOS / Math.max(1, sample.nanosPerCall())));
    }

    /** Wall time per call, and the most any copy's thread allocated per call. */
    private record Sample(double nanosPerCall, double bytesPerCall) {}

    /** Every copy makes {@code calls} calls at once. */
    private Sample sample(List<Runnable> copies, int calls) {
        if (pool == null) {
            Runnable call = copies.get(0);
            long bytes = allocatedBytes();
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) call.run();
            long nanos = System.nanoTime() - start;
            return new Sample((double) nanos / calls, (double) (allocatedBytes() - bytes) / calls);
        }
        List<Callable<Long>> tasks = new ArrayList<>(threads);
        for (Runnable call : copies) tasks.add(() -> {
            long bytes = allocatedBytes();
            for (int i = 0; i < calls; i++) call.run();
            return allocatedBytes() - bytes;
        });
        long start = System.nanoTime();
        long mostBytes = 0;
        try {
            for (Future<Long> done : pool.invokeAll(tasks)) mostBytes = Math.max(mostBytes, done.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException(e.getCause());
        }
        long nanos = System.nanoTime() - start;
        return new Sample((double) nanos / calls, (double) mostBytes / calls);
    }

    /** Bytes this thread has allocated so far, or 0 where the JVM does not count them. */
    private static long allocatedBytes() {
        return THREADS == null ? 0 : THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported()) {
            bean.setThreadAllocatedMemoryEnabled(true);
            return bean;
        }
        return null;
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
