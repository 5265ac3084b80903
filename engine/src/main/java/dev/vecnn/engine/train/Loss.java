package dev.vecnn.engine.train;

import dev.vecnn.kernels.Kernels;

import java.util.Arrays;
import java.util.Locale;

/**
 * The training objective over a chunk's outputs, averaged over the whole mini-batch: fused
 * softmax cross-entropy on the logits (a final softmax layer is folded into it), or mean squared
 * error against one-hot targets (mean over every output value, as PyTorch's MSELoss).
 */
public enum Loss {
    CROSS_ENTROPY("crossentropy"),
    MSE("mse");

    private final String label;

    Loss(String label) { this.label = label; }

    public String label() { return label; }

    /** The loss called {@code name}: crossentropy (also ce) or mse. */
    public static Loss named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "crossentropy", "cross-entropy", "ce" -> CROSS_ENTROPY;
            case "mse" -> MSE;
            default -> throw new IllegalArgumentException("unknown loss '" + name + "': expected crossentropy or mse");
        };
    }

    /**
     * The summed loss of {@code rows} samples of a mini-batch of {@code batchTotal}; writes the
     * gradient of the batch's mean loss into {@code dOut}. {@code target} is scratch for MSE's
     * one-hot rows.
     */
    double sum(Kernels kernels, int rows, int classes, float[] out, int[] labels, int batchTotal,
               float[] target, float[] dOut) {
        return switch (this) {
            case CROSS_ENTROPY -> kernels.losses().softmaxCrossEntropy(rows, classes, out, 0, labels, 0,
                    1f / batchTotal, dOut, 0);
            case MSE -> {
                Arrays.fill(target, 0, rows * classes, 0f);
                for (int r = 0; r < rows; r++) target[r * classes + labels[r]] = 1f;
                yield kernels.losses().squaredError(rows, classes, out, 0, target, 0,
                        1f / ((float) batchTotal * classes), dOut, 0);
            }
        };
    }

    /** The mean loss from the sum over {@code count} samples. */
    double mean(double sum, int count, int classes) {
        return this == MSE ? sum / ((double) count * classes) : sum / count;
    }
}
