package dev.vecnn.kernels.reference;

import dev.vecnn.kernels.Losses;

/** Softmax and losses row by row; exp and log in double precision. */
public final class LossesReference implements Losses {
    @Override
    public String name() { return "LossesReference"; }

    @Override
    public void softmax(int rows, int classes, float[] x, int xOff, float[] y, int yOff) {
        for (int r = 0; r < rows; r++) {
            int row = r * classes;
            float max = rowMax(classes, x, xOff + row);
            double sum = 0;
            for (int j = 0; j < classes; j++) sum += Math.exp(x[xOff + row + j] - max);
            for (int j = 0; j < classes; j++) y[yOff + row + j] = (float) (Math.exp(x[xOff + row + j] - max) / sum);
        }
    }

    @Override
    public void softmaxBackward(int rows, int classes, float[] y, int yOff, float[] dy, int dyOff,
                                float[] dx, int dxOff) {
        for (int r = 0; r < rows; r++) {
            int row = r * classes;
            float dot = 0f;
            for (int j = 0; j < classes; j++) dot += dy[dyOff + row + j] * y[yOff + row + j];
            for (int j = 0; j < classes; j++) dx[dxOff + row + j] = y[yOff + row + j] * (dy[dyOff + row + j] - dot);
        }
    }

    @Override
    public double softmaxCrossEntropy(int rows, int classes, float[] logits, int logitsOff, int[] labels,
                                      int labelsOff, float gradScale, float[] dLogits, int dLogitsOff) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * classes;
            int label = labels[labelsOff + r];
            float max = rowMax(classes, logits, logitsOff + row);
            double sum = 0;
            for (int j = 0; j < classes; j++) sum += Math.exp(logits[logitsOff + row + j] - max);
            // log(sum) is added to the shifted logit, not to max: with |max| above ~1e16 the
            // sum max + log(sum) would round back to max and lose the whole log term.
            loss += Math.log(sum) - (logits[logitsOff + row + label] - max);
            for (int j = 0; j < classes; j++) {
                double p = Math.exp(logits[logitsOff + row + j] - max) / sum;
                double target = j == label ? 1 : 0;
                dLogits[dLogitsOff + row + j] = (float) (gradScale * (p - target));
            }
        }
        return loss;
    }

    @Override
    public double squaredError(int rows, int cols, float[] pred, int predOff, float[] target, int targetOff,
                               float gradScale, float[] dPred, int dPredOff) {
        double loss = 0;
        for (int i = 0; i < rows * cols; i++) {
            float diff = pred[predOff + i] - target[targetOff + i];
            loss += (double) diff * diff;
            dPred[dPredOff + i] = gradScale * 2f * diff;
        }
        return loss;
    }

    private static float rowMax(int classes, float[] x, int off) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < classes; j++) max = Math.max(max, x[off + j]);
        return max;
    }
}
