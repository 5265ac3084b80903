package dev.vecnn.engine.train;

import dev.vecnn.kernels.Kernels;

import java.util.Arrays;
import java.util.Locale;

/**
 * The training objective over a chunk's outputs, averaged over the whole mini-batch: fused
 * softmax cross-entropy on the logits (a final softmax layer is folded into it), or mean squared
 * error against one-hot targets (mean over every output value, as PyTorch's MSELoss). With label
 * smoothing e, the target of a sample of class y over K classes is (1 - e) one-hot(y) + e / K, as in
 * PyTorch's {@code CrossEntropyLoss(label_smoothing=e)}.
 */
public record Loss(Kind kind, double labelSmoothing) {
    public enum Kind {
        CROSS_ENTROPY("crossentropy"), MSE("mse");

        private final String label;

        Kind(String label) { this.label = label; }
    }

    public static final Loss CROSS_ENTROPY = new Loss(Kind.CROSS_ENTROPY, 0);
    public static final Loss MSE = new Loss(Kind.MSE, 0);

    public Loss {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1))
            throw new IllegalArgumentException("label smoothing must lie in [0, 1), not " + labelSmoothing);
    }

    public String label() { return kind.label; }

    /** The loss called {@code name}: crossentropy (also ce) or mse. */
    public static Loss named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "crossentropy", "cross-entropy", "ce" -> CROSS_ENTROPY;
            case "mse" -> MSE;
            default -> throw new IllegalArgumentException("unknown loss '" + name + "': expected crossentropy or mse");
        };
    }

    public Loss withLabelSmoothing(double value) { return new Loss(kind, value); }

    /** True for cross-entropy, into which a network's final softmax is folded. */
    boolean foldsSoftmax() { return kind == Kind.CROSS_ENTROPY; }

    /**
     * The summed loss of {@code rows} samples of a mini-batch of {@code batchTotal}; writes the
     * gradient of the batch's mean loss into {@code dOut}. {@code target} is scratch for MSE's
     * target rows.
     */
    double sum(Kernels kernels, int rows, int classes, float[] out, int[] labels, int batchTotal,
               float[] target, float[] dOut) {
        float e = (float) labelSmoothing;
        return switch (kind) {
            case CROSS_ENTROPY -> {
                float scale = 1f / batchTotal;
                double sum = kernels.losses().softmaxCrossEntropy(rows, classes, out, 0, labels, 0, scale, dOut, 0);
                if (e == 0) yield sum;
                // Against the smoothed target a row's loss is its cross-entropy + e (z_y - mean z), and
                // its gradient scale (p - target) = the fused gradient + scale e (one-hot - 1 / K).
                for (int r = 0; r < rows; r++) {
                    int off = r * classes;
                    double logits = 0;
                    for (int k = 0; k < classes; k++) {
                        logits += out[off + k];
                        dOut[off + k] -= scale * e / classes;
                    }
                    dOut[off + labels[r]] += scale * e;
                    sum += e * (out[off + labels[r]] - logits / classes);
                }
                yield sum;
            }
            case MSE -> {
                Arrays.fill(target, 0, rows * classes, e / classes);
                for (int r = 0; r < rows; r++) target[r * classes + labels[r]] += 1f - e;
                yield kernels.losses().squaredError(rows, classes, out, 0, target, 0,
                        1f / ((float) batchTotal * classes), dOut, 0);
            }
        };
    }

    /** The mean loss from the sum over {@code count} samples. */
    double mean(double sum, int count, int classes) {
        return kind == Kind.MSE ? sum / ((double) count * classes) : sum / count;
    }
}
