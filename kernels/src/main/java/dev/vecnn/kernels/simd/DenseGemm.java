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
    private final Gemm gemm;

    public DenseGemm(Gemm gemm) {
        this.gemm = gemm;
    }

    @Override
    public String name() { return "DenseGemm"; }

    @Override
    public void forward(DenseShape s, float[] x, int xOff, float[] w, int wOff, float[] b, int bOff,
                        float[] y, int yOff, Workspace ws) {
        int in = s.in(), out = s.out();
        gemm.sgemm(false, true, s.batch(), out, in, 1f, x, xOff, in, w, wOff, in, 0f, y, yOff, out, ws);
        if (b != null) for (int n = 0; n < s.batch(); n++) VectorSums.addTo(y, yOff + n * out, b, bOff, out);
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
