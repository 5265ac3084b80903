package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.PoolShape;
import dev.vecnn.kernels.Pooling;

/**
 * The simd default: channels-last shapes vectorised across channels ({@link PoolingChannelVector}),
 * NCHW shapes along output rows ({@link PoolingRowVector}).
 */
public final class PoolingPerLayout implements Pooling {
    private final Pooling channels = new PoolingChannelVector();
    private final Pooling rows = new PoolingRowVector();

    @Override
    public String name() { return "PoolingPerLayout"; }

    private Pooling pick(PoolShape s) {
        return PoolingChannelVector.covers(s) ? channels : rows;
    }

    @Override
    public void maxForward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff) {
        pick(s).maxForward(s, x, xOff, y, yOff, argmax, argOff);
    }

    @Override
    public void maxBackward(PoolShape s, float[] dy, int dyOff, int[] argmax, int argOff, float[] dx, int dxOff) {
        pick(s).maxBackward(s, dy, dyOff, argmax, argOff, dx, dxOff);
    }

    @Override
    public void maxReluForward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff) {
        pick(s).maxReluForward(s, x, xOff, y, yOff, argmax, argOff);
    }

    @Override
    public void maxReluBackward(PoolShape s, float[] dy, int dyOff, float[] y, int yOff, int[] argmax, int argOff,
                                float[] dx, int dxOff) {
        pick(s).maxReluBackward(s, dy, dyOff, y, yOff, argmax, argOff, dx, dxOff);
    }

    @Override
    public void avgForward(PoolShape s, float[] x, int xOff, float[] y, int yOff) {
        pick(s).avgForward(s, x, xOff, y, yOff);
    }

    @Override
    public void avgBackward(PoolShape s, float[] dy, int dyOff, float[] dx, int dxOff) {
        pick(s).avgBackward(s, dy, dyOff, dx, dxOff);
    }
}
