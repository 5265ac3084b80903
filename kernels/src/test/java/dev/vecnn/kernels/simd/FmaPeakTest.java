package dev.vecnn.kernels.simd;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The peak's chains compute what their comment says, so the work timed is the work counted. */
class FmaPeakTest {
    @Test
    void everyChainConvergesToTheFixedPointInEveryLane() {
        int lanes = FmaPeak.vectorBits() / Float.SIZE;
        // c = a c + b has its fixed point at b / (1 - a), 1 + 1.3e-5 for the float constants; after 20,000
        // steps every start in [0, 1.1] has contracted to within 1e-8 of it, and float rounding stalls
        // each lane within half an ulp / (1 - a) = 6e-5 of it.
        double fixedPoint = 0.001f / (1.0 - 0.999f);
        double expected = FmaPeak.CHAINS * lanes * fixedPoint;
        assertEquals(expected, FmaPeak.chains(20_000), expected * 1e-4);
    }

    @Test
    void flopsCountAMultiplyAndAnAddPerLanePerChainPerIteration() {
        assertEquals(2.0 * FmaPeak.CHAINS * (FmaPeak.vectorBits() / Float.SIZE) * 7, FmaPeak.flops(7));
    }
}
