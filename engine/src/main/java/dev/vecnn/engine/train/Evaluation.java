package dev.vecnn.engine.train;

/**
 * A model's results on a labelled set: mean loss, accuracy, and the confusion matrix
 * ({@code confusion[actual][predicted]} counts).
 */
public record Evaluation(int count, double loss, double accuracy, int[][] confusion) {
    /** Of the samples predicted as {@code c}, the fraction that are c (NaN when none was). */
    public double precision(int c) {
        int predicted = 0;
        for (int[] row : confusion) predicted += row[c];
        return predicted == 0 ? Double.NaN : (double) confusion[c][c] / predicted;
    }

    /** Of the samples of class {@code c}, the fraction predicted as c (NaN when there are none). */
    public double recall(int c) {
        int actual = 0;
        for (int v : confusion[c]) actual += v;
        return actual == 0 ? Double.NaN : (double) confusion[c][c] / actual;
    }
}
