package dev.vecnn.engine.train;

import dev.vecnn.engine.layers.LayerState;
import dev.vecnn.engine.layers.Pass;

/**
 * Everything one chunk of a mini-batch writes, allocated once for the largest chunk: its input,
 * every layer's output and output gradient (shared where a layer runs in place), the layers'
 * per-chunk state, its own parameter-gradient arrays and its loss scratch.
 */
final class Chunk {
    /** The chunk's position in its mini-batch. */
    final int index;
    final Pass pass;
    final float[] input;
    final int[] labels;
    final float[][] outputs;
    /** dL / d(output of layer i); null at inference. */
    final float[][] gradients;
    final LayerState[] states;
    /** [layer][param]: this chunk's parameter gradients; empty at inference. */
    final float[][][] paramGrads;
    /** The loss gradient at inference (discarded) and MSE's one-hot targets. */
    final float[] lossScratch;
    final float[] target;
    /** Class probabilities at inference, when the network does not end with a softmax. */
    final float[] probabilities;
    final int[] confusion;

    /** Which samples of the current order this chunk holds. */
    int first;
    int count;
    double loss;
    int correct;

    Chunk(int index, Pass pass, float[] input, int[] labels, float[][] outputs, float[][] gradients,
          LayerState[] states, float[][][] paramGrads, int maxBatch, int classes) {
        this.index = index;
        this.pass = pass;
        this.input = input;
        this.labels = labels;
        this.outputs = outputs;
        this.gradients = gradients;
        this.states = states;
        this.paramGrads = paramGrads;
        this.lossScratch = new float[maxBatch * classes];
        this.target = new float[maxBatch * classes];
        this.probabilities = new float[maxBatch * classes];
        this.confusion = new int[classes * classes];
    }
}
