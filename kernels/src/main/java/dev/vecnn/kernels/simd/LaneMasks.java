package dev.vecnn.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Masks of a window of lanes by two compares against the lane numbers. SPECIES.indexInRange
 * does the same, but with a negative offset it leaves the intrinsic and costs several times more
 * (measured: col2im of conv2 twice as slow), and windows that start left of lane 0 are what
 * padding and shifted taps produce.
 */
final class LaneMasks {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final FloatVector LANE_NUMBERS = FloatVector.zero(SPECIES).addIndex(1);

    private LaneMasks() {}

    /** Lanes N with from <= N < to (either bound may lie outside 0 .. LANES). */
    static VectorMask<Float> between(int from, int to) {
        return LANE_NUMBERS.compare(VectorOperators.GE, (float) from)
                .and(LANE_NUMBERS.compare(VectorOperators.LT, (float) to));
    }
}
