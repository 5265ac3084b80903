package dev.vecnn.engine.train;

/**
 * How far training is inside an epoch: the batches done, the sum of their losses (each batch's mean
 * loss times its images), their correct predictions, the seconds they took and the learning rate
 * of the first (the epoch's metrics report it). A checkpoint taken
 * between two batches of an epoch holds it, so a run resumed there reports the metrics of the whole
 * epoch, not of its rest. The batches done also say where in the epoch's order training goes on.
 */
public record EpochProgress(int batches, double lossSum, int correct, double seconds, float firstLr) {
    /** The start of an epoch: nothing done yet. */
    public static final EpochProgress START = new EpochProgress(0, 0, 0, 0, 0);

    public EpochProgress {
        if (batches < 0 || correct < 0 || !(seconds >= 0))
            throw new IllegalArgumentException("impossible progress inside an epoch: " + batches + " batches, "
                    + correct + " correct, " + seconds + " s");
    }

    /** True between two batches of an epoch, false at its start. */
    public boolean started() { return batches > 0; }
}
