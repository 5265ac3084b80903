package dev.vecnn.engine.train;

/** Receives a trainer's progress, on the thread that called {@link Trainer#fit}. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {};

    /** After every batch: for progress bars. */
    default void batchEnded(BatchProgress progress) {}

    /** After every epoch and its validation: the trainer is between epochs, so a checkpoint taken now is consistent. */
    default void epochEnded(EpochMetrics metrics) {}
}
