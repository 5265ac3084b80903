package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.StridedTaps;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The strided correlation with one output per lane: four vectors of outputs summed in locals over
 * every tap (one broadcast weight, four loads at the tap's offset), then single vectors, then a
 * masked tail. Each lane adds the same rounded products in the same order as the reference, so the
 * results are the same bits. Wins at every size: the sums stay in registers where plain loops over
 * the plane load and store every output once per tap (C2 does not vectorise those loops).
 */
public final class StridedTapsLanewise implements StridedTaps {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES;

    @Override
    public String name() { return "StridedTapsLanewise"; }

    @Override
    public void apply(int n, int taps, int stride, float[] w, int wOff, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int k = 0, at = xOff + i; k < taps; k++, at += stride) {
                FloatVector wk = FloatVector.broadcast(S, w[wOff + k]);
                s0 = s0.add(wk.mul(FloatVector.fromArray(S, x, at)));
                s1 = s1.add(wk.mul(FloatVector.fromArray(S, x, at + L)));
                s2 = s2.add(wk.mul(FloatVector.fromArray(S, x, at + 2 * L)));
                s3 = s3.add(wk.mul(FloatVector.fromArray(S, x, at + 3 * L)));
            }
            s0.intoArray(y, yOff + i);
            s1.intoArray(y, yOff + i + L);
            s2.intoArray(y, yOff + i + 2 * L);
            s3.intoArray(y, yOff + i + 3 * L);
        }
        for (; i + L <= n; i += L) {
            FloatVector s = FloatVector.zero(S);
            for (int k = 0, at = xOff + i; k < taps; k++, at += stride)
                s = s.add(FloatVector.broadcast(S, w[wOff + k]).mul(FloatVector.fromArray(S, x, at)));
            s.intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector s = FloatVector.zero(S);
            for (int k = 0, at = xOff + i; k < taps; k++, at += stride)
                s = s.add(FloatVector.broadcast(S, w[wOff + k]).mul(FloatVector.fromArray(S, x, at, m)));
            s.intoArray(y, yOff + i, m);
        }
    }
}
