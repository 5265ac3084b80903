package dev.vecnn.measure;

/**
 * One kernel at one problem: the throughput of its reference twin and of its simd implementation,
 * and what the simd one allocated per call (0 once C2 has compiled it, as docs/DESIGN.md requires).
 */
public record KernelFigure(String name, String shape, double referenceGflops, double simdGflops,
                           double simdBytesPerCall) {
    /** How many times faster simd runs than the reference. */
    public double speedup() {
        return simdGflops / referenceGflops;
    }
}
