package dev.vecnn.kernels;

/** Softmax, and the losses at the top of a network, over rows of a (rows, classes) matrix. */
public interface Losses extends Kernel {
    /** y = softmax of each row of x, computed stably (the row maximum subtracted first). */
    void softmax(int rows, int classes, float[] x, int xOff, float[] y, int yOff);

    /** dx = y * (dy - sum over the row of dy * y), from the forward output y; dx is overwritten. */
    void softmaxBackward(int rows, int classes, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff);

    /**
     * Fused softmax + cross-entropy. Returns the sum over rows of -log(softmax(logits)[label]),
     * computed with a stable log-sum-exp; writes dLogits = gradScale * (softmax(logits) - onehot(label))
     * (gradScale = 1 / batch gives the gradient of the mean loss). Labels lie in [0, classes).
     */
    double softmaxCrossEntropy(int rows, int classes, float[] logits, int logitsOff, int[] labels, int labelsOff,
                               float gradScale, float[] dLogits, int dLogitsOff);

    /**
     * Squared error: returns the sum over all rows * cols elements of (pred - target)^2; writes
     * dPred = gradScale * 2 * (pred - target) (gradScale = 1 / (rows * cols) gives the mean's gradient).
     */
    double squaredError(int rows, int cols, float[] pred, int predOff, float[] target, int targetOff,
                        float gradScale, float[] dPred, int dPredOff);
}
