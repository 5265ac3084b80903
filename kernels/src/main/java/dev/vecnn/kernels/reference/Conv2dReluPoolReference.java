package dev.vecnn.kernels.reference;

import dev.vecnn.kernels.Conv2dReluPool;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Workspace;

import java.util.Arrays;

/**
 * The defining formula, output by output: the maximum over its pooling window of
 * max(0, bias + the convolution's sum at that pixel), in either layout, and for training the
 * window's winner. Packing is a plain copy:
 * the weights as they are, then the bias.
 */
public final class Conv2dReluPoolReference implements Conv2dReluPool {
    @Override
    public String name() { return "Conv2dReluPoolReference"; }

    @Override
    public int packedSize(ConvShape s) { return s.weightSize() + s.outC(); }

    @Override
    public void pack(ConvShape s, float[] w, int wOff, float[] bias, int biasOff, float[] packed) {
        System.arraycopy(w, wOff, packed, 0, s.weightSize());
        if (bias == null) Arrays.fill(packed, s.weightSize(), s.weightSize() + s.outC(), 0f);
        else System.arraycopy(bias, biasOff, packed, s.weightSize(), s.outC());
    }

    @Override
    public void forward(ConvShape s, int pool, float[] x, int xOff, float[] packed, float[] y, int yOff, Workspace ws) {
        int outH = Conv2dReluPool.pooled(s.outH(), pool), outW = Conv2dReluPool.pooled(s.outW(), pool);
        for (int n = 0; n < s.batch(); n++)
            for (int k = 0; k < s.outC(); k++)
                for (int py = 0; py < outH; py++)
                    for (int px = 0; px < outW; px++) {
                        float max = 0f;
                        for (int dy = 0; dy < pool; dy++)
                            for (int dx = 0; dx < pool; dx++)
                                max = Math.max(max, convolution(s, x, xOff, packed, n, k, py * pool + dy, px * pool + dx));
                        y[yOff + s.layout().index(s.outC(), outH, outW, n, k, py, px)] = max;
                    }
    }

    /** Window by window, as {@link dev.vecnn.kernels.Pooling#maxReluForward} would run on z. */
    @Override
    public void forward(ConvShape s, int pool, float[] x, int xOff, float[] packed, float[] y, int yOff, int[] argmax,
                        int argOff, Workspace ws) {
        int outH = Conv2dReluPool.pooled(s.outH(), pool), outW = Conv2dReluPool.pooled(s.outW(), pool);
        for (int n = 0; n < s.batch(); n++)
            for (int k = 0; k < s.outC(); k++)
                for (int py = 0; py < outH; py++)
                    for (int px = 0; px < outW; px++) {
                        float best = Float.NEGATIVE_INFINITY;
                        int winner = -1;
                        for (int dy = 0; dy < pool; dy++)
                            for (int dx = 0; dx < pool; dx++) {
                                int oy = py * pool + dy, ox = px * pool + dx;
                                float z = convolution(s, x, xOff, packed, n, k, oy, ox);
                                if (winner < 0 || z > best) {
                                    best = z;
                                    winner = s.outputIndex(n, k, oy, ox);
                                }
                            }
                        int out = s.layout().index(s.outC(), outH, outW, n, k, py, px);
                        y[yOff + out] = Math.max(best, 0f);
                        argmax[argOff + out] = winner;
                    }
    }

    /**
     * Each pooled output whose y is positive sends dy to its winner in z, and each tap (k, c, i, j)
     * gathers that gradient times the input it multiplied.
     */
    @Override
    public void backwardWeights(ConvShape s, int pool, float[] x, int xOff, float[] dy, int dyOff, float[] y, int yOff,
                                int[] argmax, int argOff, float[] dw, int dwOff, float[] db, int dbOff, Workspace ws) {
        int pooled = s.batch() * s.outC() * Conv2dReluPool.pooled(s.outH(), pool)
                * Conv2dReluPool.pooled(s.outW(), pool);
        float[] dz = new float[s.outputSize()];
        for (int i = 0; i < pooled; i++)
            if (y[yOff + i] > 0f) dz[argmax[argOff + i]] += dy[dyOff + i];
        for (int n = 0; n < s.batch(); n++)
            for (int k = 0; k < s.outC(); k++)
                for (int oy = 0; oy < s.outH(); oy++)
                    for (int ox = 0; ox < s.outW(); ox++) {
                        float g = dz[s.outputIndex(n, k, oy, ox)];
                        if (db != null) db[dbOff + k] += g;
                        for (int c = 0; c < s.inC(); c++)
                            for (int i = 0; i < s.kH(); i++)
                                for (int j = 0; j < s.kW(); j++) {
                                    int iy = oy * s.strideH() - s.padH() + i, ix = ox * s.strideW() - s.padW() + j;
                                    if (iy < 0 || iy >= s.inH() || ix < 0 || ix >= s.inW()) continue;
                                    dw[dwOff + s.weightIndex(k, c, i, j)] += g * x[xOff + s.inputIndex(n, c, iy, ix)];
                                }
                    }
    }

    /** bias[k] + the sum over c, i, j of w[k, c, i, j] * x[n, c, oy * sh - ph + i, ox * sw - pw + j]. */
    private static float convolution(ConvShape s, float[] x, int xOff, float[] packed, int n, int k, int oy, int ox) {
        float sum = packed[s.weightSize() + k];
        for (int c = 0; c < s.inC(); c++)
            for (int i = 0; i < s.kH(); i++)
                for (int j = 0; j < s.kW(); j++) {
                    int iy = oy * s.strideH() - s.padH() + i, ix = ox * s.strideW() - s.padW() + j;
                    if (iy < 0 || iy >= s.inH() || ix < 0 || ix >= s.inW()) continue;
                    sum += packed[s.weightIndex(k, c, i, j)] * x[xOff + s.inputIndex(n, c, iy, ix)];
                }
        return sum;
    }
}
