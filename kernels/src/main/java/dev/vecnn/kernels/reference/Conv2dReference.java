package dev.vecnn.kernels.reference;

import dev.vecnn.kernels.Conv2d;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Workspace;

import java.util.Arrays;

/** Convolution by its defining sums, seven nested loops, no lowering, in either layout of the shape. */
public final class Conv2dReference implements Conv2d {
    @Override
    public String name() { return "Conv2dReference"; }

    @Override
    public void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                        float[] y, int yOff, Workspace ws) {
        int outH = s.outH(), outW = s.outW();
        for (int n = 0; n < s.batch(); n++)
            for (int k = 0; k < s.outC(); k++)
                for (int oy = 0; oy < outH; oy++)
                    for (int ox = 0; ox < outW; ox++) {
                        float sum = bias == null ? 0f : bias[biasOff + k];
                        for (int c = 0; c < s.inC(); c++)
                            for (int i = 0; i < s.kH(); i++)
                                for (int j = 0; j < s.kW(); j++) {
                                    int iy = oy * s.strideH() - s.padH() + i;
                                    int ix = ox * s.strideW() - s.padW() + j;
                                    if (iy < 0 || iy >= s.inH() || ix < 0 || ix >= s.inW()) continue;
                                    sum += w[wOff + s.weightIndex(k, c, i, j)] * x[xOff + s.inputIndex(n, c, iy, ix)];
                                }
                        y[yOff + s.outputIndex(n, k, oy, ox)] = sum;
                    }
    }

    @Override
    public void backwardData(ConvShape s, float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff,
                             Workspace ws) {
        Arrays.fill(dx, dxOff, dxOff + s.inputSize(), 0f);
        forEachTap(s, (n, k, c, oy, ox, iy, ix, i, j) ->
                dx[dxOff + s.inputIndex(n, c, iy, ix)] +=
                        w[wOff + s.weightIndex(k, c, i, j)] * dy[dyOff + s.outputIndex(n, k, oy, ox)]);
    }

    @Override
    public void backwardWeights(ConvShape s, float[] x, int xOff, float[] dy, int dyOff,
                                float[] dw, int dwOff, float[] db, int dbOff, Workspace ws) {
        forEachTap(s, (n, k, c, oy, ox, iy, ix, i, j) ->
                dw[dwOff + s.weightIndex(k, c, i, j)] +=
                        x[xOff + s.inputIndex(n, c, iy, ix)] * dy[dyOff + s.outputIndex(n, k, oy, ox)]);
        if (db == null) return;
        int outH = s.outH(), outW = s.outW();
        for (int n = 0; n < s.batch(); n++)
            for (int k = 0; k < s.outC(); k++)
                for (int oy = 0; oy < outH; oy++)
                    for (int ox = 0; ox < outW; ox++)
                        db[dbOff + k] += dy[dyOff + s.outputIndex(n, k, oy, ox)];
    }

    /** One term w[k,c,i,j] * x[n,c,iy,ix] of output y[n,k,oy,ox], with (iy, ix) inside the input. */
    private interface Tap {
        void accept(int n, int k, int c, int oy, int ox, int iy, int ix, int i, int j);
    }

    private static void forEachTap(ConvShape s, Tap tap) {
        int outH = s.outH(), outW = s.outW();
        for (int n = 0; n < s.batch(); n++)
            for (int k = 0; k < s.outC(); k++)
                for (int oy = 0; oy < outH; oy++)
                    for (int ox = 0; ox < outW; ox++)
                        for (int c = 0; c < s.inC(); c++)
                            for (int i = 0; i < s.kH(); i++)
                                for (int j = 0; j < s.kW(); j++) {
                                    int iy = oy * s.strideH() - s.padH() + i;
                                    int ix = ox * s.strideW() - s.padW() + j;
                                    if (iy >= 0 && iy < s.inH() && ix >= 0 && ix < s.inW())
                                        tap.accept(n, k, c, oy, ox, iy, ix, i, j);
                                }
    }
}
