package dev.vecnn.kernels;

/** Lowering of one image to the matrix that turns a convolution into a GEMM, and back. */
public interface Im2col extends Kernel {
    /**
     * One image x (inC, inH, inW) to col (inC * kH * kW, outH * outW): row (c, i, j), column
     * (oy, ox) holds x[c, oy * strideH - padH + i, ox * strideW - padW + j], or 0 where that falls
     * in the padding. The batch of {@code s} is ignored.
     */
    void im2col(ConvShape s, float[] x, int xOff, float[] col, int colOff);

    /** The adjoint of im2col: dx (inC, inH, inW) = the sum of every col entry that reads that pixel. Overwrites dx. */
    void col2im(ConvShape s, float[] col, int colOff, float[] dx, int dxOff);
}
