package dev.vecnn.engine.train;

/**
 * The loss became NaN or infinite. Thrown before the offending batch updates anything, so the
 * model still holds the parameters of the previous step.
 */
public final class TrainingDivergedException extends RuntimeException {
    private final int epoch;
    private final int batch;

    public TrainingDivergedException(double loss, int epoch, int batch, int batches) {
        super("training diverged: the loss became " + loss + " at epoch " + epoch + ", batch " + batch + " of " + batches
                + " (try a lower learning rate)");
        this.epoch = epoch;
        this.batch = batch;
    }

    /** 1-based. */
    public int epoch() { return epoch; }

    /** 1-based. */
    public int batch() { return batch; }
}
