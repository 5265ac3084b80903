package dev.vecnn.kernels.reference;

import dev.vecnn.kernels.PoolShape;
import dev.vecnn.kernels.Pooling;

import java.util.Arrays;

/** Pooling window by window, skipping padded positions, in either layout of the shape. */
public final class PoolingReference implements Pooling {
    @Override
    public String name() { return "PoolingReference"; }

    @Override
    public void maxForward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff) {
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < s.channels(); c++)
                for (int oy = 0; oy < s.outH(); oy++)
                    for (int ox = 0; ox < s.outW(); ox++) {
                        float best = Float.NEGATIVE_INFINITY;
                        int bestIndex = -1;
                        for (int i = 0; i < s.kH(); i++)
                            for (int j = 0; j < s.kW(); j++) {
                                int iy = oy * s.strideH() - s.padH() + i;
                                int ix = ox * s.strideW() - s.padW() + j;
                                if (iy < 0 || iy >= s.inH() || ix < 0 || ix >= s.inW()) continue;
                                int index = s.inputIndex(n, c, iy, ix);
                                float v = x[xOff + index];
                                if (bestIndex < 0 || v > best) {
                                    best = v;
                                    bestIndex = index;
                                }
                            }
                        int out = s.outputIndex(n, c, oy, ox);
                        y[yOff + out] = best;
                        argmax[argOff + out] = bestIndex;
                    }
    }

    @Override
    public void maxBackward(PoolShape s, float[] dy, int dyOff, int[] argmax, int argOff, float[] dx, int dxOff) {
        Arrays.fill(dx, dxOff, dxOff + s.inputSize(), 0f);
        for (int out = 0; out < s.outputSize(); out++)
            dx[dxOff + argmax[argOff + out]] += dy[dyOff + out];
    }

    @Override
    public void maxReluForward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff) {
        maxForward(s, x, xOff, y, yOff, argmax, argOff);
        for (int out = 0; out < s.outputSize(); out++) y[yOff + out] = Math.max(y[yOff + out], 0f);
    }

    @Override
    public void maxReluBackward(PoolShape s, float[] dy, int dyOff, float[] y, int yOff, int[] argmax, int argOff,
                                float[] dx, int dxOff) {
        Arrays.fill(dx, dxOff, dxOff + s.inputSize(), 0f);
        for (int out = 0; out < s.outputSize(); out++)
            if (y[yOff + out] > 0f) dx[dxOff + argmax[argOff + out]] += dy[dyOff + out];
    }

    @Override
    public void avgForward(PoolShape s, float[] x, int xOff, float[] y, int yOff) {
        float divisor = s.kH() * s.kW();
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < s.channels(); c++)
                for (int oy = 0; oy < s.outH(); oy++)
                    for (int ox = 0; ox < s.outW(); ox++) {
                        float sum = 0f;
                        for (int i = 0; i < s.kH(); i++)
                            for (int j = 0; j < s.kW(); j++) {
                                int iy = oy * s.strideH() - s.padH() + i;
                                int ix = ox * s.strideW() - s.padW() + j;
                                if (iy < 0 || iy >= s.inH() || ix < 0 || ix >= s.inW()) continue;
                                sum += x[xOff + s.inputIndex(n, c, iy, ix)];
                            }
                        y[yOff + s.outputIndex(n, c, oy, ox)] = sum / divisor;
                    }
    }

    @Override
    public void avgBackward(PoolShape s, float[] dy, int dyOff, float[] dx, int dxOff) {
        Arrays.fill(dx, dxOff, dxOff + s.inputSize(), 0f);
        float divisor = s.kH() * s.kW();
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < s.channels(); c++)
                for (int oy = 0; oy < s.outH(); oy++)
                    for (int ox = 0; ox < s.outW(); ox++) {
                        float share = dy[dyOff + s.outputIndex(n, c, oy, ox)] / divisor;
                        for (int i = 0; i < s.kH(); i++)
                            for (int j = 0; j < s.kW(); j++) {
                                int iy = oy * s.strideH() - s.padH() + i;
                                int ix = ox * s.strideW() - s.padW() + j;
                                if (iy < 0 || iy >= s.inH() || ix < 0 || ix >= s.inW()) continue;
                                dx[dxOff + s.inputIndex(n, c, iy, ix)] += share;
                            }
                    }
    }
}
