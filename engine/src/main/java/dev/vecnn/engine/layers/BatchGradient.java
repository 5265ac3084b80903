package dev.vecnn.engine.layers;

import dev.vecnn.kernels.Kernels;
import dev.vecnn.kernels.Workspace;

/**
 * A layer whose parameter gradients the training plan computes once per mini-batch, from every
 * chunk's x and dy, instead of per chunk with {@link Layer#backwardWeights}: worth it where a
 * chunk's product is thin and its gradient large (dense). The plan cuts each parameter into slices
 * and computes them as tasks of the step's parameter phase.
 */
public interface BatchGradient {
    /** The slices of parameter {@code param} start and end at multiples of this. */
    int gradientSliceAlignment(int param);

    /**
     * grad[from .. to) = the loss gradient of parameter {@code param} over a whole mini-batch,
     * added chunk after chunk in order: chunk k has counts[k] samples, input xs[k] and output
     * gradient dys[k].
     */
    void batchGradient(Kernels kernels, Workspace ws, int param, int from, int to, float[][] xs, float[][] dys,
                       int[] counts, int chunks, float[] grad);
}
