package dev.vecnn.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What a data-parallel run reports: its epochs' metrics.csv rows, the test accuracy of the model it
 * names (NaN without test images), the images trained per second over all workers (training time
 * only, synchronisation included), the best epoch (0: none) and the model's URI.
 */
public record DataParallelResult(List<String> epochs, double testAccuracy, double imagesPerSecond, int bestEpoch, String model)
        implements Serializable {}
