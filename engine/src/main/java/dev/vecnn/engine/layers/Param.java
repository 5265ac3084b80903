package dev.vecnn.engine.layers;

import java.util.Arrays;

/**
 * A tensor a layer owns: trainable parameters (weights, biases, scales) or state that is saved
 * but not trained (batch-norm running statistics). {@code name} is local to the layer (weight,
 * bias, ...); {@code dims} the tensor's shape, outermost first.
 */
public final class Param {
    private final String name;
    private final int[] dims;
    private final Init init;
    private final float[] data;

    /** The most values one tensor holds: the largest array the JVM reliably allocates. */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    public Param(String name, Init init, int... dims) {
        this.name = name;
        this.dims = dims.clone();
        this.init = init;
        long size = 1;
        for (int d : dims) {
            size *= d;
            if (size > MAX_VALUES)
                throw new IllegalArgumentException("its " + name + " tensor " + Arrays.toString(dims) + " has more than "
                        + MAX_VALUES + " values");
        }
        TensorAllowance.take(size, name);
        this.data = new float[(int) size];
    }

    public String name() { return name; }

    public int[] dims() { return dims.clone(); }

    public Init init() { return init; }

    /** The live values, read and written in place by layers and optimisers. */
    public float[] data() { return data; }

    public int size() { return data.length; }

    @Override
    public String toString() { return name + Arrays.toString(dims); }
}
