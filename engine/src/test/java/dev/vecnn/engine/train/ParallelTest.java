package dev.vecnn.engine.train;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelTest {
    private static final int BYTES = 1 << 20;

    @Test
    void everyIndexRunsOnce() {
        try (Parallel parallel = new Parallel(3)) {
            int[] runs = new int[10];
            parallel.forEach(10, i -> runs[i]++);
            for (int i = 0; i < 10; i++) assertEquals(1, runs[i], "index " + i);
        }
    }

    /** The bodies allocate only on the pool's worker threads, so the count must include the workers' own. */
    @Test
    void allocatedBytesCountsWhatTheWorkerThreadsAllocate() {
        Thread caller = Thread.currentThread();
        byte[][] kept = new byte[8][];
        AtomicInteger onWorkers = new AtomicInteger();
        try (Parallel parallel = new Parallel(2)) {
            parallel.forEach(8, i -> {});
            long before = parallel.allocatedBytes();
            parallel.forEach(8, i -> {
                // The caller takes indices too: it waits (a while at most) for a worker to take one.
                if (Thread.currentThread() == caller) {
                    long until = System.nanoTime() + 5_000_000_000L;
                    while (onWorkers.get() == 0 && System.nanoTime() < until) Thread.onSpinWait();
                    return;
                }
                kept[i] = new byte[BYTES];
                onWorkers.incrementAndGet();
            });
            long allocated = parallel.allocatedBytes() - before;
            assertTrue(onWorkers.get() > 0, "no body ran on a worker thread");
            assertTrue(allocated >= (long) onWorkers.get() * BYTES,
                    allocated + " bytes counted for " + onWorkers.get() + " arrays of " + BYTES + " on worker threads");
            for (byte[] array : kept) assertTrue(array == null || array.length == BYTES);
        }
    }

    /**
     * The caller ends its index at once and waits for the worker's, which takes longer than the
     * spin, so the caller parks: a wait that allocates (as {@code ForkJoinTask.join} does from
     * outside the pool) shows here. Once in a while a run allocates a few bytes on its own (80, a
     * pool's or the compiler's one-off), so a window of runs that allocates nothing is what passes.
     */
    @Test
    void waitingForTheWorkersAllocatesNothing() {
        IntConsumer body = i -> {
            if (i == 0) return;
            long until = System.nanoTime() + 200_000;
            while (System.nanoTime() < until) Thread.onSpinWait();
        };
        long bytes = -1;
        try (Parallel parallel = new Parallel(2)) {
            for (int window = 0; window < 20 && bytes != 0; window++) {
                long before = parallel.allocatedBytes();
                for (int run = 0; run < 200; run++) parallel.forEach(2, body);
                bytes = parallel.allocatedBytes() - before;
            }
        }
        assertEquals(0, bytes, "bytes allocated by the last of 20 windows of 200 runs");
    }

    @Test
    void aFailureOnAWorkerReachesTheCallerAfterEveryBodyEnded() {
        Thread caller = Thread.currentThread();
        AtomicInteger running = new AtomicInteger();
        try (Parallel parallel = new Parallel(2)) {
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> parallel.forEach(2, i -> {
                running.incrementAndGet();
                try {
                    if (Thread.currentThread() != caller) throw new IllegalStateException("failed on a worker");
                    long until = System.nanoTime() + 5_000_000_000L;
                    while (running.get() < 2 && System.nanoTime() < until) Thread.onSpinWait();
                } finally {
                    running.decrementAndGet();
                }
            }));
            Throwable failure = thrown.getMessage() != null && thrown.getMessage().contains("failed on a worker")
                    ? thrown : thrown.getCause();
            assertTrue(failure != null && failure.getMessage().contains("failed on a worker"), String.valueOf(thrown));
            assertEquals(0, running.get(), "a body still ran when forEach returned");
        }
    }

    /** A wait far longer than the spin (the counter is raised over 30 ms) ends once the count is reached. */
    @Test
    void awaitReturnsOnceAnotherThreadReachesTheTarget() throws InterruptedException {
        AtomicInteger counter = new AtomicInteger();
        Thread raiser = new Thread(() -> {
            for (int i = 0; i < 3; i++) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
                counter.incrementAndGet();
            }
        });
        raiser.start();
        Parallel.await(counter, 3);
        assertEquals(3, counter.get());
        raiser.join();
    }
}
