package dev.vecnn.kernels.reference;

import dev.vecnn.kernels.Optimizers;

/** Optimiser updates parameter by parameter, exactly as the formulas in {@link Optimizers}. */
public final class OptimizersReference implements Optimizers {
    @Override
    public String name() { return "OptimizersReference"; }

    @Override
    public void sgd(int n, float[] p, int pOff, float[] g, int gOff, float lr, float weightDecay) {
        for (int i = 0; i < n; i++) p[pOff + i] -= lr * (g[gOff + i] + weightDecay * p[pOff + i]);
    }

    @Override
    public void momentum(int n, float[] p, int pOff, float[] g, int gOff, float[] v, int vOff,
                         float lr, float momentum, float weightDecay) {
        for (int i = 0; i < n; i++) {
            float d = g[gOff + i] + weightDecay * p[pOff + i];
            v[vOff + i] = momentum * v[vOff + i] + d;
            p[pOff + i] -= lr * v[vOff + i];
        }
    }

    @Override
    public void nesterov(int n, float[] p, int pOff, float[] g, int gOff, float[] v, int vOff,
                         float lr, float momentum, float weightDecay) {
        for (int i = 0; i < n; i++) {
            float d = g[gOff + i] + weightDecay * p[pOff + i];
            v[vOff + i] = momentum * v[vOff + i] + d;
            p[pOff + i] -= lr * (d + momentum * v[vOff + i]);
        }
    }

    @Override
    public void adam(int n, float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                     float lr, float beta1, float beta2, float eps, int t, float weightDecay) {
        for (int i = 0; i < n; i++) {
            float d = g[gOff + i] + weightDecay * p[pOff + i];
            p[pOff + i] -= adamStep(d, m, mOff + i, v, vOff + i, lr, beta1, beta2, eps, t);
        }
    }

    @Override
    public void adamW(int n, float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                      float lr, float beta1, float beta2, float eps, int t, float weightDecay) {
        for (int i = 0; i < n; i++) {
            p[pOff + i] -= lr * weightDecay * p[pOff + i];
            p[pOff + i] -= adamStep(g[gOff + i], m, mOff + i, v, vOff + i, lr, beta1, beta2, eps, t);
        }
    }

    /** Updates the moments m and v at one index and returns the step lr * mHat / (sqrt(vHat) + eps). */
    private static float adamStep(float d, float[] m, int mi, float[] v, int vi,
                                  float lr, float beta1, float beta2, float eps, int t) {
        m[mi] = beta1 * m[mi] + (1f - beta1) * d;
        v[vi] = beta2 * v[vi] + (1f - beta2) * d * d;
        float mHat = m[mi] / (float) (1 - Math.pow(beta1, t));
        float vHat = v[vi] / (float) (1 - Math.pow(beta2, t));
        return lr * mHat / ((float) Math.sqrt(vHat) + eps);
    }
}
