package dev.vecnn.kernels;

/**
 * Scratch memory owned by the caller and reused across calls, so kernels never allocate in their
 * hot path. One workspace per thread: it is not thread-safe. A slot grows when a larger shape asks
 * for more and never shrinks, so steady-state training allocates nothing here.
 */
public final class Workspace {
    /** Independent scratch areas: a kernel may use several at once (a convolution's columns while
     *  its GEMM packs panels). PACKED_WEIGHTS is never a kernel's own scratch: it holds what a caller
     *  packed once for many calls ({@link Conv2dReluPool#pack}). Z_GRADIENT holds a fused kernel's
     *  intermediate gradient while it calls other kernels that use the rest. */
    public enum Slot { COLUMNS, PACKED_A, PACKED_B, TEMP, ROW_OFFSETS, COLUMN_OFFSETS, PACKED_WEIGHTS, Z_GRADIENT }

    private final float[][] buffers = new float[Slot.values().length][];
    /** Each slot also holds an int array (index tables), independent of its floats. */
    private final int[][] intBuffers = new int[Slot.values().length][];

    /** An array of at least {@code minLength} floats; its contents are unspecified. */
    public float[] floats(Slot slot, int minLength) {
        float[] buffer = buffers[slot.ordinal()];
        if (buffer == null || buffer.length < minLength) {
            buffer = new float[minLength];
            buffers[slot.ordinal()] = buffer;
        }
        return buffer;
    }

    /** An int array of at least {@code minLength} entries; its contents are unspecified. */
    public int[] ints(Slot slot, int minLength) {
        int[] buffer = intBuffers[slot.ordinal()];
        if (buffer == null || buffer.length < minLength) {
            buffer = new int[minLength];
            intBuffers[slot.ordinal()] = buffer;
        }
        return buffer;
    }
}
