package dev.vecnn.kernels;

/** A fully connected layer: x (batch, in), w (out, in), b (out), y (batch, out). */
public record DenseShape(int batch, int in, int out) {
    public DenseShape {
        if (batch < 1 || in < 1 || out < 1)
            throw new IllegalArgumentException("dense sizes must be positive: " + this);
    }

    /** Multiply-adds times two, the forward pass. */
    public double flops() { return 2.0 * batch * in * out; }
}
