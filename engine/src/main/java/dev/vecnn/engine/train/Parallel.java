package dev.vecnn.engine.train;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs {@code body(0) .. body(n-1)} on the calling thread and a ForkJoin pool of
 * {@code threads - 1} workers, and returns when all are done. The indices are handed out one at a
 * time from a shared counter, so whoever is free takes the next: the caller works instead of
 * waiting (measured on a 2-core machine: with every index forked to a pool of 2 and the caller
 * blocked, 8 % of the threads' time in a training step went to hand-offs), and once no index is
 * left it waits for the workers' last ones as {@link #await} does. The drain tasks are allocated once and reinitialised for
 * every run, so a training step allocates nothing here. With one thread the bodies run in index
 * order on the caller. More threads than cores are never started: they could only wait for the
 * others and take their cycles (on the 2-core machine 4 threads ran a training step 20-30 %
 * slower than 2). Results never depend on the thread count as long as each body writes only
 * its own data. The pool remembers the worker threads it starts, so what a step allocates can be
 * counted on all the threads that ran it.
 */
final class Parallel implements AutoCloseable {
    /** How long a waiting thread spins before it parks, and how long each park lasts. */
    private static final long SPIN_NANOS = 50_000, PARK_NANOS = 20_000;
    /** Kept, since every {@code ManagementFactory.getThreadMXBean()} allocates (792 bytes on JDK 25). */
    private static final ThreadMXBean THREAD_BEAN = ManagementFactory.getThreadMXBean();

    /** The threads that run: as many as asked, but no more than the cores. */
    private final int threads;
    private final ForkJoinPool pool;
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private final Drain[] drains;
    private final AtomicInteger next = new AtomicInteger();
    private IntConsumer body;
    private int count;

    Parallel(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        this.threads = Math.min(threads, Runtime.getRuntime().availableProcessors());
        this.pool = this.threads == 1 ? null : new ForkJoinPool(this.threads - 1, pool -> {
            ForkJoinWorkerThread worker = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            workers.add(worker);
            return worker;
        }, null, false);
        this.drains = new Drain[this.threads - 1];
        for (int h = 0; h < drains.length; h++) drains[h] = new Drain();
    }

    int threads() { return threads; }

    /**
     * Returns once {@code counter} has reached {@code target}: spinning first, since the chunks of
     * a step usually end within microseconds of each other, then parking a little at a time, so a
     * thread that waits long (on a machine busy with other work) leaves its core to the threads
     * it waits for.
     */
    static void await(AtomicInteger counter, int target) {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (counter.get() < target) {
            if (System.nanoTime() < spinUntil) Thread.onSpinWait();
            else LockSupport.parkNanos(PARK_NANOS);
        }
    }

    void forEach(int n, IntConsumer body) {
        if (pool == null || n == 1) {
            for (int i = 0; i < n; i++) body.accept(i);
            return;
        }
        this.body = body;
        this.count = n;
        next.set(0);
        int helpers = Math.min(drains.length, n - 1);
        for (int h = 0; h < helpers; h++) {
            drains[h].reinitialize();
            pool.execute(drains[h]);
        }
        Throwable failure = null;
        try {
            drain();
        } catch (RuntimeException | Error e) {
            next.set(n);
            failure = e;
        }
        // Every helper is waited for, even after a failure, so none still runs when this returns.
        for (int h = 0; h < helpers; h++) {
            awaitDone(drains[h]);
            Throwable e = drains[h].getException();
            if (e == null) continue;
            if (failure == null) failure = e;
            else failure.addSuppressed(e);
        }
        // The bodies are IntConsumers, so nothing checked reaches here.
        if (failure instanceof RuntimeException e) throw e;
        if (failure instanceof Error e) throw e;
    }

    /**
     * Returns once {@code task} is done, waiting as {@link #await} does. Not {@code join}: a
     * thread outside the pool that blocks in it allocates a waiter node, some bytes in most steps.
     */
    private static void awaitDone(ForkJoinTask<?> task) {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (!task.isDone()) {
            if (System.nanoTime() < spinUntil) Thread.onSpinWait();
            else LockSupport.parkNanos(PARK_NANOS);
        }
    }

    private void drain() {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) body.accept(i);
    }

    /**
     * The bytes allocated so far by the calling thread and every worker this pool has started, as
     * the JVM counts them per thread (a worker that has ended no longer counts, which a pool busy
     * with steps does not do), or -1 where the JVM keeps no such count.
     */
    long allocatedBytes() {
        if (!(THREAD_BEAN instanceof com.sun.management.ThreadMXBean bean)
                || !bean.isThreadAllocatedMemorySupported() || !bean.isThreadAllocatedMemoryEnabled())
            return -1;
        long sum = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < workers.size(); i++) sum += Math.max(0, bean.getThreadAllocatedBytes(workers.get(i).threadId()));
        return sum;
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }

    /** A worker's share of a run: indices from the shared counter until none is left. */
    private final class Drain extends RecursiveAction {
        @Override
        protected void compute() {
            try {
                drain();
            } catch (RuntimeException | Error e) {
                next.set(count);
                throw e;
            }
        }
    }
}
