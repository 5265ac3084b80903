package dev.vecnn.cli;

import dev.vecnn.engine.CounterRandom;
import dev.vecnn.engine.augment.Augmentation;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.StepProfile;
import dev.vecnn.engine.train.Trainer;
import dev.vecnn.engine.train.TrainerConfig;
import dev.vecnn.kernels.Kernels;
import dev.vecnn.measure.BenchSuite;
import dev.vecnn.measure.Budget;
import dev.vecnn.measure.Timer;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * What {@code vecnn bench --train} measures: the machine's vector FMA peak on the trainer's thread
 * count, then training steps of a model through the real {@link Trainer} (Adam 1e-3, chunks of the default size,
 * the settings of {@code vecnn train}), a warm-up for the JIT and then the measured batches, each
 * operation timed into a {@link StepProfile}, with the bytes the caller and the worker threads
 * allocated and the garbage collections during the measured batches.
 */
final class TrainBench {
    private static final long SEED = 1;

    private TrainBench() {}

    /**
     * The measured batches: {@code seconds} of wall time for {@code batches} batches; the peak is
     * NaN without the Vector API module and the allocation NaN where the JVM does not count it.
     */
    record Figures(int threads, int batchSize, int batches, double seconds, double flopsPerImage, double peakGflops,
                   double allocatedBytesPerBatch, long gcCount, List<StepProfile.Row> rows) {
        double imagesPerSecond() { return (double) batches * batchSize / seconds; }

        double secondsPerBatch() { return seconds / batches; }

        /** Training GFLOP/s: every layer's forward and backward passes, per image, at the measured rate. */
        double gflops() { return flopsPerImage * imagesPerSecond() * 1e-9; }

        double shareOfPeak() { return gflops() / peakGflops; }

        /** The row's thread-seconds over the thread-seconds the measured batches had: threads x wall time. */
        double share(StepProfile.Row row) { return row.seconds() / (threads * seconds); }

        /** The row's rate on the threads that ran it: its flops over its thread-seconds; NaN where it counts none. */
        double gflops(StepProfile.Row row) {
            if (row.flopsPerImage() == 0 || row.seconds() == 0) return Double.NaN;
            return row.flopsPerImage() * batches * batchSize / row.seconds() * 1e-9;
        }

        double timedSeconds() { return rows.stream().mapToDouble(StepProfile.Row::seconds).sum(); }
    }

    /**
     * Trains {@code model} for {@code warmup} and then {@code batches} mini-batches of {@code data},
     * visiting it in a seeded shuffle, full batches only, its images loaded through {@code augment};
     * the data must hold at least one batch.
     */
    static Figures measure(Model model, Dataset data, Kernels kernels, int requestedThreads, int batchSize, int warmup,
                           int batches, Augmentation augment) {
        // The trainer never runs more threads than cores (Parallel); the peak and the shares count the ones that run.
        int threads = Math.min(requestedThreads, Runtime.getRuntime().availableProcessors());
        TrainerConfig config = TrainerConfig.defaults().withThreads(threads).withBatchSize(batchSize).withSeed(SEED)
                .withAugment(augment);
        StepProfile profile = new StepProfile();
        int[] order = new int[data.count()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        CounterRandom.shuffle(order, CounterRandom.key(SEED, 0));
        int perPass = data.count() / batchSize;
        try (Trainer trainer = new Trainer(model, kernels, config, profile)) {
            for (int b = 0; b < warmup; b++) trainer.step(data, order, (b % perPass) * batchSize, batchSize);
            // After the warm-up, when the JIT has compiled the step: measured before it, the 2-thread peak
            // came out at 227 GFLOP/s instead of about 500 while C2 kept a core busy.
            double peak;
            try (Timer timer = new Timer(threads)) {
                peak = BenchSuite.peakGflops(timer, Budget.QUICK).orElse(Double.NaN);
            }
            profile.reset();
            long collections = collections();
            long allocated = trainer.allocatedBytes();
            long start = System.nanoTime();
            for (int b = warmup; b < warmup + batches; b++)
                trainer.step(data, order, (b % perPass) * batchSize, batchSize);
            double seconds = (System.nanoTime() - start) * 1e-9;
            long allocatedAfter = trainer.allocatedBytes();
            double bytesPerBatch = allocated < 0 || allocatedAfter < 0 ? Double.NaN
                    : (double) (allocatedAfter - allocated) / batches;
            return new Figures(threads, batchSize, batches, seconds, profile.flopsPerImage(), peak, bytesPerBatch,
                    collections() - collections, profile.rows());
        }
    }

    /** Collections so far, summed over the JVM's collectors (those that count them). */
    static long collections() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
            sum += Math.max(0, gc.getCollectionCount());
        return sum;
    }
}
