package dev.vecnn.engine.layers;

/**
 * A batch norm at inference folded into the layer before it: y = gamma (z - mean) / sqrt(var + eps)
 * + beta of z = w x + b is itself z' = w' x + b' with w' = s w and b' = s (b - mean) + beta per
 * output channel, s = gamma / sqrt(var + eps). The norm's running statistics are read at every
 * {@link #fold}, so a plan that refolds before each evaluation follows the training.
 */
final class FoldedNorm {
    private FoldedNorm() {}

    /**
     * w'[o][..] and b'[o] for {@code channels} outputs of {@code perChannel} weights each, from
     * the layer's w and b and the norm (null: a plain copy).
     */
    static void fold(float[] w, float[] b, BatchNormLayer norm, int channels, int perChannel, float[] foldedW,
                     float[] foldedB) {
        float[] gamma = norm == null ? null : norm.params().get(0).data(), beta = norm == null ? null : norm.params().get(1).data();
        float[] mean = norm == null ? null : norm.buffers().get(0).data(), var = norm == null ? null : norm.buffers().get(1).data();
        for (int o = 0; o < channels; o++) {
            float scale = norm == null ? 1f : (float) (gamma[o] / Math.sqrt(var[o] + (double) norm.eps()));
            for (int i = o * perChannel; i < (o + 1) * perChannel; i++) foldedW[i] = w[i] * scale;
            foldedB[o] = norm == null ? b[o] : (b[o] - mean[o]) * scale + beta[o];
        }
    }
}
