package dev.vecnn.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * This machine's vector FMA peak, measured rather than taken from a data sheet: twelve independent
 * chains of fused multiply-adds at the preferred float width. An FMA takes about four cycles and
 * two can start per cycle, so at least eight chains must be in flight to keep the units busy;
 * twelve cover longer latencies and still fit, with the two operands, in the sixteen registers of
 * AVX2. Each chain lives in its own local variable: in an array C2 would store and reload it every
 * iteration and measure memory instead. Timing them is the harness's work (the measure module's
 * {@code Peak}); this class is the loop, which only this module may write with the Vector API.
 */
public final class FmaPeak {
    /** The machine's widest float vector, whatever -Dvecnn.simd forces on the kernels. */
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    public static final int CHAINS = 12;
    private FmaPeak() {}

    /** Floating-point operations (a multiply and an add per lane) in that many iterations of {@link #chains}. */
    public static double flops(int iterations) {
        return 2.0 * CHAINS * SPECIES.length() * iterations;
    }

    public static int vectorBits() {
        return SPECIES.vectorBitSize();
    }

    /**
     * Runs every chain c = c * a + b for the given number of iterations. With a just below 1 each
     * chain converges to b / (1 - a) and never overflows or turns subnormal.
     */
    public static float chains(int iterations) {
        FloatVector a = FloatVector.broadcast(SPECIES, 0.999f);
        FloatVector b = FloatVector.broadcast(SPECIES, 0.001f);
        FloatVector c0 = FloatVector.broadcast(SPECIES, 0.0f);
        FloatVector c1 = FloatVector.broadcast(SPECIES, 0.1f);
        FloatVector c2 = FloatVector.broadcast(SPECIES, 0.2f);
        FloatVector c3 = FloatVector.broadcast(SPECIES, 0.3f);
        FloatVector c4 = FloatVector.broadcast(SPECIES, 0.4f);
        FloatVector c5 = FloatVector.broadcast(SPECIES, 0.5f);
        FloatVector c6 = FloatVector.broadcast(SPECIES, 0.6f);
        FloatVector c7 = FloatVector.broadcast(SPECIES, 0.7f);
        FloatVector c8 = FloatVector.broadcast(SPECIES, 0.8f);
        FloatVector c9 = FloatVector.broadcast(SPECIES, 0.9f);
        FloatVector c10 = FloatVector.broadcast(SPECIES, 1.0f);
        FloatVector c11 = FloatVector.broadcast(SPECIES, 1.1f);
        for (int i = 0; i < iterations; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        FloatVector sum = c0.add(c1).add(c2).add(c3).add(c4).add(c5)
                .add(c6).add(c7).add(c8).add(c9).add(c10).add(c11);
        return sum.reduceLanes(VectorOperators.ADD);
    }
}
