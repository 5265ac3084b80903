package dev.vecnn.engine.train;

import dev.vecnn.engine.layers.BatchGradient;
import dev.vecnn.kernels.Kernels;
import dev.vecnn.kernels.Workspace;

import java.util.Arrays;

/**
 * One task of a training step's parameter phase, decided by the {@link TrainingPlan}: the values
 * [from, to) of parameter {@code param} (in model order), whose batch gradient {@link #sum} leaves
 * in chunk 0's gradient array before the optimiser updates them. Either the chunks' gradients are
 * added into chunk 0's in chunk order (and the others cleared), or, for a {@link BatchGradient}
 * layer, the slice is computed there from every chunk's input and output gradient.
 */
final class GradientSlice {
    final int param;
    final int from;
    final int to;
    /** The profile row its summation is timed in, -1 without a profile. */
    final int row;
    /** [chunk]: each chunk's gradient array of the parameter. */
    private final float[][] chunkGrads;
    /** The per-batch computation, or null where the chunks' gradients are added. */
    private final PerBatch perBatch;

    /** The layer, its parameter's index in it, and what it reads: every chunk's x and dy and the chunk sizes. */
    record PerBatch(BatchGradient layer, int paramInLayer, Kernels kernels, Workspace workspace, float[][] xs,
                    float[][] dys, int[] counts) {}

    GradientSlice(int param, int from, int to, int row, float[][] chunkGrads, PerBatch perBatch) {
        this.param = param;
        this.from = from;
        this.to = to;
        this.row = row;
        this.chunkGrads = chunkGrads;
        this.perBatch = perBatch;
    }

    /** The array that holds the slice's batch gradient after {@link #sum}: chunk 0's. */
    float[] total() { return chunkGrads[0]; }

    /**
     * True where the chunks add into their gradients, so the total must be cleared after the
     * update; false where the next step overwrites it.
     */
    boolean accumulates() { return perBatch == null; }

    /** Leaves the batch gradient of the slice in {@link #total()}, for a batch of {@code chunks} chunks. */
    void sum(int chunks) {
        float[] total = chunkGrads[0];
        if (perBatch != null) {
            perBatch.layer().batchGradient(perBatch.kernels(), perBatch.workspace(), perBatch.paramInLayer(), from, to,
                    perBatch.xs(), perBatch.dys(), perBatch.counts(), chunks, total);
            return;
        }
        for (int k = 1; k < chunks; k++) {
            float[] g = chunkGrads[k];
            for (int j = from; j < to; j++) total[j] += g[j];
            Arrays.fill(g, from, to, 0f);
        }
    }
}
