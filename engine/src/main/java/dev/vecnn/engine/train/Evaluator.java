package dev.vecnn.engine.train;

import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;

/**
 * Inference over a dataset through the {@link InferencePlan}: batches of pieces run in parallel,
 * batch norm on its running statistics (folded), dropout gone. Each piece's result depends only
 * on its images and the pieces are combined in order, so results are the same on any number of
 * threads. The plan's derived tensors are recomputed at the start of every call, so an evaluator
 * built once follows a model that trains in between.
 */
public final class Evaluator implements AutoCloseable {
    /**
     * Pieces of 16 images, 16 of them per parallel run (256 images): small enough that a piece's
     * activations stay in cache from layer to layer, and enough pieces that no core waits long
     * for the last one.
     */
    public static final int PIECE_SIZE = 16;
    public static final int BATCH = 256;

    private final Model model;
    private final Parallel parallel;
    private final boolean ownsParallel;
    private final InferencePlan plan;
    private final Loss loss;

    /** An evaluator with its own pool of {@code threads} workers; close it when done. */
    public Evaluator(Model model, Kernels kernels, int threads) {
        this(model, kernels, new Parallel(threads), true, Loss.CROSS_ENTROPY, BATCH, null);
    }

    /**
     * An evaluator that runs batches of {@code batch} images (cut into pieces of
     * {@link #PIECE_SIZE}) and times every operation into {@code profile}, which must be new: what
     * {@code vecnn bench --infer} measures.
     */
    public Evaluator(Model model, Kernels kernels, int threads, int batch, StepProfile profile) {
        this(model, kernels, new Parallel(threads), true, Loss.CROSS_ENTROPY, batch, profile);
    }

    Evaluator(Model model, Kernels kernels, Parallel parallel, boolean ownsParallel, Loss loss) {
        this(model, kernels, parallel, ownsParallel, loss, BATCH, null);
    }

    private Evaluator(Model model, Kernels kernels, Parallel parallel, boolean ownsParallel, Loss loss, int batch,
                      StepProfile profile) {
        if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, not " + batch);
        this.model = model;
        this.parallel = parallel;
        this.ownsParallel = ownsParallel;
        this.loss = loss;
        int piece = Math.min(PIECE_SIZE, batch);
        this.plan = new InferencePlan(model, kernels, parallel, loss, piece, (batch + piece - 1) / piece, profile);
    }

    /** Images per parallel run. */
    public int batch() { return plan.maxBatch(); }

    /** Loss (the training loss: cross-entropy unless the trainer used MSE), accuracy and confusion matrix. */
    public Evaluation evaluate(Dataset data) {
        DataCheck.fits(model, data);
        plan.refresh();
        int classes = model.classes();
        int[][] confusion = new int[classes][classes];
        double lossSum = 0;
        int correct = 0;
        for (int from = 0; from < data.count(); from += plan.maxBatch()) {
            plan.run(data, from, Math.min(plan.maxBatch(), data.count() - from));
            for (int k = 0; k < plan.activePieces(); k++) {
                Piece p = plan.piece(k);
                lossSum += p.loss;
                correct += p.correct;
                for (int a = 0; a < classes; a++)
                    for (int q = 0; q < classes; q++) confusion[a][q] += p.confusion[a * classes + q];
            }
        }
        return new Evaluation(data.count(), loss.mean(lossSum, data.count(), classes),
                (double) correct / data.count(), confusion);
    }

    /**
     * One parallel run of images from .. from + count - 1 of {@code data} (at most {@link #batch()}),
     * as {@link #evaluate} runs them, without refreshing the derived tensors; returns the correct
     * answers. What {@code vecnn bench --infer} times, after one {@link #evaluate}.
     */
    public int runBatch(Dataset data, int from, int count) {
        plan.run(data, from, count);
        int correct = 0;
        for (int k = 0; k < plan.activePieces(); k++) correct += plan.piece(k).correct;
        return correct;
    }

    /** Class probabilities of every image of {@code data}: [image][class]. */
    public float[][] probabilities(Dataset data) {
        DataCheck.fits(model, data);
        plan.refresh();
        int classes = model.classes();
        float[][] result = new float[data.count()][classes];
        for (int from = 0; from < data.count(); from += plan.maxBatch()) {
            plan.run(data, from, Math.min(plan.maxBatch(), data.count() - from));
            for (int k = 0; k < plan.activePieces(); k++) {
                Piece p = plan.piece(k);
                float[] probs = plan.probabilities(k);
                for (int n = 0; n < p.count; n++) System.arraycopy(probs, n * classes, result[p.first + n], 0, classes);
            }
        }
        return result;
    }

    /**
     * The bytes allocated so far by the calling thread and the evaluator's worker threads, or -1
     * where the JVM does not count them.
     */
    public long allocatedBytes() { return parallel.allocatedBytes(); }

    @Override
    public void close() {
        if (ownsParallel) parallel.close();
    }
}
