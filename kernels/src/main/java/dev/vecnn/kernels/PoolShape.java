package dev.vecnn.kernels;

/**
 * A 2-D pooling window over (batch, channels, inH, inW), giving (batch, channels, outH, outW) with
 * outH = (inH + 2 padH - kH) / strideH + 1 (floor). Padding never wins a max and counts as zero in
 * an average, whose divisor is always kH * kW (as PyTorch's default). Padding is at most half the
 * window, so every window holds at least one real element.
 */
public record PoolShape(int batch, int channels, int inH, int inW, int kH, int kW,
                        int strideH, int strideW, int padH, int padW) {
    public PoolShape {
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
}
