package dev.vecnn.kernels;

/** Fully connected layer: x (batch, in), w (out, in), b (out), y (batch, out). */
public interface Dense extends Kernel {
    /** y = x * w^T + b (b may be null for none); y is overwritten. */
    void forward(DenseShape s, float[] x, int xOff, float[] w, int wOff, float[] b, int bOff,
                 float[] y, int yOff, Workspace ws);

    /** dx = dy * w; dx (batch, in) is overwritten. */
    void backwardData(DenseShape s, float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff, Workspace ws);

    /** dw += dy^T * x; db += dy summed over the batch (db may be null). Both accumulate. */
    void backwardWeights(DenseShape s, float[] x, int xOff, float[] dy, int dyOff,
                         float[] dw, int dwOff, float[] db, int dbOff, Workspace ws);
}
