package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Conv2d;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Layout;
import dev.vecnn.kernels.Workspace;
import dev.vecnn.kernels.reference.Conv2dReference;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * A single input channel computed directly. Forward: vectorised along each output row, 3x3 kernels
 * by {@link Direct3x3} (two channels' weights in registers), others blocked over four output
 * channels so that every input vector feeds four fmas. With one channel the im2col matrix has only
 * kH * kW rows, too few for a GEMM to amortise its packing: on conv1 of the reference network
 * (batch 64) 0.28 ms against 0.50 for im2col + GEMM. Weight gradient: dot products of the dy planes
 * with shifted copies of the image ({@link TapDotWeights}); the GEMM of the im2col path has only
 * kH * kW columns there (m32 n9 k676 per image on conv1, far below its 32-wide panel): on conv1
 * at batch 16, as the trainer calls it, about 4x faster. Covers NCHW, inC == 1, strideW == 1 (any
 * kernel, strideH and padding: the forward pass builds a padded image in the workspace's TEMP
 * slot); other shapes go to {@link Conv2dReference} (forward) or {@link Conv2dIm2col} (weight
 * gradient). The data gradient always goes to {@link Conv2dIm2col}: a GEMM at heart.
 */
public final class Conv2dDirect1Channel implements Conv2d {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final int LANES = Simd.LANES;
    private static final int CHANNEL_BLOCK = 4;

    private final Conv2d reference = ReferenceHandOffs.conv2d();
    private final Conv2d lowered;

    /** @param gemm the matrix product of the im2col path: the data gradient, uncovered weight gradients */
    public Conv2dDirect1Channel(Gemm gemm) {
        this.lowered = Conv2dIm2col.batched(gemm);
    }

    @Override
    public String name() { return "Conv2dDirect1Channel"; }

    /** True for the shapes this kernel computes itself rather than handing to its reference twin. */
    public static boolean covers(ConvShape s) {
        return s.layout() == Layout.NCHW && s.inC() == 1 && s.strideW() == 1;
    }

    @Override
    public void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                        float[] y, int yOff, Workspace ws) {
        if (!covers(s)) {
            reference.forward(s, x, xOff, w, wOff, bias, biasOff, y, yOff, ws);
            return;
        }
        int outC = s.outC(), pixels = s.colCols(), taps = s.kH() * s.kW();
        float[] padded = padded(s) ? ws.floats(Workspace.Slot.TEMP, paddedSize(s)) : null;
        for (int n = 0; n < s.batch(); n++) {
            int xn = xOff + n * s.inH() * s.inW();
            float[] img = padded != null ? pad(s, x, xn, padded) : x;
            int imgOff = padded != null ? 0 : xn;
            int yn = yOff + n * outC * pixels;
            int k = 0;
            if (Direct3x3.fits(s))
                for (; k + 2 <= outC; k += 2)
                    Direct3x3.forwardTwo(s, img, imgOff, paddedWidth(s), w, wOff + k * taps,
                            bias == null ? 0f : bias[biasOff + k], bias == null ? 0f : bias[biasOff + k + 1],
                            y, yn + k * pixels);
            for (; k + CHANNEL_BLOCK <= outC; k += CHANNEL_BLOCK)
                forwardFour(s, img, imgOff, w, wOff + k * taps, bias, biasOff + k, y, yn + k * pixels);
            for (; k < outC; k++)
                forwardOne(s, img, imgOff, w, wOff + k * taps, bias, biasOff + k, y, yn + k * pixels);
        }
    }

    @Override
    public void backwardData(ConvShape s, float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff,
                             Workspace ws) {
        lowered.backwardData(s, dy, dyOff, w, wOff, dx, dxOff, ws);
    }

    @Override
    public void backwardWeights(ConvShape s, float[] x, int xOff, float[] dy, int dyOff,
                                float[] dw, int dwOff, float[] db, int dbOff, Workspace ws) {
        if (covers(s)) TapDotWeights.accumulate(s, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, ws);
        else lowered.backwardWeights(s, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, ws);
    }

    /** Four output planes y[yk .. yk + 4 * pixels) from one (padded) image. */
    private static void forwardFour(ConvShape s, float[] img, int imgOff, float[] w, int wk, float[] bias, int bk,
                                    float[] y, int yk) {
        int outH = s.outH(), outW = s.outW(), kH = s.kH(), kW = s.kW(), taps = kH * kW, pixels = outH * outW;
        int rowW = paddedWidth(s), rowStep = s.strideH() * rowW;
        float b0 = bias == null ? 0f : bias[bk], b1 = bias == null ? 0f : bias[bk + 1];
        float b2 = bias == null ? 0f : bias[bk + 2], b3 = bias == null ? 0f : bias[bk + 3];
        for (int oy = 0; oy < outH; oy++) {
            int rowIn = imgOff + oy * rowStep, out = yk + oy * outW;
            for (int ox = 0; ox < outW; ox += LANES) {
                VectorMask<Float> m = SPECIES.indexInRange(ox, outW);
                FloatVector acc0 = FloatVector.broadcast(SPECIES, b0), acc1 = FloatVector.broadcast(SPECIES, b1);
                FloatVector acc2 = FloatVector.broadcast(SPECIES, b2), acc3 = FloatVector.broadcast(SPECIES, b3);
                for (int i = 0; i < kH; i++) {
                    int r = rowIn + i * rowW + ox, wi = wk + i * kW;
                    for (int j = 0; j < kW; j++) {
                        FloatVector xv = FloatVector.fromArray(SPECIES, img, r + j, m);
                        acc0 = xv.fma(FloatVector.broadcast(SPECIES, w[wi + j]), acc0);
                        acc1 = xv.fma(FloatVector.broadcast(SPECIES, w[wi + j + taps]), acc1);
                        acc2 = xv.fma(FloatVector.broadcast(SPECIES, w[wi + j + 2 * taps]), acc2);
                        acc3 = xv.fma(FloatVector.broadcast(SPECIES, w[wi + j + 3 * taps]), acc3);
                    }
                }
                acc0.intoArray(y, out + ox, m);
                acc1.intoArray(y, out + pixels + ox, m);
                acc2.intoArray(y, out + 2 * pixels + ox, m);
                acc3.intoArray(y, out + 3 * pixels + ox, m);
            }
        }
    }

    /** One output plane y[yk .. yk + pixels), for the channels left over by the blocks of four. */
    private static void forwardOne(ConvShape s, float[] img, int imgOff, float[] w, int wk, float[] bias, int bk,
                                   float[] y, int yk) {
        int outH = s.outH(), outW = s.outW(), kH = s.kH(), kW = s.kW();
        int rowW = paddedWidth(s), rowStep = s.strideH() * rowW;
        float b = bias == null ? 0f : bias[bk];
        for (int oy = 0; oy < outH; oy++) {
            int rowIn = imgOff + oy * rowStep, out = yk + oy * outW;
            for (int ox = 0; ox < outW; ox += LANES) {
                VectorMask<Float> m = SPECIES.indexInRange(ox, outW);
                FloatVector acc = FloatVector.broadcast(SPECIES, b);
                for (int i = 0; i < kH; i++) {
                    int r = rowIn + i * rowW + ox, wi = wk + i * kW;
                    for (int j = 0; j < kW; j++)
                        acc = FloatVector.fromArray(SPECIES, img, r + j, m)
                                .fma(FloatVector.broadcast(SPECIES, w[wi + j]), acc);
                }
                acc.intoArray(y, out + ox, m);
            }
        }
    }

    static boolean padded(ConvShape s) {
        return s.padH() != 0 || s.padW() != 0;
    }

    static int paddedWidth(ConvShape s) {
        return s.inW() + 2 * s.padW();
    }

    static int paddedSize(ConvShape s) {
        return (s.inH() + 2 * s.padH()) * paddedWidth(s);
    }

    /** Copies image x[xn ..] into the middle of a zeroed (inH + 2 padH) x (inW + 2 padW) buffer. */
    static float[] pad(ConvShape s, float[] x, int xn, float[] padded) {
        int rowW = paddedWidth(s);
        Arrays.fill(padded, 0, paddedSize(s), 0f);
        for (int iy = 0; iy < s.inH(); iy++)
            System.arraycopy(x, xn + iy * s.inW(), padded, (iy + s.padH()) * rowW + s.padW(), s.inW());
        return padded;
    }
}
