package dev.vecnn.kernels;

/** One implementation of every family: what a layer calls. Picked by name: reference or simd. */
public record Kernels(String name, Gemm gemm, Im2col im2col, Conv2d conv2d, Conv2dReluPool convReluPool,
                      Pooling pooling, Dense dense,
                      Activations activations, Losses losses, BatchNorm batchNorm, Dropout dropout,
                      Optimizers optimizers, StridedTaps taps) {

    public static final String REFERENCE = "reference";
    public static final String SIMD = "simd";

    /** The kernels called {@code name}: "reference" or "simd". */
    public static Kernels named(String name) {
        return switch (name) {
            case REFERENCE -> Registry.referenceKernels();
            case SIMD -> Registry.simdKernels();
            default -> throw new IllegalArgumentException("unknown kernels '" + name + "': expected reference or simd");
        };
    }
}
