package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Conv2dReluPool;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Layout;
import dev.vecnn.kernels.PoolShape;
import dev.vecnn.kernels.Workspace;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The channels-last fused convolution (inference's, and training's with each window's winner):
 * the implicit GEMM of {@link Conv2dImplicitGemmNhwc} with the weights packed once ([tap][ic][oc], output channels padded to whole vectors, then the bias
 * as the tiles' starting row) and the ReLU and max pooling in the write-out. Its row table lists
 * the output pixels window by window, and only those inside a whole pooling window: conv2 of the
 * reference network computes the 10 x 10 pixels its 2 x 2 pooling reads, not all 11 x 11 (17 % of
 * its work). Blocks of windows go through the tiles into a small scratch that stays in cache and
 * is reduced at once to the pooled output (the maximum of each window and 0), so the full-size
 * convolution output is never written to memory. NCHW shapes go to its reference twin, packing
 * included.
 */
public final class Conv2dReluPoolImplicitGemm implements Conv2dReluPool {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES;
    private static final VectorSpecies<Integer> I = S.withLanes(int.class);
    /** 0, 1, .. L - 1: the channel of each lane, from a vector's first. */
    private static final IntVector CHANNELS = IntVector.zero(I).addIndex(1);
    /** Output pixels per block: a multiple of the tiles' rows, and their sums (60 KB at 64 channels) stay in L2. */
    private static final int BLOCK_ROWS = 240;

    /** The two kernels the weight gradient runs, as the layers apart would. */
    private static final Conv2dImplicitGemmNhwc CONVOLUTION = new Conv2dImplicitGemmNhwc();
    private static final PoolingChannelVector POOLING = new PoolingChannelVector();

    private final Conv2dReluPool reference = ReferenceHandOffs.convReluPool();

    @Override
    public String name() { return "Conv2dReluPoolImplicitGemm"; }

    public static boolean covers(ConvShape s) {
        return s.layout() == Layout.NHWC;
    }

    @Override
    public int packedSize(ConvShape s) {
        if (!covers(s)) return reference.packedSize(s);
        int kp = Conv2dImplicitGemmNhwc.roundUp(s.outC(), L);
        return steps(s) * kp + kp;
    }

    @Override
    public void pack(ConvShape s, float[] w, int wOff, float[] bias, int biasOff, float[] packed) {
        if (!covers(s)) {
            reference.pack(s, w, wOff, bias, biasOff, packed);
            return;
        }
        int c = s.inC(), k = s.outC(), kp = Conv2dImplicitGemmNhwc.roundUp(k, L);
        for (int i = 0; i < s.kH(); i++)
            for (int j = 0; j < s.kW(); j++)
                for (int ch = 0; ch < c; ch++) {
                    int row = ((i * s.kW() + j) * c + ch) * kp;
                    for (int o = 0; o < kp; o++) packed[row + o] = o < k ? w[wOff + s.weightIndex(o, ch, i, j)] : 0f;
                }
        int start = steps(s) * kp;
        for (int o = 0; o < kp; o++) packed[start + o] = o < k && bias != null ? bias[biasOff + o] : 0f;
    }

    @Override
    public void forward(ConvShape s, int pool, float[] x, int xOff, float[] packed, float[] y, int yOff, Workspace ws) {
        if (!covers(s)) reference.forward(s, pool, x, xOff, packed, y, yOff, ws);
        else run(s, pool, x, xOff, packed, y, yOff, null, 0, ws);
    }

    @Override
    public void forward(ConvShape s, int pool, float[] x, int xOff, float[] packed, float[] y, int yOff, int[] argmax,
                        int argOff, Workspace ws) {
        if (!covers(s)) reference.forward(s, pool, x, xOff, packed, y, yOff, argmax, argOff, ws);
        else run(s, pool, x, xOff, packed, y, yOff, argmax, argOff, ws);
    }

    /**
     * z's gradient written to the workspace by the channel-vector pooling's backward pass, then the
     * implicit GEMM's weight gradient: the two kernels the layers apart would run.
     */
    @Override
    public void backwardWeights(ConvShape s, int pool, float[] x, int xOff, float[] dy, int dyOff, float[] y, int yOff,
                                int[] argmax, int argOff, float[] dw, int dwOff, float[] db, int dbOff, Workspace ws) {
        if (!covers(s)) {
            reference.backwardWeights(s, pool, x, xOff, dy, dyOff, y, yOff, argmax, argOff, dw, dwOff, db, dbOff, ws);
            return;
        }
        float[] dz = ws.floats(Workspace.Slot.Z_GRADIENT, s.outputSize());
        zGradient(s, pool, dy, dyOff, y, yOff, argmax, argOff, dz);
        CONVOLUTION.backwardWeights(s, x, xOff, dz, 0, dw, dwOff, db, dbOff, ws);
    }

    /**
     * dz from the pooled gradient, for the channels-last shape {@code s}: what the unfused
     * pooling's backward writes. conv2's 2x2 windows make no PoolShape, which would be allocated
     * every step.
     */
    static void zGradient(ConvShape s, int pool, float[] dy, int dyOff, float[] y, int yOff, int[] argmax, int argOff,
                          float[] dz) {
        if (pool == 2 && s.outC() % L == 0) {
            PoolingChannelVector.maxBackwardTwoByTwo(s.batch(), s.outC(), s.outH(), s.outW(), dy, dyOff, y, yOff, argmax,
                    argOff, dz, 0);
            return;
        }
        PoolShape p = new PoolShape(s.batch(), s.outC(), s.outH(), s.outW(), pool, pool, pool, pool, 0, 0, Layout.NHWC);
        POOLING.maxReluBackward(p, dy, dyOff, y, yOff, argmax, argOff, dz, 0);
    }

    /** The forward pass over blocks of windows, with each window's winner written to argmax unless it is null. */
    private static void run(ConvShape s, int pool, float[] x, int xOff, float[] packed, float[] y, int yOff,
                            int[] argmax, int argOff, Workspace ws) {
        int c = s.inC(), k = s.outC(), kp = Conv2dImplicitGemmNhwc.roundUp(k, L), steps = steps(s);
        int height = Conv2dImplicitGemmNhwc.sourceHeight(s), width = Conv2dImplicitGemmNhwc.sourceWidth(s);
        int[] cols = ws.ints(Workspace.Slot.COLUMN_OFFSETS, steps);
        for (int i = 0, t = 0; i < s.kH(); i++)
            for (int j = 0; j < s.kW(); j++)
                for (int ch = 0; ch < c; ch++) cols[t++] = (i * width + j) * c + ch;
        int outH = Conv2dReluPool.pooled(s.outH(), pool), outW = Conv2dReluPool.pooled(s.outW(), pool);
        int windows = outH * outW, area = pool * pool;
        int perBlock = Math.max(1, BLOCK_ROWS / area);
        int[] rows = ws.ints(Workspace.Slot.ROW_OFFSETS, ImplicitGemmTiles.paddedRows(perBlock * area));
        float[] sums = ws.floats(Workspace.Slot.TEMP, perBlock * area * kp);
        int group = Conv2dImplicitGemmNhwc.padded(s) ? Conv2dImplicitGemmNhwc.imagesPerCopy(s) : s.batch();
        for (int n0 = 0; n0 < s.batch(); n0 += group) {
            int images = Math.min(group, s.batch() - n0);
            float[] src = Conv2dImplicitGemmNhwc.source(s, x, xOff, n0, images, ws);
            int srcOff = Conv2dImplicitGemmNhwc.sourceOffset(s, xOff, n0);
            int rowStep = s.strideH() * width * c, pixelStep = s.strideW() * c;
            // The next window's image and position, advanced window by window (no divisions).
            int n = 0, py = 0, px = 0;
            for (int w0 = 0; w0 < images * windows; w0 += perBlock) {
                int count = Math.min(perBlock, images * windows - w0), r = 0;
                for (int w = 0; w < count; w++) {
                    int corner = srcOff + ((n * height + py * pool * s.strideH()) * width + px * pool * s.strideW()) * c;
                    for (int dy = 0; dy < pool; dy++)
                        for (int dx = 0; dx < pool; dx++) rows[r++] = corner + dy * rowStep + dx * pixelStep;
                    if (++px == outW) {
                        px = 0;
                        if (++py == outH) {
                            py = 0;
                            n++;
                        }
                    }
                }
                ImplicitGemmTiles.padRows(rows, r);
                ImplicitGemmTiles.product(src, 0, rows, r, cols, steps, packed, 0, kp, kp / L, packed, steps * kp, 0,
                        sums, 0, kp);
                int first = n0 * windows + w0;
                if (argmax == null) maxRelu(sums, count, area, kp, k, y, yOff + first * k);
                else maxReluArgmax(sums, count, pool, kp, s, first, y, yOff, argmax, argOff);
            }
        }
    }

    /**
     * y[w][0 .. k) = max(0, the maximum over the window's {@code area} rows of sums), for
     * {@code count} windows; the channels past the last whole vector through a masked store.
     */
    private static void maxRelu(float[] sums, int count, int area, int kp, int k, float[] y, int yOff) {
        int whole = k / L * L;
        for (int w = 0; w < count; w++) {
            int window = w * area * kp, out = yOff + w * k;
            for (int v = 0; v < whole; v += L) windowMax(sums, window + v, area, kp).intoArray(y, out + v);
            if (whole < k) windowMax(sums, window + whole, area, kp).intoArray(y, out + whole, S.indexInRange(whole, k));
        }
    }

    /**
     * maxRelu, and argmax[w][0 .. k) = the index in the convolution's output of each window's first
     * largest sum, for the {@code count} windows from window {@code first} (counted over the batch).
     */
    private static void maxReluArgmax(float[] sums, int count, int pool, int kp, ConvShape s, int first, float[] y,
                                      int yOff, int[] argmax, int argOff) {
        int k = s.outC(), area = pool * pool, outW = Conv2dReluPool.pooled(s.outW(), pool);
        int windows = Conv2dReluPool.pooled(s.outH(), pool) * outW;
        int n = first / windows, py = first % windows / outW, px = first % outW;
        for (int w = 0; w < count; w++) {
            int corner = ((n * s.outH() + py * pool) * s.outW() + px * pool) * k;
            int window = w * area * kp, out = (first + w) * k;
            for (int v = 0; v < k; v += L) {
                VectorMask<Float> live = S.indexInRange(v, k);
                FloatVector best = FloatVector.fromArray(S, sums, window + v);
                IntVector winner = IntVector.zero(I);
                for (int a = 1; a < area; a++) {
                    FloatVector sum = FloatVector.fromArray(S, sums, window + a * kp + v);
                    VectorMask<Float> larger = sum.compare(VectorOperators.GT, best);
                    best = best.blend(sum, larger);
                    winner = winner.blend((a / pool * s.outW() + a % pool) * k, larger.cast(I));
                }
                best.max(0f).intoArray(y, yOff + out + v, live);
                winner.add(CHANNELS).add(corner + v).intoArray(argmax, argOff + out + v, live.cast(I));
            }
            if (++px == outW) {
                px = 0;
                if (++py == windows / outW) {
                    py = 0;
                    n++;
                }
            }
        }
    }

    /** max(0, sums[at + a * kp ..] over a < area): 1 (no pooling) and 4 (2 x 2) unrolled. */
    private static FloatVector windowMax(float[] sums, int at, int area, int kp) {
        FloatVector max = FloatVector.fromArray(S, sums, at).max(0f);
        if (area == 1) return max;
        if (area == 4)
            return max.max(FloatVector.fromArray(S, sums, at + kp)).max(FloatVector.fromArray(S, sums, at + 2 * kp))
                    .max(FloatVector.fromArray(S, sums, at + 3 * kp));
        for (int a = 1; a < area; a++) max = max.max(FloatVector.fromArray(S, sums, at + a * kp));
        return max;
    }

    /** The (tap, input channel) pairs each output sums over. */
    private static int steps(ConvShape s) {
        return s.kH() * s.kW() * s.inC();
    }
}
