package dev.vecnn.kernels;

/**
 * Dropout with a mask drawn by the caller: each mask entry is 0 (dropped) or 1 / (1 - p) (kept,
 * rescaled). The backward pass is the same product applied to dy.
 */
public interface Dropout extends Kernel {
    /** y = x * mask, element by element; y may alias x. */
    void apply(int n, float[] x, int xOff, float[] mask, int maskOff, float[] y, int yOff);

    /** Spatial dropout: y = x * mask[n, c] over each whole (n, c) plane; mask has batch * channels entries. */
    void applyPerChannel(ChannelShape s, float[] x, int xOff, float[] mask, int maskOff, float[] y, int yOff);
}
