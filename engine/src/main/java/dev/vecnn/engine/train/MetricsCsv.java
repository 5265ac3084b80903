package dev.vecnn.engine.train;

import java.util.Locale;

/**
 * The rows of a run's {@code metrics.csv}, one per epoch. Validation columns are empty when the
 * run has no validation set; {@code seconds} is the epoch's training time without validation.
 */
public final class MetricsCsv {
    public static final String HEADER =
            "epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds,images_per_second";

    private MetricsCsv() {}

    public static String row(EpochMetrics m) {
        return String.format(Locale.ROOT, "%d,%.6f,%.6f,%s,%s,%.6g,%.3f,%.1f", m.epoch(), m.trainLoss(),
                m.trainAccuracy(), optional(m.valLoss()), optional(m.valAccuracy()), m.lr(), m.seconds(),
                m.imagesPerSecond());
    }

    /** The epoch a row is about, or -1 if the line is not a row (the header, a blank or damaged line). */
    static int epochOf(String line) {
        int comma = line.indexOf(',');
        if (comma < 1) return -1;
        try {
            return Integer.parseInt(line.substring(0, comma));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String optional(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6f", value);
    }
}
