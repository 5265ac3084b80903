package dev.vecnn.engine.train;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
