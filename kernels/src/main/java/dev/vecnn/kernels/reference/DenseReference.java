package dev.vecnn.kernels.reference;

import dev.vecnn.kernels.Dense;
import dev.vecnn.kernels.DenseShape;
import dev.vecnn.kernels.Workspace;

/** Fully connected layer as explicit dot products over x (batch, in) and w (out, in). */
public final class DenseReference implements Dense {
    @Override
    public String name() { return "DenseReference"; }

    @Override
    public void forward(DenseShape s, float[] x, int xOff, float[] w, int wOff, float[] b, int bOff,
                        float[] y, int yOff, Workspace ws) {
        for (int n = 0; n < s.batch(); n++)
            for (int o = 0; o < s.out(); o++) {
                float sum = b == null ? 0f : b[bOff + o];
                for (int i = 0; i < s.in(); i++) sum += x[xOff + n * s.in() + i] * w[wOff + o * s.in() + i];
                y[yOff + n * s.out() + o] = sum;
            }
    }

    @Override
    public void backwardData(DenseShape s, float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff,
                             Workspace ws) {
        for (int n = 0; n < s.batch(); n++)
            for (int i = 0; i < s.in(); i++) {
                float sum = 0f;
                for (int o = 0; o < s.out(); o++) sum += dy[dyOff + n * s.out() + o] * w[wOff + o * s.in() + i];
                dx[dxOff + n * s.in() + i] = sum;
            }
    }

    @Override
    public void backwardWeights(DenseShape s, float[] x, int xOff, float[] dy, int dyOff,
                                float[] dw, int dwOff, float[] db, int dbOff, Workspace ws) {
        for (int o = 0; o < s.out(); o++)
            for (int i = 0; i < s.in(); i++) {
                float sum = 0f;
                for (int n = 0; n < s.batch(); n++) sum += dy[dyOff + n * s.out() + o] * x[xOff + n * s.in() + i];
                dw[dwOff + o * s.in() + i] += sum;
            }
        if (db == null) return;
        for (int o = 0; o < s.out(); o++) {
            float sum = 0f;
            for (int n = 0; n < s.batch(); n++) sum += dy[dyOff + n * s.out() + o];
            db[dbOff + o] += sum;
        }
    }
}
