package dev.vecnn.cli;

import dev.vecnn.kernels.Kernels;
import dev.vecnn.kernels.Registry;

/**
 * The kernels a run really uses: {@code --kernels simd} runs the reference loops when simd is off
 * ({@code -Dvecnn.simd=0}, or no Vector API module), and a report must say so rather than repeat
 * the option. {@code vectorBits} is 0 for the reference loops.
 */
record KernelsInUse(String requested, String running, int vectorBits) {
    static KernelsInUse of(Kernels kernels) {
        int bits = kernels.name().equals(Kernels.SIMD) ? Registry.simdVectorBits() : 0;
        return new KernelsInUse(kernels.name(), bits > 0 ? Kernels.SIMD : Kernels.REFERENCE, bits);
    }

    /** For a header line: "simd kernels, 512-bit vectors" or why the reference loops run. */
    String describe() {
        if (vectorBits > 0) return running + " kernels, " + vectorBits + "-bit vectors";
        if (requested.equals(Kernels.SIMD))
            return "reference kernels (simd is off: -Dvecnn.simd=0, or no Vector API module)";
        return running + " kernels (plain loops)";
    }
}
