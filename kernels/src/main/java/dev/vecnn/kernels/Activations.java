package dev.vecnn.kernels;

/**
 * Element-wise activations over n elements, forward and backward. Outputs may alias inputs (the
 * same array and offset) for in-place use; every output is overwritten, except the accumulated
 * PReLU slope gradient.
 */
public interface Activations extends Kernel {
    /** y = max(x, 0). */
    void relu(int n, float[] x, int xOff, float[] y, int yOff);

    /** dx = dy where x > 0, else 0. */
    void reluBackward(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff);

    /** y = x where x > 0, else slope * x. */
    void leakyRelu(int n, float slope, float[] x, int xOff, float[] y, int yOff);

    /** dx = dy where x > 0, else slope * dy. */
    void leakyReluBackward(int n, float slope, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff);

    /** y = x where x > 0, else slope[c] * x, for x in channel c; slope has s.channels() entries. */
    void prelu(ChannelShape s, float[] x, int xOff, float[] slope, int slopeOff, float[] y, int yOff);

    /** dx = dy where x > 0, else slope[c] * dy; dSlope[c] += the sum of dy * x over channel c where x <= 0. */
    void preluBackward(ChannelShape s, float[] x, int xOff, float[] slope, int slopeOff, float[] dy, int dyOff,
                       float[] dx, int dxOff, float[] dSlope, int dSlopeOff);

    /** y = 1 / (1 + exp(-x)). */
    void sigmoid(int n, float[] x, int xOff, float[] y, int yOff);

    /** dx = dy * y * (1 - y), from the forward output y. */
    void sigmoidBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff);

    /** y = tanh(x). */
    void tanh(int n, float[] x, int xOff, float[] y, int yOff);

    /** dx = dy * (1 - y^2), from the forward output y. */
    void tanhBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff);
}
