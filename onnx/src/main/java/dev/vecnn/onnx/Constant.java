package dev.vecnn.onnx;

import java.util.Arrays;

/**
 * A value known while importing: an initializer, a Constant node's tensor, or what the shape
 * arithmetic of an exported graph computes from them (PyTorch's {@code x.view(x.size(0), -1)}
 * becomes Shape, Gather, Unsqueeze, Concat and Reshape). Either float32 values or integers; in
 * integers {@link #BATCH} stands for the batch size, which is not known until the model runs.
 */
record Constant(long[] dims, float[] floats, long[] integers) {
    static final long BATCH = Long.MIN_VALUE;

    static Constant ofFloats(long[] dims, float[] values) { return new Constant(dims.clone(), values, null); }

    static Constant ofIntegers(long[] dims, long[] values) { return new Constant(dims.clone(), null, values); }

    boolean isFloat() { return floats != null; }

    int size() { return isFloat() ? floats.length : integers.length; }

    int rank() { return dims.length; }

    /** The same values seen with other dimensions. */
    Constant withDims(long[] newDims) { return new Constant(newDims.clone(), floats, integers); }

    String describeDims() { return Arrays.toString(dims); }
}
