package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.ChannelShape;
import dev.vecnn.kernels.Dropout;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dropout as a lanewise product with the mask; spatial dropout broadcasts each plane's mask entry
 * over the plane, and with one element per plane is the plain product. Wins at every size
 * (memory-bound; the vector loop moves a full vector per load and store).
 */
public final class DropoutLanewise implements Dropout {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES;

    @Override
    public String name() { return "DropoutLanewise"; }

    @Override
    public void apply(int n, float[] x, int xOff, float[] mask, int maskOff, float[] y, int yOff) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L)
            FloatVector.fromArray(S, x, xOff + i).mul(FloatVector.fromArray(S, mask, maskOff + i)).intoArray(y, yOff + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xOff + i, m).mul(FloatVector.fromArray(S, mask, maskOff + i, m))
                    .intoArray(y, yOff + i, m);
        }
    }

    @Override
    public void applyPerChannel(ChannelShape s, float[] x, int xOff, float[] mask, int maskOff, float[] y, int yOff) {
        int spatial = s.spatial();
        int planes = s.batch() * s.channels();
        if (spatial == 1) {
            apply(planes, x, xOff, mask, maskOff, y, yOff);
            return;
        }
        int bound = S.loopBound(spatial);
        VectorMask<Float> tail = S.indexInRange(bound, spatial);
        for (int plane = 0; plane < planes; plane++) {
            float keep = mask[maskOff + plane];
            int xp = xOff + plane * spatial;
            int yp = yOff + plane * spatial;
            int p = 0;
            for (; p < bound; p += L) FloatVector.fromArray(S, x, xp + p).mul(keep).intoArray(y, yp + p);
            if (p < spatial) FloatVector.fromArray(S, x, xp + p, tail).mul(keep).intoArray(y, yp + p, tail);
        }
    }
}
