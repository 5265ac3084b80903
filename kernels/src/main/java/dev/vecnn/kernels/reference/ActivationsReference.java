package dev.vecnn.kernels.reference;

import dev.vecnn.kernels.Activations;
import dev.vecnn.kernels.ChannelShape;

/** Element-wise activations; exp and tanh in double precision, rounded once to float. */
public final class ActivationsReference implements Activations {
    @Override
    public String name() { return "ActivationsReference"; }

    @Override
    public void relu(int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) y[yOff + i] = Math.max(x[xOff + i], 0f);
    }

    @Override
    public void reluBackward(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0; i < n; i++) dx[dxOff + i] = x[xOff + i] > 0f ? dy[dyOff + i] : 0f;
    }

    @Override
    public void leakyRelu(int n, float slope, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            y[yOff + i] = v > 0f ? v : slope * v;
        }
    }

    @Override
    public void leakyReluBackward(int n, float slope, float[] x, int xOff, float[] dy, int dyOff,
                                  float[] dx, int dxOff) {
        for (int i = 0; i < n; i++) dx[dxOff + i] = x[xOff + i] > 0f ? dy[dyOff + i] : slope * dy[dyOff + i];
    }

    @Override
    public void prelu(ChannelShape s, float[] x, int xOff, float[] slope, int slopeOff, float[] y, int yOff) {
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < s.channels(); c++)
                for (int p = 0; p < s.spatial(); p++) {
                    int i = (n * s.channels() + c) * s.spatial() + p;
                    float v = x[xOff + i];
                    y[yOff + i] = v > 0f ? v : slope[slopeOff + c] * v;
                }
    }

    @Override
    public void preluBackward(ChannelShape s, float[] x, int xOff, float[] slope, int slopeOff, float[] dy, int dyOff,
                              float[] dx, int dxOff, float[] dSlope, int dSlopeOff) {
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < s.channels(); c++)
                for (int p = 0; p < s.spatial(); p++) {
                    int i = (n * s.channels() + c) * s.spatial() + p;
                    float v = x[xOff + i];
                    float g = dy[dyOff + i];
                    if (v > 0f) {
                        dx[dxOff + i] = g;
                    } else {
                        dx[dxOff + i] = slope[slopeOff + c] * g;
                        dSlope[dSlopeOff + c] += g * v;
                    }
                }
    }

    @Override
    public void sigmoid(int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) y[yOff + i] = (float) (1.0 / (1.0 + Math.exp(-x[xOff + i])));
    }

    @Override
    public void sigmoidBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0; i < n; i++) {
            float v = y[yOff + i];
            dx[dxOff + i] = dy[dyOff + i] * v * (1f - v);
        }
    }

    @Override
    public void tanh(int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) y[yOff + i] = (float) Math.tanh(x[xOff + i]);
    }

    @Override
    public void tanhBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0; i < n; i++) {
            float v = y[yOff + i];
            dx[dxOff + i] = dy[dyOff + i] * (1f - v * v);
        }
    }
}
