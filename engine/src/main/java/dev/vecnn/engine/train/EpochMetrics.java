package dev.vecnn.engine.train;

/**
 * One epoch of training: the mean loss and accuracy over the epoch's batches (as they were
 * trained, dropout and augmentation on), the validation loss and accuracy after the epoch (NaN
 * without validation data), the learning rate of its last step, the seconds spent training
 * (validation excluded), the images trained per second, the learning rate of its first step and
 * the number of validation images (0 without).
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                           double lr, double seconds, double imagesPerSecond, double firstLr, int valCount) {
    public boolean hasValidation() { return !Double.isNaN(valAccuracy); }
}
