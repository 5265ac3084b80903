package dev.vecnn.engine.train;

import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;

/**
 * Inference over a dataset in batches of chunks run in parallel, batch norm on its running
 * statistics and dropout off. Each chunk's result depends only on its samples and the chunks are
 * combined in order, so results are the same on any number of threads.
 */
public final class Evaluator implements AutoCloseable {
    /** Chunks of 32 and 8 of them per parallel run, 256 images: measured faster than 16 x 16 or 64 x 4. */
    static final int CHUNK_SIZE = 32;
    static final int CHUNKS_PER_RUN = 8;

    private final Model model;
    private final Parallel parallel;
    private final boolean ownsParallel;
    private final BatchRunner runner;
    private final Loss loss;

    /** An evaluator with its own pool of {@code threads} workers; close it when done. */
    public Evaluator(Model model, Kernels kernels, int threads) {
        this(model, kernels, new Parallel(threads), true, Loss.CROSS_ENTROPY);
    }

    Evaluator(Model model, Kernels kernels, Parallel parallel, boolean ownsParallel, Loss loss) {
        this.model = model;
        this.parallel = parallel;
        this.ownsParallel = ownsParallel;
        this.loss = loss;
        this.runner = new BatchRunner(model, kernels, parallel, false, loss, CHUNK_SIZE,
                Math.max(CHUNKS_PER_RUN, 2 * parallel.threads()));
    }

    /** Loss (the training loss: cross-entropy unless the trainer used MSE), accuracy and confusion matrix. */
    public Evaluation evaluate(Dataset data) {
        DataCheck.fits(model, data);
        int classes = model.classes();
        int[][] confusion = new int[classes][classes];
        double lossSum = 0;
        int correct = 0;
        for (int from = 0; from < data.count(); from += runner.maxBatch()) {
            int count = Math.min(runner.maxBatch(), data.count() - from);
            runner.run(data, null, from, count, 0, 0);
            for (int k = 0; k < runner.activeChunks(); k++) {
                Chunk c = runner.chunk(k);
                lossSum += c.loss;
                correct += c.correct;
                for (int a = 0; a < classes; a++)
                    for (int p = 0; p < classes; p++) confusion[a][p] += c.confusion[a * classes + p];
            }
        }
        return new Evaluation(data.count(), loss.mean(lossSum, data.count(), classes),
                (double) correct / data.count(), confusion);
    }

    /** Class probabilities of every image of {@code data}: [image][class]. */
    public float[][] probabilities(Dataset data) {
        DataCheck.fits(model, data);
        int classes = model.classes();
        float[][] result = new float[data.count()][classes];
        for (int from = 0; from < data.count(); from += runner.maxBatch()) {
            int count = Math.min(runner.maxBatch(), data.count() - from);
            runner.run(data, null, from, count, 0, 0);
            for (int k = 0; k < runner.activeChunks(); k++) {
                Chunk c = runner.chunk(k);
                float[] probs = runner.probabilities(k);
                for (int n = 0; n < c.count; n++) System.arraycopy(probs, n * classes, result[c.first + n], 0, classes);
            }
        }
        return result;
    }

    @Override
    public void close() {
        if (ownsParallel) parallel.close();
    }
}
