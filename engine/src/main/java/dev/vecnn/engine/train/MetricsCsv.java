package dev.vecnn.engine.train;

import java.util.Locale;

/**
 * The rows of a run's {@code metrics.csv}, one per epoch. Validation columns are empty when the
 * run has no validation set; {@code lr} is the rate of the epoch's last step and {@code lr_first}
 * that of its first, so a warm-up's ramp shows; {@code seconds} is the epoch's training time
 * without validation. New columns go at the end, so readers of the old ones keep working.
 */
public final class MetricsCsv {
    public static final String HEADER =
            "epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds,images_per_second,lr_first";

    private MetricsCsv() {}

    public static String row(EpochMetrics m) {
        return String.format(Locale.ROOT, "%d,%.6f,%.6f,%s,%s,%.6g,%.3f,%.1f,%.6g", m.epoch(), m.trainLoss(),
                m.trainAccuracy(), optional(m.valLoss()), optional(m.valAccuracy()), m.lr(), m.seconds(),
                m.imagesPerSecond(), m.firstLr());
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
