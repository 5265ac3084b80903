package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Dense;
import dev.vecnn.kernels.DenseShape;
import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Workspace;

/**
 * A fully connected layer as three GEMMs with transposes (no copies of x, w or dy) and vector sums
 * for the bias gradient. Wins at every shape: the work is the GEMM's.
 */
public final class DenseGemm implements Dense {
    /** The width of the GEMM's packed B panels. */
    private static final int PANEL = Sgemm8x2vKernel.NR;

    private final Gemm gemm;

    public DenseGemm(Gemm gemm) {
        this.gemm = gemm;
    }

    @Override
    public String name() { return "DenseGemm"; }

    /**
     * y = x W^T + b. The GEMM packs its B operand, transposing it here: W^T is in x out floats, x^T
     * only in x batch. So when the batch, rounded up to a panel, is narrower than the layer, the
     * product is computed the other way round, y^T = W x^T into the workspace, and transposed into
     * y with the bias (dense(1600 -> 128) on a chunk of 32: a quarter of the packing).
     */
    @Override
    public void forward(DenseShape s, float[] x, int xOff, float[] w, int wOff, float[] b, int bOff,
                        float[] y, int yOff, Workspace ws) {
        int in = s.in(), out = s.out(), batch = s.batch();
        if ((batch + PANEL - 1) / PANEL * PANEL < out) {
            float[] yt = ws.floats(Workspace.Slot.TEMP, out * batch);
            gemm.sgemm(false, true, out, batch, in, 1f, w, wOff, in, x, xOff, in, 0f, yt, 0, batch, ws);
            for (int n = 0; n < batch; n++)
                for (int o = 0; o < out; o++) y[yOff + n * out + o] = yt[o * batch + n] + (b == null ? 0f : b[bOff + o]);
            return;
        }
        gemm.sgemm(false, true, batch, out, in, 1f, x, xOff, in, w, wOff, in, 0f, y, yOff, out, ws);
        if (b != null) for (int n = 0; n < batch; n++) VectorSums.addTo(y, yOff + n * out, b, bOff, out);
    }

    @Override
    public void backwardData(DenseShape s, float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff,
                             Workspace ws) {
        int in = s.in(), out = s.out();
        gemm.sgemm(false, false, s.batch(), in, out, 1f, dy, dyOff, out, w, wOff, in, 0f, dx, dxOff, in, ws);
    }

    @Override
    public void backwardWeights(DenseShape s, float[] x, int xOff, float[] dy, int dyOff,
                                float[] dw, int dwOff, float[] db, int dbOff, Workspace ws) {
        int in = s.in(), out = s.out();
        gemm.sgemm(true, false, out, in, s.batch(), 1f, dy, dyOff, out, x, xOff, in, 1f, dw, dwOff, in, ws);
        if (db != null) VectorSums.addColumnSums(dy, dyOff, s.batch(), out, db, dbOff);
    }
}
