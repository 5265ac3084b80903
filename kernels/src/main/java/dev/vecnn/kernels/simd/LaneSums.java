package dev.vecnn.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The sum of a vector's lanes, added in lane order. {@code reduceLanes(ADD)} leaves the order
 * open, and HotSpot uses it: C2's intrinsic adds in a tree while the interpreter and C1 add lane
 * by lane, so the same call gives other bits before and after the JIT compiles it, and two runs of
 * one seed would train different models. A fixed order makes every tier agree.
 */
final class LaneSums {
    private LaneSums() {}

    static float sum(FloatVector v) {
        float sum = 0f;
        for (int lane = 0; lane < Simd.LANES; lane++) sum += v.lane(lane);
        return sum;
    }

    /** The sum of the lanes set in {@code m}. */
    static float sum(FloatVector v, VectorMask<Float> m) {
        float sum = 0f;
        for (int lane = 0; lane < Simd.LANES; lane++) if (m.laneIsSet(lane)) sum += v.lane(lane);
        return sum;
    }
}
