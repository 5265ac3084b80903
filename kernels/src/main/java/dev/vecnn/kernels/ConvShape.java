package dev.vecnn.kernels;

/**
 * A 2-D convolution: input (batch, inC, inH, inW), weights (outC, inC, kH, kW), output
 * (batch, outC, outH, outW) with outH = (inH + 2 padH - kH) / strideH + 1 (floor), likewise outW.
 * Padding is zeros. The activations (x, y and their gradients) lie in {@code layout}; the weights
 * are always (outC, inC, kH, kW), the layout of model files.
 */
public record ConvShape(int batch, int inC, int inH, int inW, int outC, int kH, int kW,
                        int strideH, int strideW, int padH, int padW, Layout layout) {
    /** A convolution over NCHW activations. */
    public ConvShape(int batch, int inC, int inH, int inW, int outC, int kH, int kW,
                     int strideH, int strideW, int padH, int padW) {
        this(batch, inC, inH, inW, outC, kH, kW, strideH, strideW, padH, padW, Layout.NCHW);
    }

    public ConvShape {
        if (layout == null) throw new IllegalArgumentException("a convolution needs a layout");
        if (batch < 1 || inC < 1 || inH < 1 || inW < 1 || outC < 1 || kH < 1 || kW < 1)
            throw new IllegalArgumentException("convolution sizes must be positive: " + this);
        if (strideH < 1 || strideW < 1 || padH < 0 || padW < 0)
            throw new IllegalArgumentException("stride must be >= 1 and padding >= 0: " + this);
        if (inH + 2 * padH < kH || inW + 2 * padW < kW)
            throw new IllegalArgumentException("kernel larger than the padded input: " + this);
    }

    public int outH() { return (inH + 2 * padH - kH) / strideH + 1; }
    public int outW() { return (inW + 2 * padW - kW) / strideW + 1; }
    /** Rows of the im2col matrix: one per (input channel, kernel row, kernel column). */
    public int colRows() { return inC * kH * kW; }
    /** Columns of the im2col matrix of one image: one per output pixel. */
    public int colCols() { return outH() * outW(); }
    public int inputSize() { return batch * inC * inH * inW; }
    public int weightSize() { return outC * inC * kH * kW; }
    public int outputSize() { return batch * outC * outH() * outW(); }
    /** This convolution over activations in {@code other}. */
    public ConvShape in(Layout other) {
        return new ConvShape(batch, inC, inH, inW, outC, kH, kW, strideH, strideW, padH, padW, other);
    }

    /** This convolution over {@code n} images. */
    public ConvShape withBatch(int n) {
        return new ConvShape(n, inC, inH, inW, outC, kH, kW, strideH, strideW, padH, padW, layout);
    }

    /** The index of x[n, c, iy, ix] in the input. */
    public int inputIndex(int n, int c, int iy, int ix) { return layout.index(inC, inH, inW, n, c, iy, ix); }

    /** The index of y[n, k, oy, ox] in the output. */
    public int outputIndex(int n, int k, int oy, int ox) { return layout.index(outC, outH(), outW(), n, k, oy, ox); }

    /** The index of w[k, c, i, j] in the weights. */
    public int weightIndex(int k, int c, int i, int j) { return ((k * inC + c) * kH + i) * kW + j; }

    /** Multiply-adds times two, the forward pass. */
    public double flops() { return 2.0 * batch * outC * colCols() * colRows(); }
}
