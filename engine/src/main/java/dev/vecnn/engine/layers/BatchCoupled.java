package dev.vecnn.engine.layers;

/**
 * A layer whose training passes need statistics of the whole mini-batch (batch normalisation).
 * The trainer runs it in phases: every chunk computes partial sums into its own state, in parallel;
 * then one thread adds the partials in chunk order, so the result depends on the chunking but never
 * on the threads; then every chunk continues with the batch-wide values.
 * <pre>
 * forward:  partialSum (each chunk)  -> reduceMean      (one thread)
 *           partialDeviation (each)  -> reduceVariance  (one thread)  -> forward (each chunk)
 * backward: partialGradients (each)  -> reduceGradients (one thread)  -> backward (each chunk)
 * </pre>
 */
public interface BatchCoupled {
    void partialSum(Pass pass, int batch, float[] x, LayerState state);

    void reduceMean(LayerState[] states, int chunks, int batchTotal);

    void partialDeviation(Pass pass, int batch, float[] x, LayerState state);

    /** Also moves the running statistics towards this batch's. */
    void reduceVariance(LayerState[] states, int chunks, int batchTotal);

    /** Adds this chunk's parameter gradients into {@code grads}, which hold nothing else for this layer. */
    void partialGradients(Pass pass, int batch, float[] x, float[] dy, float[][] grads, LayerState state);

    /** {@code chunkGrads[k]} are chunk k's parameter-gradient arrays for this layer. */
    void reduceGradients(float[][][] chunkGrads, int chunks);
}
