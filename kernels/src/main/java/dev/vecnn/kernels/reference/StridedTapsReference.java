package dev.vecnn.kernels.reference;

import dev.vecnn.kernels.StridedTaps;

/** The strided correlation as the formula: one sum per output, taps in ascending order. */
public final class StridedTapsReference implements StridedTaps {
    @Override
    public String name() { return "StridedTapsReference"; }

    @Override
    public void apply(int n, int taps, int stride, float[] w, int wOff, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            float sum = 0f;
            for (int k = 0; k < taps; k++) sum += w[wOff + k] * x[xOff + i + k * stride];
            y[yOff + i] = sum;
        }
    }
}
