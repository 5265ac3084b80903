package dev.vecnn.engine.train;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * Runs {@code body(0) .. body(n-1)} as ForkJoin tasks on a pool of {@code threads} workers, and
 * returns when all are done. The tasks are allocated once and reinitialised for every run, so a
 * training step allocates nothing here. With one thread the bodies run in index order on the
 * caller. Results never depend on the thread count as long as each body writes only its own data.
 * The pool remembers the worker threads it starts, so what a step allocates can be counted on all
 * the threads that ran it.
 */
final class Parallel implements AutoCloseable {
    private final int threads;
    private final ForkJoinPool pool;
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private final Root root = new Root();
    private Task[] tasks = new Task[0];

    Parallel(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads, pool -> {
            ForkJoinWorkerThread worker = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            workers.add(worker);
            return worker;
        }, null, false);
    }

    int threads() { return threads; }

    void forEach(int n, IntConsumer body) {
        if (pool == null || n == 1) {
            for (int i = 0; i < n; i++) body.accept(i);
            return;
        }
        if (tasks.length < n) {
            Task[] grown = new Task[n];
            for (int i = 0; i < n; i++) grown[i] = i < tasks.length ? tasks[i] : new Task(i);
            tasks = grown;
        }
        for (int i = 0; i < n; i++) {
            tasks[i].reinitialize();
            tasks[i].body = body;
        }
        root.reinitialize();
        root.n = n;
        pool.invoke(root);
    }

    /**
     * The bytes allocated so far by the calling thread and every worker this pool has started, as
     * the JVM counts them per thread (a worker that has ended no longer counts, which a pool busy
     * with steps does not do), or -1 where the JVM keeps no such count.
     */
    long allocatedBytes() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean)
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

    private final class Root extends RecursiveAction {
        int n;

        @Override
        protected void compute() {
            for (int i = n - 1; i >= 1; i--) tasks[i].fork();
            tasks[0].invoke();
            for (int i = 1; i < n; i++) tasks[i].join();
        }
    }

    private static final class Task extends RecursiveAction {
        private final int index;
        private IntConsumer body;

        Task(int index) { this.index = index; }

        @Override
        protected void compute() { body.accept(index); }
    }
}
