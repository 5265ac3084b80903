package dev.vecnn.engine.train;

import dev.vecnn.engine.layers.LayerState;
import dev.vecnn.engine.layers.Pass;

/**
 * Everything one piece of an inference batch writes, allocated once for the largest piece: its
 * input, every layer's output (shared where a layer runs in place), the layers' states, and its
 * scores: loss, correct answers, confusion counts and class probabilities.
 */
final class Piece {
    /** The piece's position in its batch. */
    final int index;
    final Pass pass;
    final float[] input;
    final int[] labels;
    final float[][] outputs;
    final LayerState[] states;
    /** The loss gradient the loss kernel writes (discarded), and MSE's one-hot targets. */
    final float[] lossScratch;
    final float[] target;
    /** Class probabilities, when the network does not end with a softmax. */
    final float[] probabilities;
    final int[] confusion;

    /** Which images of the data set this piece holds. */
    int first;
    int count;
    double loss;
    int correct;

    Piece(int index, Pass pass, float[] input, float[][] outputs, LayerState[] states, int maxImages, int classes) {
        this.index = index;
        this.pass = pass;
        this.input = input;
        this.labels = new int[maxImages];
        this.outputs = outputs;
        this.states = states;
        this.lossScratch = new float[maxImages * classes];
        this.target = new float[maxImages * classes];
        this.probabilities = new float[maxImages * classes];
        this.confusion = new int[classes * classes];
    }
}
