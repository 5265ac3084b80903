package dev.vecnn.kernels;

/**
 * The convolution with the bias, the ReLU and a max pooling in its write-out, for inference and,
 * recording each window's winner, for training: y = maxpool(relu(conv(x, w) + bias)), where the
 * pooling takes windows of {@code pool x pool} output pixels side by side (stride pool, no
 * padding, the rows and columns past the last whole window dropped) and {@code pool = 1} means no
 * pooling. x (batch, inC, inH, inW) and y (batch, outC, outH / pool, outW / pool) lie in the
 * shape's layout. The weights are packed
 * once, with the bias, into the implementation's own order ({@link #pack}), and only read by
 * {@link #forward}, so many calls (and threads) share one packing.
 */
public interface Conv2dReluPool extends Kernel {
    /** The floats {@link #pack} writes for shape {@code s}. */
    int packedSize(ConvShape s);

    /** packed = w (outC, inC, kH, kW) and bias (outC, or null for none) in this implementation's order. */
    void pack(ConvShape s, float[] w, int wOff, float[] bias, int biasOff, float[] packed);

    /** y = maxpool(relu(conv(x, w) + bias)) from the weights {@link #pack} wrote; y is overwritten. */
    void forward(ConvShape s, int pool, float[] x, int xOff, float[] packed, float[] y, int yOff, Workspace ws);

    /**
     * The same y, and argmax[i] = the index of y[i]'s winner in z = conv(x, w) + bias (batch, outC,
     * outH, outW in the shape's layout): the first largest value of its window in row-major order,
     * which is what {@link Pooling#maxReluForward} records on z, so that
     * {@link Pooling#maxReluBackward} turns the gradient of y into that of z. z itself is never
     * written; its pixels outside every whole window have no winner and get no gradient.
     */
    void forward(ConvShape s, int pool, float[] x, int xOff, float[] packed, float[] y, int yOff, int[] argmax,
                 int argOff, Workspace ws);

    /**
     * Training's weight gradient through the pooling and the ReLU: dw += the gradient of the
     * weights and db += that of the bias (db may be null), both summed over the batch, where the
     * gradient of z is dy[i] at z's element argmax[i] wherever y[i] > 0, and 0 elsewhere (what
     * {@link Pooling#maxReluBackward} writes on z). y and argmax are those of the training form of
     * {@link #forward}; z's gradient is never written.
     */
    void backwardWeights(ConvShape s, int pool, float[] x, int xOff, float[] dy, int dyOff, float[] y, int yOff,
                         int[] argmax, int argOff, float[] dw, int dwOff, float[] db, int dbOff, Workspace ws);

    /** Rows (and columns) of y: the output's pixels per whole pooling window. */
    static int pooled(int outSide, int pool) {
        return outSide / pool;
    }
}
