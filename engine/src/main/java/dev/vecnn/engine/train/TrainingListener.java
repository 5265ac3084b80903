package dev.vecnn.engine.train;

/** Receives a trainer's progress, on the thread that called {@link Trainer#fit}. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {};

    /** After every batch: for progress bars. */
    default void batchEnded(BatchProgress progress) {}

    /** After every epoch and its validation: the trainer is between epochs, so a checkpoint taken now is consistent. */
    default void epochEnded(EpochMetrics metrics) {}

    /**
     * After epoch {@code epoch}, when training stops before its last epoch because the validation
     * accuracy has not beaten {@code topValAccuracy}, reached in {@code topEpoch}, for the patience's epochs.
     */
    default void stoppedEarly(int epoch, int topEpoch, double topValAccuracy) {}
}
