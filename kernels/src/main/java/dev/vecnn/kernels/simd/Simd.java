package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.SimdSetting;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float vector species every simd kernel uses: the machine's preferred one, or the width forced
 * by {@code -Dvecnn.simd=512|256|128}, so tests cover every width on one machine. Width 0 (scalar)
 * never reaches this class: {@link dev.vecnn.kernels.Registry} then hands out the reference twins.
 */
public final class Simd {
    public static final VectorSpecies<Float> SPECIES = chooseSpecies(SimdSetting.forcedBits());
    /** Floats per vector. */
    public static final int LANES = SPECIES.length();

    private Simd() {}

    private static VectorSpecies<Float> chooseSpecies(int forcedBits) {
        VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
        if (forcedBits < 0) return preferred;
        if (forcedBits > preferred.vectorBitSize())
            throw new IllegalStateException("vecnn.simd=" + forcedBits + " but this machine's widest float vector is "
                    + preferred.vectorBitSize() + " bits");
        return FloatVector.SPECIES_MAX.withShape(VectorShape.forBitSize(forcedBits));
    }
}
