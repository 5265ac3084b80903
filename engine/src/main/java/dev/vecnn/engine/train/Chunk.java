package dev.vecnn.engine.train;

import dev.vecnn.engine.layers.LayerState;
import dev.vecnn.engine.layers.Pass;

/**
 * Everything one chunk of a training mini-batch writes, allocated once for the largest chunk: its
 * input, every layer's output and output gradient (shared where a layer runs in place), the
 * layers' per-chunk state, its own parameter-gradient arrays and MSE's targets.
 */
final class Chunk {
    /** The chunk's position in its mini-batch. */
    final int index;
    final Pass pass;
    final float[] input;
    final int[] labels;
    final float[][] outputs;
    /** dL / d(output of layer i). */
    final float[][] gradients;
    final LayerState[] states;
    /** [layer][param]: this chunk's parameter gradients. */
    final float[][][] paramGrads;
    /** MSE's one-hot targets. */
    final float[] target;

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
        this.target = new float[maxBatch * classes];
    }
}
