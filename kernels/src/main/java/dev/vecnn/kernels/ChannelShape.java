package dev.vecnn.kernels;

/**
 * Data laid out (batch, channels, spatial): NCHW with spatial = H * W, or (batch, features) with
 * spatial = 1. Per-channel parameters (batch norm, PReLU slopes) index the middle dimension.
 */
public record ChannelShape(int batch, int channels, int spatial) {
    public ChannelShape {
        if (batch < 1 || channels < 1 || spatial < 1)
            throw new IllegalArgumentException("sizes must be positive: " + this);
    }

    public int size() { return batch * channels * spatial; }
    /** Elements that share one channel's statistics. */
    public int perChannel() { return batch * spatial; }
}
