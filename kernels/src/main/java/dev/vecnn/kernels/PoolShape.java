package dev.vecnn.kernels;

/**
 * A 2-D pooling window over (batch, channels, inH, inW), giving (batch, channels, outH, outW) with
 * outH = (inH + 2 padH - kH) / strideH + 1 (floor). Padding never wins a max and counts as zero in
 * an average, whose divisor is always kH * kW (as PyTorch's default). Padding is at most half the
 * window, so every window holds at least one real element. Input and output lie in {@code layout}.
 */
public record PoolShape(int batch, int channels, int inH, int inW, int kH, int kW,
                        int strideH, int strideW, int padH, int padW, Layout layout) {
    /** A pooling over NCHW activations. */
    public PoolShape(int batch, int channels, int inH, int inW, int kH, int kW,
                     int strideH, int strideW, int padH, int padW) {
        this(batch, channels, inH, inW, kH, kW, strideH, strideW, padH, padW, Layout.NCHW);
    }

    public PoolShape {
        if (layout == null) throw new IllegalArgumentException("a pooling needs a layout");
        if (batch < 1 || channels < 1 || inH < 1 || inW < 1 || kH < 1 || kW < 1)
            throw new IllegalArgumentException("pooling sizes must be positive: " + this);
        if (strideH < 1 || strideW < 1 || padH < 0 || padW < 0)
            throw new IllegalArgumentException("stride must be >= 1 and padding >= 0: " + this);
        if (2 * padH > kH || 2 * padW > kW)
            throw new IllegalArgumentException("padding must be at most half the window: " + this);
        if (inH + 2 * padH < kH || inW + 2 * padW < kW)
            throw new IllegalArgumentException("window larger than the padded input: " + this);
    }

    public int outH() { return (inH + 2 * padH - kH) / strideH + 1; }
    public int outW() { return (inW + 2 * padW - kW) / strideW + 1; }
    public int inputSize() { return batch * channels * inH * inW; }
    public int outputSize() { return batch * channels * outH() * outW(); }

    /** This pooling over activations in {@code other}. */
    public PoolShape in(Layout other) {
        return new PoolShape(batch, channels, inH, inW, kH, kW, strideH, strideW, padH, padW, other);
    }

    /** The index of x[n, c, iy, ix] in the input. */
    public int inputIndex(int n, int c, int iy, int ix) { return layout.index(channels, inH, inW, n, c, iy, ix); }

    /** The index of y[n, c, oy, ox] in the output. */
    public int outputIndex(int n, int c, int oy, int ox) { return layout.index(channels, outH(), outW(), n, c, oy, ox); }
}
