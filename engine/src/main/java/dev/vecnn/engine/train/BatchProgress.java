package dev.vecnn.engine.train;

/**
 * Progress within an epoch after a batch: 1-based epoch of {@code epochs}, batches done of
 * {@code batches}, images trained so far this epoch, the running mean loss and accuracy, and the
 * seconds since the epoch started.
 */
public record BatchProgress(int epoch, int epochs, int batch, int batches, int images, double loss, double accuracy,
                            double seconds) {}
