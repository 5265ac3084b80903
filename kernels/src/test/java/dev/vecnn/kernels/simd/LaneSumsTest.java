package dev.vecnn.kernels.simd;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Lane sums are added in lane order also once C2 has compiled them: the property that keeps a
 * seed's model the same, bit for bit, from run to run. C2's {@code reduceLanes(ADD)} after a
 * vector accumulation loop fails this on cancelling values (it adds in another order than the
 * interpreter), so results changed with the moment the JIT stepped in.
 */
class LaneSumsTest {
    private static final int ROWS = 64;
    /** A row of 676 values (a 26x26 plane): whole vectors and, at every width, a tail. */
    private static final int LENGTH = 676;
    /** Enough calls for C2 to compile the sums. */
    private static final int WARM_UP_ROUNDS = 3000;

    @Test
    void compiledVectorSumsAddTheLanesInOrder() {
        float[] values = cancellingValues(ROWS * LENGTH, 1);
        float[] sums = new float[ROWS];
        for (int round = 0; round < WARM_UP_ROUNDS; round++)
            for (int r = 0; r < ROWS; r++) sums[r] = VectorSums.sum(values, r * LENGTH, LENGTH);
        for (int r = 0; r < ROWS; r++)
            assertEquals(inLaneOrder(values, r * LENGTH, LENGTH), sums[r], "row " + r + " of " + LENGTH + " values");
    }

    @Test
    void maskedSumsAddOnlyTheSetLanesInOrder() {
        float[] values = cancellingValues(Simd.LANES, 2);
        FloatVector v = FloatVector.fromArray(Simd.SPECIES, values, 0);
        for (int n = 0; n <= Simd.LANES; n++) {
            float expected = 0f;
            for (int lane = 0; lane < n; lane++) expected += values[lane];
            assertEquals(expected, LaneSums.sum(v, Simd.SPECIES.indexInRange(0, n)), n + " lanes set");
        }
    }

    /** What VectorSums.sum promises: per-lane running sums over the whole vectors, those lanes in order, then the tail. */
    private static float inLaneOrder(float[] a, int off, int len) {
        float[] lanes = new float[Simd.LANES];
        int i = 0;
        for (int bound = Simd.SPECIES.loopBound(len); i < bound; i += Simd.LANES)
            for (int lane = 0; lane < Simd.LANES; lane++) lanes[lane] += a[off + i + lane];
        float sum = 0f;
        for (float lane : lanes) sum += lane;
        for (; i < len; i++) sum += a[off + i];
        return sum;
    }

    /** Values from 1e-4 to 1e4 of both signs, whose sums depend on the order they are added in. */
    private static float[] cancellingValues(int n, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++)
            values[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4));
        return values;
    }
}
