package dev.vecnn.kernels;

/** Max and average pooling, NCHW; see {@link PoolShape} for the window and padding rules. */
public interface Pooling extends Kernel {
    /**
     * y = the maximum of each window; argmax[i] = the index into x (relative to xOff) of the
     * element that produced y[i] (the first one on ties, in row-major window order).
     */
    void maxForward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff);

    /** dx[argmax[i]] += dy[i] over every output i, on a dx first zeroed: dx is overwritten. */
    void maxBackward(PoolShape s, float[] dy, int dyOff, int[] argmax, int argOff, float[] dx, int dxOff);

    /**
     * Max pooling fused with the ReLU before it: y = max(the maximum of each window, 0), which is
     * the max pooling of relu(x), in one pass over x instead of two; argmax as in maxForward.
     */
    void maxReluForward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff);

    /**
     * The backward pass of {@link #maxReluForward}: dx[argmax[i]] += dy[i] where y[i] > 0, on a dx
     * first zeroed (dx is overwritten). Equals maxBackward followed by reluBackward.
     */
    void maxReluBackward(PoolShape s, float[] dy, int dyOff, float[] y, int yOff, int[] argmax, int argOff,
                         float[] dx, int dxOff);

    /** y = the sum of each window divided by kH * kW, padding counting as zero. */
    void avgForward(PoolShape s, float[] x, int xOff, float[] y, int yOff);

    /** dx = each dy spread evenly (divided by kH * kW) over its window; dx is overwritten. */
    void avgBackward(PoolShape s, float[] dy, int dyOff, float[] dx, int dxOff);
}
