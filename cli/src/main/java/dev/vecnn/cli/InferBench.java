package dev.vecnn.cli;

import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.Evaluation;
import dev.vecnn.engine.train.Evaluator;
import dev.vecnn.engine.train.StepProfile;
import dev.vecnn.kernels.Kernels;
import dev.vecnn.measure.BenchSuite;
import dev.vecnn.measure.Budget;
import dev.vecnn.measure.Timer;

import java.util.List;

/**
 * What {@code vecnn bench --infer} measures: inference through the real {@link Evaluator} (the
 * inference plan, as eval and predict run it): one evaluation of every test image (its accuracy),
 * {@code warmup} batches for the JIT, the machine's vector FMA peak on the evaluator's thread
 * count, and then the measured batches, each operation timed into a {@link StepProfile}, with the
 * bytes allocated and the garbage collections during the measured batches. The batches walk
 * through the test images in order, whole batches only, and start again at the first: what
 * {@code bench/peers/compare --infer} has ONNX Runtime do too.
 */
final class InferBench {
    private InferBench() {}

    /** The measured batches, as {@link TrainBench.Figures} has them, and the accuracy on every test image. */
    record Figures(int threads, int batchSize, int batches, double seconds, double flopsPerImage, double peakGflops,
                   double allocatedBytesPerBatch, long gcCount, double accuracy, List<StepProfile.Row> rows) {
        double imagesPerSecond() { return (double) batches * batchSize / seconds; }

        double secondsPerBatch() { return seconds / batches; }

        /** Inference GFLOP/s: every layer's forward pass, per image, at the measured rate. */
        double gflops() { return flopsPerImage * imagesPerSecond() * 1e-9; }

        double shareOfPeak() { return gflops() / peakGflops; }

        double share(StepProfile.Row row) { return row.seconds() / (threads * seconds); }

        double gflops(StepProfile.Row row) {
            if (row.flopsPerImage() == 0 || row.seconds() == 0) return Double.NaN;
            return row.flopsPerImage() * batches * batchSize / row.seconds() * 1e-9;
        }

        double timedSeconds() { return rows.stream().mapToDouble(StepProfile.Row::seconds).sum(); }
    }

    /** Evaluates {@code test} once, then runs {@code warmup} and {@code batches} batches of it; it must hold a batch. */
    static Figures measure(Model model, Dataset test, Kernels kernels, int requestedThreads, int batchSize, int warmup,
                           int batches) {
        // The evaluator never runs more threads than cores (Parallel); the peak and the shares count the ones that run.
        int threads = Math.min(requestedThreads, Runtime.getRuntime().availableProcessors());
        StepProfile profile = new StepProfile();
        int perPass = test.count() / batchSize;
        try (Evaluator evaluator = new Evaluator(model, kernels, threads, batchSize, profile)) {
            Evaluation all = evaluator.evaluate(test);
            for (int b = 0; b < warmup; b++) evaluator.runBatch(test, (b % perPass) * batchSize, batchSize);
            // After the warm-up, as bench --train: while C2 still compiles, a core is not free for the peak loop.
            double peak;
            try (Timer timer = new Timer(threads)) {
                peak = BenchSuite.peakGflops(timer, Budget.QUICK).orElse(Double.NaN);
            }
            profile.reset();
            long collections = TrainBench.collections();
            long allocated = evaluator.allocatedBytes();
            long start = System.nanoTime();
            for (int b = warmup; b < warmup + batches; b++)
                evaluator.runBatch(test, (b % perPass) * batchSize, batchSize);
            double seconds = (System.nanoTime() - start) * 1e-9;
            long allocatedAfter = evaluator.allocatedBytes();
            double bytesPerBatch = allocated < 0 || allocatedAfter < 0 ? Double.NaN
                    : (double) (allocatedAfter - allocated) / batches;
            return new Figures(threads, batchSize, batches, seconds, profile.flopsPerImage(), peak, bytesPerBatch,
                    TrainBench.collections() - collections, all.accuracy(), profile.rows());
        }
    }
}
