package dev.vecnn.kernels;

/**
 * How a batch of images lies in a flat array. NCHW (channel planes, the public layout of images,
 * specs and model files) or NHWC (channels last: the channels of one pixel side by side, so a
 * convolution vectorises over output channels with no lowering, docs/DESIGN.md).
 */
public enum Layout {
    NCHW, NHWC;

    /** The index of element (n, c, h, w) of a (batch, channels, height, width) tensor. */
    public int index(int channels, int height, int width, int n, int c, int h, int w) {
        return this == NCHW ? ((n * channels + c) * height + h) * width + w
                : ((n * height + h) * width + w) * channels + c;
    }
}
