package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Conv2d;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Workspace;

import java.util.Arrays;

/**
 * Convolution lowered to GEMM image by image: im2col into the workspace's COLUMNS slot, then one
 * matrix product per image. A 1x1 kernel with stride 1 and no padding skips the lowering, since the
 * image already is its column matrix. Covers every shape; wins wherever inC * kH * kW is large
 * enough for the GEMM to run near peak (conv2 of the reference network and deeper layers).
 */
public final class Conv2dIm2col implements Conv2d {
    private final Gemm gemm;
    private final Im2colRowCopy lowering = new Im2colRowCopy();

    public Conv2dIm2col(Gemm gemm) {
        this.gemm = gemm;
    }

    @Override
    public String name() { return "Conv2dIm2col"; }

    @Override
    public void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                        float[] y, int yOff, Workspace ws) {
        int rows = s.colRows(), pixels = s.colCols(), outC = s.outC();
        int inSize = s.inC() * s.inH() * s.inW(), outSize = outC * pixels;
        boolean lower = needsLowering(s);
        float[] col = lower ? ws.floats(Workspace.Slot.COLUMNS, rows * pixels) : null;
        for (int n = 0; n < s.batch(); n++) {
            int xn = xOff + n * inSize, yn = yOff + n * outSize;
            if (lower) lowering.im2col(s, x, xn, col, 0);
            if (bias != null) for (int k = 0; k < outC; k++)
                    Arrays.fill(y, yn + k * pixels, yn + (k + 1) * pixels, bias[biasOff + k]);
            gemm.sgemm(false, false, outC, pixels, rows, 1f, w, wOff, rows,
                    lower ? col : x, lower ? 0 : xn, pixels, bias != null ? 1f : 0f, y, yn, pixels, ws);
        }
    }

    @Override
    public void backwardData(ConvShape s, float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff,
                             Workspace ws) {
        int rows = s.colRows(), pixels = s.colCols(), outC = s.outC();
        int inSize = s.inC() * s.inH() * s.inW(), outSize = outC * pixels;
        boolean lower = needsLowering(s);
        float[] col = lower ? ws.floats(Workspace.Slot.COLUMNS, rows * pixels) : null;
        for (int n = 0; n < s.batch(); n++) {
            int dxn = dxOff + n * inSize;
            gemm.sgemm(true, false, rows, pixels, outC, 1f, w, wOff, rows, dy, dyOff + n * outSize, pixels,
                    0f, lower ? col : dx, lower ? 0 : dxn, pixels, ws);
            if (lower) lowering.col2im(s, col, 0, dx, dxn);
        }
    }

    @Override
    public void backwardWeights(ConvShape s, float[] x, int xOff, float[] dy, int dyOff,
                                float[] dw, int dwOff, float[] db, int dbOff, Workspace ws) {
        int rows = s.colRows(), pixels = s.colCols(), outC = s.outC();
        int inSize = s.inC() * s.inH() * s.inW(), outSize = outC * pixels;
        boolean lower = needsLowering(s);
        float[] col = lower ? ws.floats(Workspace.Slot.COLUMNS, rows * pixels) : null;
        for (int n = 0; n < s.batch(); n++) {
            int xn = xOff + n * inSize, dyn = dyOff + n * outSize;
            if (lower) lowering.im2col(s, x, xn, col, 0);
            gemm.sgemm(false, true, outC, rows, pixels, 1f, dy, dyn, pixels,
                    lower ? col : x, lower ? 0 : xn, pixels, 1f, dw, dwOff, rows, ws);
            if (db != null) for (int k = 0; k < outC; k++) db[dbOff + k] += VectorSums.sum(dy, dyn + k * pixels, pixels);
        }
    }

    /** False when the column matrix of an image is the image itself. */
    private static boolean needsLowering(ConvShape s) {
        return s.kH() != 1 || s.kW() != 1 || s.strideH() != 1 || s.strideW() != 1 || s.padH() != 0 || s.padW() != 0;
    }
}
