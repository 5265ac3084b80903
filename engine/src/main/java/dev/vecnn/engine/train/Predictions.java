package dev.vecnn.engine.train;

/** Reading a network's outputs as answers: the predicted class of a row of scores, and how many are right. */
final class Predictions {
    private Predictions() {}

    /** The index of the highest of out[off .. off + classes), the first one on a tie. */
    static int argmax(float[] out, int off, int classes) {
        int best = 0;
        for (int j = 1; j < classes; j++) if (out[off + j] > out[off + best]) best = j;
        return best;
    }

    /** How many of the first {@code count} rows of {@code out} (classes scores each) predict their label. */
    static int correct(float[] out, int[] labels, int count, int classes) {
        int correct = 0;
        for (int n = 0; n < count; n++) if (argmax(out, n * classes, classes) == labels[n]) correct++;
        return correct;
    }
}
