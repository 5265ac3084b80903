package dev.vecnn.kernels;

/** 2-D convolution (cross-correlation, as every framework computes it) over a batch, NCHW. */
public interface Conv2d extends Kernel {
    /**
     * y[n, k, oy, ox] = bias[k] + sum over c, i, j of w[k, c, i, j] * x[n, c, oy * sh - ph + i, ox * sw - pw + j].
     * x (batch, inC, inH, inW), w (outC, inC, kH, kW), bias (outC) or null for none, y (batch, outC, outH, outW), overwritten.
     */
    void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                 float[] y, int yOff, Workspace ws);

    /** dx = the gradient of the loss with respect to x given dy; dx (batch, inC, inH, inW) is overwritten. */
    void backwardData(ConvShape s, float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff, Workspace ws);

    /**
     * dw += the weight gradient summed over the batch; db += dy summed over batch, outH and outW
     * (db may be null). Both accumulate, so chunks of a batch can add into one buffer.
     */
    void backwardWeights(ConvShape s, float[] x, int xOff, float[] dy, int dyOff,
                         float[] dw, int dwOff, float[] db, int dbOff, Workspace ws);
}
