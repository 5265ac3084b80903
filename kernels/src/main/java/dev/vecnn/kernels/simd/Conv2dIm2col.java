package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Conv2d;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Layout;
import dev.vecnn.kernels.Workspace;
import dev.vecnn.kernels.reference.Conv2dReference;

/**
 * Convolution lowered to GEMM: im2col (for backwardWeights its transpose, {@link Im2row}) into the
 * workspace's COLUMNS slot, then matrix products. Forward: y_n = W * col_n + bias; backwardData:
 * dx_n = col2im(W^T * dy_n); backwardWeights: dW += dy_n * rows_n, db += row sums of dy_n.
 * Two strategies, both registered: {@link #perImage} runs one GEMM per image; {@link #batched}
 * sets the column matrices of a group of images side by side so that one forward or backwardData
 * GEMM covers about {@value #BATCHED_COLUMNS} output pixels, at the price of copying each group's
 * output out of (forward) or its dy into (backwardData) the TEMP slot. Small images gain from the
 * wider product (conv2 of the reference network, 11 x 11 outputs: forward GEMM n 121 -> 968 runs
 * 112 -> 150 GFLOP/s); images with that many pixels form groups of one and skip the copies. A 1x1
 * kernel with stride 1 and no padding, whose image already is its column matrix, skips the
 * lowering per image. Covers every NCHW shape; NHWC shapes go to {@link Conv2dReference}.
 */
public final class Conv2dIm2col implements Conv2d {
    /** Output pixels per GEMM that the batched strategy aims at (its groups stay at or under it). */
    static final int BATCHED_COLUMNS = 1024;

    private final Gemm gemm;
    private final int targetColumns;
    private final String name;
    private final Im2colRowCopy lowering = new Im2colRowCopy();
    private final Conv2d reference = ReferenceHandOffs.conv2d();

    private Conv2dIm2col(Gemm gemm, int targetColumns, String name) {
        this.gemm = gemm;
        this.targetColumns = targetColumns;
        this.name = name;
    }

    /** One GEMM per image. */
    public static Conv2dIm2col perImage(Gemm gemm) {
        return new Conv2dIm2col(gemm, 1, "Conv2dIm2col");
    }

    /** One GEMM per group of images with about {@value #BATCHED_COLUMNS} output pixels in all. */
    public static Conv2dIm2col batched(Gemm gemm) {
        return new Conv2dIm2col(gemm, BATCHED_COLUMNS, "Conv2dIm2colBatched");
    }

    @Override
    public String name() { return name; }

    /** Images per GEMM for shape s. */
    private int group(ConvShape s) {
        return Math.max(1, Math.min(s.batch(), targetColumns / s.colCols()));
    }

    @Override
    public void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                        float[] y, int yOff, Workspace ws) {
        if (s.layout() != Layout.NCHW) {
            reference.forward(s, x, xOff, w, wOff, bias, biasOff, y, yOff, ws);
            return;
        }
        int rows = s.colRows(), pixels = s.colCols(), outC = s.outC(), group = group(s);
        int inSize = s.inC() * s.inH() * s.inW(), outSize = outC * pixels;
        if (group == 1 && !needsLowering(s)) {
            for (int n = 0; n < s.batch(); n++) {
                int yn = yOff + n * outSize;
                gemm.sgemm(false, false, outC, pixels, rows, 1f, w, wOff, rows, x, xOff + n * inSize, pixels,
                        0f, y, yn, pixels, ws);
                addBias(outC, pixels, bias, biasOff, y, yn);
            }
            return;
        }
        float[] col = ws.floats(Workspace.Slot.COLUMNS, rows * pixels * group);
        float[] out = group > 1 ? ws.floats(Workspace.Slot.TEMP, outC * pixels * group) : null;
        for (int n0 = 0; n0 < s.batch(); n0 += group) {
            int images = Math.min(group, s.batch() - n0), cols = images * pixels;
            for (int g = 0; g < images; g++) lowering.im2col(s, x, xOff + (n0 + g) * inSize, col, g * pixels, cols);
            if (images == 1) {
                int yn = yOff + n0 * outSize;
                gemm.sgemm(false, false, outC, pixels, rows, 1f, w, wOff, rows, col, 0, pixels, 0f, y, yn, pixels, ws);
                addBias(outC, pixels, bias, biasOff, y, yn);
                continue;
            }
            gemm.sgemm(false, false, outC, cols, rows, 1f, w, wOff, rows, col, 0, cols, 0f, out, 0, cols, ws);
            for (int g = 0; g < images; g++)
                for (int k = 0; k < outC; k++)
                    VectorSums.copyAdding(out, k * cols + g * pixels, y, yOff + (n0 + g) * outSize + k * pixels, pixels,
                            bias == null ? 0f : bias[biasOff + k]);
        }
    }

    @Override
    public void backwardData(ConvShape s, float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff,
                             Workspace ws) {
        if (s.layout() != Layout.NCHW) {
            reference.backwardData(s, dy, dyOff, w, wOff, dx, dxOff, ws);
            return;
        }
        int rows = s.colRows(), pixels = s.colCols(), outC = s.outC(), group = group(s);
        int inSize = s.inC() * s.inH() * s.inW(), outSize = outC * pixels;
        if (group == 1 && !needsLowering(s)) {
            for (int n = 0; n < s.batch(); n++)
                gemm.sgemm(true, false, rows, pixels, outC, 1f, w, wOff, rows, dy, dyOff + n * outSize, pixels,
                        0f, dx, dxOff + n * inSize, pixels, ws);
            return;
        }
        // A vector of slack: col2im's masked loads of the last rows stay inside the array (the intrinsic).
        float[] col = ws.floats(Workspace.Slot.COLUMNS, rows * pixels * group + Simd.LANES);
        float[] grads = group > 1 ? ws.floats(Workspace.Slot.TEMP, outC * pixels * group) : null;
        for (int n0 = 0; n0 < s.batch(); n0 += group) {
            int images = Math.min(group, s.batch() - n0), cols = images * pixels;
            if (images == 1) {
                gemm.sgemm(true, false, rows, pixels, outC, 1f, w, wOff, rows, dy, dyOff + n0 * outSize, pixels,
                        0f, col, 0, pixels, ws);
            } else {
                gatherOutputs(s, dy, dyOff + n0 * outSize, images, grads);
                gemm.sgemm(true, false, rows, cols, outC, 1f, w, wOff, rows, grads, 0, cols, 0f, col, 0, cols, ws);
            }
            for (int g = 0; g < images; g++) lowering.col2im(s, col, g * pixels, cols, dx, dxOff + (n0 + g) * inSize);
        }
    }

    /**
     * Image by image in both strategies: here the pixels are the GEMM's k, and a longer k gains
     * nothing (m64 n288: 153 GFLOP/s at k 121, 149 at k 968) while side-by-side dy would cost a copy.
     */
    @Override
    public void backwardWeights(ConvShape s, float[] x, int xOff, float[] dy, int dyOff,
                                float[] dw, int dwOff, float[] db, int dbOff, Workspace ws) {
        if (s.layout() != Layout.NCHW) {
            reference.backwardWeights(s, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, ws);
            return;
        }
        int rows = s.colRows(), pixels = s.colCols(), outC = s.outC();
        int inSize = s.inC() * s.inH() * s.inW(), outSize = outC * pixels;
        boolean lower = needsLowering(s);
        float[] lowered = lower ? ws.floats(Workspace.Slot.COLUMNS, rows * pixels + Im2row.SLACK) : null;
        for (int n = 0; n < s.batch(); n++) {
            int xn = xOff + n * inSize, dyn = dyOff + n * outSize;
            if (db != null) for (int k = 0; k < outC; k++) db[dbOff + k] += VectorSums.sum(dy, dyn + k * pixels, pixels);
            if (lower) {
                Im2row.lower(s, x, xn, lowered, 0);
                gemm.sgemm(false, false, outC, rows, pixels, 1f, dy, dyn, pixels, lowered, 0, rows, 1f, dw, dwOff, rows, ws);
            } else {
                gemm.sgemm(false, true, outC, rows, pixels, 1f, dy, dyn, pixels, x, xn, pixels, 1f, dw, dwOff, rows, ws);
            }
        }
    }

    /** The dy planes of `images` images from a[aOff ..] side by side: out (outC, images * pixels). */
    private static void gatherOutputs(ConvShape s, float[] a, int aOff, int images, float[] out) {
        int pixels = s.colCols(), outC = s.outC(), cols = images * pixels;
        for (int g = 0; g < images; g++)
            for (int k = 0; k < outC; k++)
                System.arraycopy(a, aOff + (g * outC + k) * pixels, out, k * cols + g * pixels, pixels);
    }

    private static void addBias(int outC, int pixels, float[] bias, int biasOff, float[] y, int yn) {
        if (bias == null) return;
        for (int k = 0; k < outC; k++) VectorSums.addTo(y, yn + k * pixels, pixels, bias[biasOff + k]);
    }

    /** False when the column matrix of an image is the image itself. */
    private static boolean needsLowering(ConvShape s) {
        return s.kH() != 1 || s.kW() != 1 || s.strideH() != 1 || s.strideW() != 1 || s.padH() != 0 || s.padW() != 0;
    }
}
