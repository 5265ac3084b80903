package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Conv2d;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Workspace;

/**
 * The simd default: picks, shape by shape, whichever strategy measured faster here. Channels-last
 * shapes: the implicit GEMM, every pass. NCHW forward and weight gradient: the direct path for the
 * shapes it covers (one input channel), batched im2col + GEMM for the rest; NCHW data gradient:
 * batched im2col + GEMM everywhere.
 */
public final class Conv2dPerShape implements Conv2d {
    private final Conv2d channelsLast = new Conv2dImplicitGemmNhwc();
    private final Conv2d direct;
    private final Conv2d lowered;

    public Conv2dPerShape(Gemm gemm) {
        this.lowered = Conv2dIm2col.batched(gemm);
        this.direct = new Conv2dDirect1Channel(gemm);
    }

    @Override
    public String name() { return "Conv2dPerShape"; }

    private Conv2d pick(ConvShape s) {
        if (Conv2dImplicitGemmNhwc.covers(s)) return channelsLast;
        return Conv2dDirect1Channel.covers(s) ? direct : lowered;
    }

    @Override
    public void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                        float[] y, int yOff, Workspace ws) {
        pick(s).forward(s, x, xOff, w, wOff, bias, biasOff, y, yOff, ws);
    }

    @Override
    public void backwardData(ConvShape s, float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff,
                             Workspace ws) {
        (Conv2dImplicitGemmNhwc.covers(s) ? channelsLast : lowered).backwardData(s, dy, dyOff, w, wOff, dx, dxOff, ws);
    }

    @Override
    public void backwardWeights(ConvShape s, float[] x, int xOff, float[] dy, int dyOff,
                                float[] dw, int dwOff, float[] db, int dbOff, Workspace ws) {
        pick(s).backwardWeights(s, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, ws);
    }
}
