package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Conv2d;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Layout;
import dev.vecnn.kernels.Workspace;
import dev.vecnn.kernels.reference.Conv2dReference;
import jdk.incubator.vector.FloatVector;

import java.util.Arrays;

/**
 * Convolution over channels-last (NHWC) activations as an implicit GEMM: the output channels are
 * the vector dimension, and x is read in place through offset tables ({@link ImplicitGemmTiles}),
 * so no im2col matrix is built and no panel of it packed. Forward: rows are output pixels, steps
 * the (tap, input channel) pairs, b the weights packed once per call as [tap][ic][oc]. Data
 * gradient, tap by tap: the pixels of an output row times the tap's transposed weights
 * ([tap][oc][ic], steps the output channels) added into the rows of a padded dx they reach, so
 * only real products are computed (a correlation over a zero-bordered dy computed 169 rows per
 * 121 outputs on conv2, measured at 122-140 GFLOP/s). Weight gradient: rows are (tap, input channel) pairs, steps output pixels, b the output
 * gradients; the accumulators of a tile cover the pixels of several images (a group that keeps
 * their gradients in L2) before they are added to a [tap][ic][oc] sum, which goes into dw once per
 * call. One input channel needs no special path: the first layer's 9 steps per pixel feed 12-row
 * tiles of output channels like any other. Padding copies a group of images into a zero-bordered
 * buffer; channel counts that are not a multiple of the vector length go through padded copies,
 * so every tail stays in vectors. NCHW shapes go to {@link Conv2dReference}.
 */
public final class Conv2dImplicitGemmNhwc implements Conv2d {
    private static final int L = Simd.LANES;
    /**
     * Floats of a zero-bordered copy of the input, or of the padded data-gradient sums, per group of
     * images: about 256 KB, so it stays in L2.
     */
    private static final int GROUP_FLOATS = 64 * 1024;
    /** Output pixels whose gradients one pass of the weight-gradient tiles reads (128 KB at 64 channels). */
    private static final int GRADIENT_PIXELS = 512;

    private final Conv2d reference = ReferenceHandOffs.conv2d();

    @Override
    public String name() { return "Conv2dImplicitGemmNhwc"; }

    /** True for the shapes this kernel computes itself rather than handing to its reference twin. */
    public static boolean covers(ConvShape s) {
        return s.layout() == Layout.NHWC;
    }

    @Override
    public void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                        float[] y, int yOff, Workspace ws) {
        if (!covers(s)) {
            reference.forward(s, x, xOff, w, wOff, bias, biasOff, y, yOff, ws);
            return;
        }
        int c = s.inC(), k = s.outC(), kp = roundUp(k, L), steps = s.kH() * s.kW() * c;
        float[] packed = ws.floats(Workspace.Slot.PACKED_B, steps * kp);
        scatterWeights(s, w, wOff, packed, c * kp, kp, 1);
        zeroColumns(packed, steps, k, kp);
        float[] start = bias != null && k == kp ? bias : ws.floats(Workspace.Slot.PACKED_A, kp);
        int startOff = start == bias ? biasOff : 0;
        if (start != bias) {
            Arrays.fill(start, 0, kp, 0f);
            if (bias != null) System.arraycopy(bias, biasOff, start, 0, k);
        }
        int width = sourceWidth(s);
        int[] cols = ws.ints(Workspace.Slot.COLUMN_OFFSETS, steps);
        for (int i = 0, t = 0; i < s.kH(); i++)
            for (int j = 0; j < s.kW(); j++)
                for (int ch = 0; ch < c; ch++) cols[t++] = (i * width + j) * c + ch;
        int pixels = s.outH() * s.outW(), group = padded(s) ? imagesPerCopy(s) : s.batch();
        int[] rows = ws.ints(Workspace.Slot.ROW_OFFSETS, ImplicitGemmTiles.paddedRows(group * pixels));
        boolean direct = k == kp;
        float[] out = direct ? y : ws.floats(Workspace.Slot.TEMP, group * pixels * kp);
        for (int n0 = 0; n0 < s.batch(); n0 += group) {
            int images = Math.min(group, s.batch() - n0);
            float[] src = source(s, x, xOff, n0, images, ws);
            pixelCorners(s, sourceOffset(s, xOff, n0), images, rows);
            ImplicitGemmTiles.padRows(rows, images * pixels);
            int outOff = direct ? yOff + n0 * pixels * k : 0;
            ImplicitGemmTiles.product(src, 0, rows, images * pixels, cols, steps, packed, 0, kp, kp / L,
                    start, startOff, 0, out, outOff, direct ? k : kp);
            if (!direct) compact(out, kp, y, yOff + n0 * pixels * k, k, images * pixels);
        }
    }

    @Override
    public void backwardData(ConvShape s, float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff,
                             Workspace ws) {
        if (!covers(s)) {
            reference.backwardData(s, dy, dyOff, w, wOff, dx, dxOff, ws);
            return;
        }
        int c = s.inC(), k = s.outC(), cp = roundUp(c, L), kh = s.kH(), kw = s.kW(), outW = s.outW();
        float[] transposed = ws.floats(Workspace.Slot.PACKED_B, kh * kw * k * cp);
        scatterWeights(s, w, wOff, transposed, k * cp, 1, cp);
        zeroColumns(transposed, kh * kw * k, c, cp);
        int[] channels = ws.ints(Workspace.Slot.COLUMN_OFFSETS, k);
        for (int o = 0; o < k; o++) channels[o] = o;
        int[] pixels = ws.ints(Workspace.Slot.ROW_OFFSETS, ImplicitGemmTiles.paddedRows(outW));
        for (int ox = 0; ox < outW; ox++) pixels[ox] = ox * k;
        ImplicitGemmTiles.padRows(pixels, outW);
        int height = sourceHeight(s), width = sourceWidth(s), perImage = height * width * cp;
        int rowStep = s.strideW() * cp, group = Math.max(1, Math.min(s.batch(), GROUP_FLOATS / perImage));
        // A tile reads (and drops) up to ROW_MULTIPLE rows past an output row's last pixel: slack after the sums.
        int slack = ImplicitGemmTiles.ROW_MULTIPLE * rowStep;
        for (int n0 = 0; n0 < s.batch(); n0 += group) {
            int images = Math.min(group, s.batch() - n0);
            float[] sums = ws.floats(Workspace.Slot.TEMP, images * perImage + slack);
            Arrays.fill(sums, 0, images * perImage, 0f);
            for (int n = 0; n < images; n++)
                for (int oy = 0; oy < s.outH(); oy++) {
                    int dyRow = dyOff + ((n0 + n) * s.outH() + oy) * outW * k;
                    for (int i = 0; i < kh; i++)
                        for (int j = 0; j < kw; j++) {
                            int at = ((n * height + oy * s.strideH() + i) * width + j) * cp;
                            ImplicitGemmTiles.product(dy, dyRow, pixels, outW, channels, k, transposed,
                                    (i * kw + j) * k * cp, cp, cp / L, sums, at, rowStep, sums, at, rowStep);
                        }
                }
            for (int n = 0; n < images; n++)
                for (int h = 0; h < s.inH(); h++)
                    for (int x = 0; x < s.inW(); x++)
                        System.arraycopy(sums, ((n * height + h + s.padH()) * width + x + s.padW()) * cp,
                                dx, dxOff + (((n0 + n) * s.inH() + h) * s.inW() + x) * c, c);
        }
    }

    @Override
    public void backwardWeights(ConvShape s, float[] x, int xOff, float[] dy, int dyOff,
                                float[] dw, int dwOff, float[] db, int dbOff, Workspace ws) {
        if (!covers(s)) {
            reference.backwardWeights(s, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, ws);
            return;
        }
        int c = s.inC(), k = s.outC(), kp = roundUp(k, L), kh = s.kH(), kw = s.kW(), m = kh * kw * c;
        int width = sourceWidth(s);
        int[] rows = ws.ints(Workspace.Slot.ROW_OFFSETS, ImplicitGemmTiles.paddedRows(m));
        for (int i = 0, r = 0; i < kh; i++)
            for (int j = 0; j < kw; j++)
                for (int ch = 0; ch < c; ch++) rows[r++] = (i * width + j) * c + ch;
        ImplicitGemmTiles.padRows(rows, m);
        int mp = ImplicitGemmTiles.paddedRows(m);
        float[] sums = ws.floats(Workspace.Slot.TEMP, mp * kp);
        float[] zeros = ws.floats(Workspace.Slot.PACKED_A, kp);
        Arrays.fill(zeros, 0, kp, 0f);
        int pixels = s.outH() * s.outW();
        int group = Math.max(1, Math.min(s.batch(), GRADIENT_PIXELS / pixels));
        if (padded(s)) group = Math.min(group, imagesPerCopy(s));
        int[] cols = ws.ints(Workspace.Slot.COLUMN_OFFSETS, group * pixels);
        boolean direct = k == kp;
        for (int n0 = 0; n0 < s.batch(); n0 += group) {
            int images = Math.min(group, s.batch() - n0);
            float[] src = source(s, x, xOff, n0, images, ws);
            pixelCorners(s, sourceOffset(s, xOff, n0), images, cols);
            int gradOff = dyOff + n0 * pixels * k;
            float[] grad = dy;
            if (!direct) {
                grad = ws.floats(Workspace.Slot.PACKED_B, images * pixels * kp);
                spread(dy, gradOff, k, grad, kp, images * pixels);
                gradOff = 0;
            }
            boolean first = n0 == 0;
            ImplicitGemmTiles.product(src, 0, rows, m, cols, images * pixels, grad, gradOff, direct ? k : kp, kp / L,
                    first ? zeros : sums, 0, first ? 0 : kp, sums, 0, kp);
        }
        for (int o = 0; o < k; o++)
            for (int ch = 0; ch < c; ch++)
                for (int i = 0; i < kh; i++)
                    for (int j = 0; j < kw; j++)
                        dw[dwOff + s.weightIndex(o, ch, i, j)] += sums[((i * kw + j) * c + ch) * kp + o];
        if (db != null) biasGradient(dy, dyOff, s.batch() * pixels, k, db, dbOff);
    }

    /**
     * dst[t * tapStride + ch * channelStride + o * outputStride] = w[o, ch, t] (t = i * kW + j) for
     * every weight, reading w in order: [tap][ic][oc] for the forward pass, [tap][oc][ic] for the
     * data gradient. The destination is written with strides instead: it is the smaller cost, with
     * no index arithmetic per element (conv2's 18,432 weights are packed once per call, per chunk).
     */
    private static void scatterWeights(ConvShape s, float[] w, int wOff, float[] dst, int tapStride, int channelStride,
                                       int outputStride) {
        int taps = s.kH() * s.kW(), src = wOff;
        for (int o = 0; o < s.outC(); o++)
            for (int ch = 0; ch < s.inC(); ch++) {
                int base = ch * channelStride + o * outputStride;
                for (int t = 0; t < taps; t++) dst[base + t * tapStride] = w[src++];
            }
    }

    /** Zeroes columns [width, stride) of each of {@code rows} rows of {@code stride} floats: the vector padding. */
    private static void zeroColumns(float[] dst, int rows, int width, int stride) {
        if (width == stride) return;
        for (int r = 0; r < rows; r++) Arrays.fill(dst, r * stride + width, (r + 1) * stride, 0f);
    }

    /** table[p] = the offset in the source of the window corner of output pixel p of {@code images} images. */
    private static void pixelCorners(ConvShape s, int srcOff, int images, int[] table) {
        int c = s.inC(), height = sourceHeight(s), width = sourceWidth(s), p = 0;
        for (int n = 0; n < images; n++)
            for (int oy = 0; oy < s.outH(); oy++)
                for (int ox = 0; ox < s.outW(); ox++)
                    table[p++] = srcOff + ((n * height + oy * s.strideH()) * width + ox * s.strideW()) * c;
    }

    /**
     * db[k] += dy[p][k] for every pixel p, in plain loops that C2 vectorises by itself. Not with the
     * Vector API: this runs once per chunk, so it is often still interpreted, without a profile, when
     * C2 compiles backwardWeights around it, and in about one JVM in 30 that compilation left its
     * vector operations as calls that box every vector (1.2 MB per training step in CI, and for as
     * long as the JVM ran; PrintCompilation shows no recompilation). Plain loops cannot allocate, and
     * this is 0.25 M adds per chunk of conv2, against its 71 M multiply-adds.
     */
    private static void biasGradient(float[] dy, int dyOff, int pixels, int k, float[] db, int dbOff) {
        for (int p = 0; p < pixels; p++) {
            int row = dyOff + p * k;
            for (int o = 0; o < k; o++) db[dbOff + o] += dy[row + o];
        }
    }

    /** dst rows of width (row stride) from src rows of {@code width} floats, the padding zeroed. */
    private static void spread(float[] src, int srcOff, int width, float[] dst, int stride, int rows) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, srcOff + r * width, dst, r * stride, width);
            Arrays.fill(dst, r * stride + width, (r + 1) * stride, 0f);
        }
    }

    /** The first {@code width} floats of each padded row of src, packed into dst. */
    private static void compact(float[] src, int stride, float[] dst, int dstOff, int width, int rows) {
        for (int r = 0; r < rows; r++) System.arraycopy(src, r * stride, dst, dstOff + r * width, width);
    }

    static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    static boolean padded(ConvShape s) {
        return s.padH() > 0 || s.padW() > 0;
    }

    /** Rows of the source: the input's, plus the padding. */
    static int sourceHeight(ConvShape s) {
        return s.inH() + 2 * s.padH();
    }

    /** Columns of the source. */
    static int sourceWidth(ConvShape s) {
        return s.inW() + 2 * s.padW();
    }

    /** Images per zero-bordered copy. */
    static int imagesPerCopy(ConvShape s) {
        return Math.max(1, Math.min(s.batch(), GROUP_FLOATS / (sourceHeight(s) * sourceWidth(s) * s.inC())));
    }

    /** x, or with padding images n0 .. n0 + images - 1 of x copied into the workspace's COLUMNS slot inside a zero border. */
    static float[] source(ConvShape s, float[] x, int xOff, int n0, int images, Workspace ws) {
        if (!padded(s)) return x;
        int c = s.inC(), height = sourceHeight(s), width = sourceWidth(s), rowLength = s.inW() * c;
        float[] copy = ws.floats(Workspace.Slot.COLUMNS, images * height * width * c);
        Arrays.fill(copy, 0, images * height * width * c, 0f);
        for (int n = 0; n < images; n++)
            for (int h = 0; h < s.inH(); h++)
                System.arraycopy(x, xOff + (((n0 + n) * s.inH() + h) * s.inW()) * c, copy,
                        ((n * height + h + s.padH()) * width + s.padW()) * c, rowLength);
        return copy;
    }

    /** The offset of the source's first float for images from n0. */
    static int sourceOffset(ConvShape s, int xOff, int n0) {
        return padded(s) ? 0 : xOff + n0 * s.inH() * s.inW() * s.inC();
    }
}
