package dev.vecnn.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Lane sums and transcendentals that give the same bits in the interpreter, C1 and C2, so a
 * training run does not depend on when the JIT compiled a kernel. The Vector API's
 * {@code reduceLanes(ADD)} leaves the summation order open (the Java fallback adds the lanes in
 * order, the C2 intrinsic in a tree) and its lanewise EXP and TANH are StrictMath in the fallback
 * and an SVML-style intrinsic in C2. Everything here is lane moves and correctly rounded IEEE
 * arithmetic (add, mul, fma, div, min/max, integer shifts), which every tier computes alike.
 */
final class LaneMath {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES;

    /** Lane i takes lane i + k (mod L): adding one of these folds the upper lanes onto the lower. */
    private static final VectorShuffle<Float> DOWN_8 = rotation(8);
    private static final VectorShuffle<Float> DOWN_4 = rotation(4);
    private static final VectorShuffle<Float> DOWN_2 = rotation(2);
    private static final VectorShuffle<Float> DOWN_1 = rotation(1);

    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer held in the low mantissa bits. */
    private static final float ROUNDER = 0x1.8p23f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final float LOG2_E = 1.44269504088896341f;
    /** Cephes' split of ln 2: LN2_HI has 9 significant bits, so n * LN2_HI is exact for every n used here. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** exp(x) rounds to 0 below this (ln of half the smallest subnormal is -103.97) ... */
    private static final float EXP_LOW = -104f;
    /** ... and to infinity above this (ln of the largest float is 88.72). */
    private static final float EXP_HIGH = 89f;
    /** Below this |x|, tanh's odd polynomial; above, 1 - 2 / (exp(2|x|) + 1) without cancellation. */
    private static final float TANH_SMALL = 0.625f;

    private LaneMath() {}

    /** The sum of v's lanes as a fixed pairwise tree: halves added, then quarters, down to lane 0. */
    static float sum(FloatVector v) {
        if (L >= 16) v = v.add(v.rearrange(DOWN_8));
        if (L >= 8) v = v.add(v.rearrange(DOWN_4));
        if (L >= 4) v = v.add(v.rearrange(DOWN_2));
        return v.add(v.rearrange(DOWN_1)).lane(0);
    }

    /** The sum of the lanes of v set in m, in the same tree (unset lanes count as 0). */
    static float sum(FloatVector v, VectorMask<Float> m) {
        return sum(FloatVector.zero(S).blend(v, m));
    }

    /**
     * e^x, within 1 ulp of the exact value: x = n ln 2 + r with |r| <= ln 2 / 2 (Cody-Waite with
     * fma), e^r by Cephes' degree-7 polynomial, times 2^n built in the exponent bits. 2^n is applied
     * as two factors 2^(n/2) 2^(n - n/2), both normal floats, so results in the subnormal range are
     * rounded once and overflow gives infinity. NaN stays NaN.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(EXP_LOW).min(EXP_HIGH);
        FloatVector shifted = c.fma(LOG2_E, ROUNDER);
        FloatVector n = shifted.sub(ROUNDER);
        FloatVector r = n.fma(broadcast(-LN2_HI), c);
        r = n.fma(broadcast(-LN2_LO), r);
        FloatVector p = r.fma(1.9875691500e-4f, 1.3981999507e-3f);
        p = p.fma(r, broadcast(8.3334519073e-3f));
        p = p.fma(r, broadcast(4.1665795894e-2f));
        p = p.fma(r, broadcast(1.6666665459e-1f));
        p = p.fma(r, broadcast(5.0000001201e-1f));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        IntVector ni = shifted.reinterpretAsInts().sub(ROUNDER_BITS);
        IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
        return y.mul(powerOfTwo(half)).mul(powerOfTwo(ni.sub(half)));
    }

    /** 1 / (1 + e^-x), within 2 ulps; 0 once e^-x overflows. */
    static FloatVector sigmoid(FloatVector x) {
        return broadcast(1f).div(exp(x.neg()).add(1f));
    }

    /**
     * tanh(x) within 2 ulps, computed on |x| and given x's sign bit (so tanh(-0) = -0): below 0.625
     * Cephes' odd polynomial a + a^3 P(a^2) (no cancellation near 0); above, 1 - 2 / (e^(2a) + 1),
     * which is 1 once e^(2a) overflows.
     */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector z = a.mul(a);
        FloatVector p = z.fma(-5.70498872745e-3f, 2.06390887954e-2f);
        p = p.fma(z, broadcast(-5.37397155531e-2f));
        p = p.fma(z, broadcast(1.33314422036e-1f));
        p = p.fma(z, broadcast(-3.33332819422e-1f));
        FloatVector small = p.mul(z).fma(a, a);
        FloatVector large = broadcast(1f).sub(broadcast(2f).div(exp(a.add(a)).add(1f)));
        IntVector magnitude = large.blend(small, a.compare(VectorOperators.LT, TANH_SMALL)).reinterpretAsInts();
        IntVector sign = x.reinterpretAsInts().and(Integer.MIN_VALUE);
        return magnitude.or(sign).reinterpretAsFloats();
    }

    /** 2^k for k in [-126, 127], from its exponent bits. */
    private static FloatVector powerOfTwo(IntVector k) {
        return k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    private static FloatVector broadcast(float c) {
        return FloatVector.broadcast(S, c);
    }

    private static VectorShuffle<Float> rotation(int k) {
        return VectorShuffle.fromOp(S, i -> (i + k) & (L - 1));
    }
}
