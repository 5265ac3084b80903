package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Conv2dReluPool;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Workspace;

/**
 * The simd default of the fused convolution: the direct kernel over one input channel, the
 * implicit GEMM over several (each packs in its own order, and the shape picks both the packing and
 * the pass).
 */
public final class Conv2dReluPoolPerShape implements Conv2dReluPool {
    private final Conv2dReluPool oneChannel = new Conv2dReluPoolDirect1Channel();
    private final Conv2dReluPool channels = new Conv2dReluPoolImplicitGemm();

    @Override
    public String name() { return "Conv2dReluPoolPerShape"; }

    private Conv2dReluPool pick(ConvShape s) {
        return Conv2dReluPoolDirect1Channel.covers(s) ? oneChannel : channels;
    }

    @Override
    public int packedSize(ConvShape s) { return pick(s).packedSize(s); }

    @Override
    public void pack(ConvShape s, float[] w, int wOff, float[] bias, int biasOff, float[] packed) {
        pick(s).pack(s, w, wOff, bias, biasOff, packed);
    }

    @Override
    public void forward(ConvShape s, int pool, float[] x, int xOff, float[] packed, float[] y, int yOff, Workspace ws) {
        pick(s).forward(s, pool, x, xOff, packed, y, yOff, ws);
    }

    @Override
    public void forward(ConvShape s, int pool, float[] x, int xOff, float[] packed, float[] y, int yOff, int[] argmax,
                        int argOff, Workspace ws) {
        pick(s).forward(s, pool, x, xOff, packed, y, yOff, argmax, argOff, ws);
    }

    @Override
    public void backwardWeights(ConvShape s, int pool, float[] x, int xOff, float[] dy, int dyOff, float[] y, int yOff,
                                int[] argmax, int argOff, float[] dw, int dwOff, float[] db, int dbOff, Workspace ws) {
        pick(s).backwardWeights(s, pool, x, xOff, dy, dyOff, y, yOff, argmax, argOff, dw, dwOff, db, dbOff, ws);
    }
}
