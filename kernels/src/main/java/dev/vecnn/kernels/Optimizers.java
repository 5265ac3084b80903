package dev.vecnn.kernels;

/**
 * Parameter updates in place over n parameters p, their gradients g and per-parameter state. The
 * formulas match PyTorch's optimisers of the same name, so results can be compared with it.
 */
public interface Optimizers extends Kernel {
    /** p -= lr * (g + weightDecay * p). */
    void sgd(int n, float[] p, int pOff, float[] g, int gOff, float lr, float weightDecay);

    /** Heavy ball: d = g + weightDecay * p; v = momentum * v + d; p -= lr * v. */
    void momentum(int n, float[] p, int pOff, float[] g, int gOff, float[] v, int vOff,
                  float lr, float momentum, float weightDecay);

    /** Nesterov: d = g + weightDecay * p; v = momentum * v + d; p -= lr * (d + momentum * v). */
    void nesterov(int n, float[] p, int pOff, float[] g, int gOff, float[] v, int vOff,
                  float lr, float momentum, float weightDecay);

    /**
     * Adam with L2 regularisation folded into the gradient, at 1-based step t:
     * d = g + weightDecay * p; m = beta1 * m + (1 - beta1) * d; v = beta2 * v + (1 - beta2) * d^2;
     * p -= lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps).
     */
    void adam(int n, float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
              float lr, float beta1, float beta2, float eps, int t, float weightDecay);

    /**
     * AdamW, decoupled weight decay: p -= lr * weightDecay * p first, then the Adam step above with
     * d = g.
     */
    void adamW(int n, float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
               float lr, float beta1, float beta2, float eps, int t, float weightDecay);
}
