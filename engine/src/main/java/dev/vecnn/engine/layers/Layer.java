package dev.vecnn.engine.layers;

import dev.vecnn.engine.Shape;
import dev.vecnn.kernels.Kernels;

import java.util.List;

/**
 * One layer of a network: a forward pass and two backward passes (to the input, to the
 * parameters) over a chunk of {@code batch} samples stored NCHW from index 0 of flat arrays (x is
 * (batch, in), y is (batch, out)). The backward passes are separate so the trainer skips the one
 * nobody needs and times each on its own. Parameters are shared by all chunks and only read during
 * a step; everything a chunk writes lives in its own buffers: its activations, its gradients, its
 * {@link LayerState} and its parameter-gradient arrays, so chunks can run on any threads in any
 * order.
 */
public abstract class Layer {
    private final String text;
    protected final Shape in;
    protected final Shape out;
    private int index;

    protected Layer(String text, Shape in, Shape out) {
        this.text = text;
        this.in = in;
        this.out = out;
    }

    /** The call as written in the spec, e.g. {@code conv(32,3)}. */
    public String text() { return text; }

    /** The layer's kind: its name in the spec (conv, maxpool, ...). */
    public abstract String kind();

    public Shape input() { return in; }

    public Shape output() { return out; }

    /** The position of this layer in its model, from 0; it addresses the layer's random draws. */
    public int index() { return index; }

    public void setIndex(int index) { this.index = index; }

    /** Trainable tensors, in a fixed order. */
    public List<Param> params() { return List.of(); }

    /** Saved but untrained tensors (running statistics), in a fixed order. */
    public List<Param> buffers() { return List.of(); }

    public long parameterCount() {
        long count = 0;
        for (Param p : params()) count += p.size();
        return count;
    }

    /** Floating-point operations of the forward pass for one sample (a multiply-add counts two). */
    public abstract double forwardFlops();

    /** Floating-point operations of {@link #backwardData} for one sample; by default a pass like the forward one. */
    public double backwardDataFlops() { return forwardFlops(); }

    /** Floating-point operations of {@link #backwardWeights} for one sample; none without parameters. */
    public double backwardWeightsFlops() { return 0; }

    /** The per-chunk state for chunks of at most {@code maxBatch} samples. */
    public LayerState newState(int maxBatch) { return LayerState.NONE; }

    /**
     * True when the output is the input itself, so no buffer and no copy is needed: flatten
     * always, dropout at inference. The gradient buffers are then shared too.
     */
    public boolean aliasesInput(boolean training) { return false; }

    /**
     * This layer over channels-last (NHWC) activations, sharing its parameters: itself for a layer
     * that does not care how its values lie (element-wise ones), null for one that computes only
     * on NCHW, before which the execution plan converts ({@link dev.vecnn.engine.model.Layouts}).
     */
    public Layer channelsLast() { return null; }

    /**
     * Called by the inference plan before a run of forward passes, once the parameters may have
     * changed: a layer whose tensors derive from other layers' (a batch norm folded into its
     * weights, weights packed for a kernel) recomputes them here. Most layers have none.
     */
    public void refresh(Kernels kernels) {}

    /** y = the layer applied to x. */
    public abstract void forward(Pass pass, int batch, float[] x, float[] y, LayerState state);

    /**
     * Given dy, the loss gradient with respect to y, adds this chunk's parameter gradients into
     * {@code grads} (one array per {@link #params()} entry, in that order). Called only for layers
     * with parameters that compute them per chunk (not a {@link BatchGradient}), before
     * {@link #backwardData}; it must leave dy as it is.
     */
    public void backwardWeights(Pass pass, int batch, float[] x, float[] y, float[] dy, float[][] grads,
                                LayerState state) {}

    /**
     * Given dy, the loss gradient with respect to y, writes dx, the loss gradient with respect to
     * x. Not called where nobody needs dx: below the lowest layer with parameters.
     */
    public abstract void backwardData(Pass pass, int batch, float[] x, float[] y, float[] dy, float[] dx,
                                      LayerState state);

    @Override
    public String toString() { return text; }
}
