package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Conv2dReluPool;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Layout;
import dev.vecnn.kernels.Workspace;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused convolution over one input channel, channels-last (conv1 of the reference network):
 * output channels are the vector dimension, two vectors at a time, and four output pixels share
 * each tap's weight loads, so a tap costs two loads and four broadcasts for eight FMAs; the implicit
 * GEMM would run sums of 9 terms through tiles built for hundreds. Weights are packed [tap][oc]
 * with the output channels padded to two whole vectors, then the bias. 2 x 2 windows over whole
 * blocks of channels reduce their four pixels in registers; other windows and channel tails go
 * through a small scratch in L1. Either way the convolution's output (26 x 26 x 32 floats per image
 * for conv1) is never written. Padding is applied by copying each image into a zeroed buffer, as
 * {@link Conv2dDirect1Channel} does. Shapes over several channels, or NCHW, go to the reference
 * twin, packing included. When it wins (ConvReluPoolBench, Zen 4, one thread, conv1 at the
 * trainer's chunk of 32): the forward with winners 48 GFLOP/s against the implicit GEMM's 23; the
 * weight gradient 27 against 29 alone in JMH, but in the trainer it halves conv1's backward
 * (bench --train rows, 0.18-0.22 against 0.38 thread-s), since z's gradient is never written.
 */
public final class Conv2dReluPoolDirect1Channel implements Conv2dReluPool {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES, BLOCK = 2 * L, PIXELS = 4;
    private static final VectorSpecies<Integer> I = S.withLanes(int.class);
    /** 0, 1, .. L - 1: the channel of each lane, from a vector's first. */
    private static final IntVector CHANNELS = IntVector.zero(I).addIndex(1);

    /** The weight gradient of the shapes the fast path does not take, after z's gradient is written. */
    private static final Conv2dImplicitGemmNhwc GRADIENT = new Conv2dImplicitGemmNhwc();

    private final Conv2dReluPool reference = ReferenceHandOffs.convReluPool();

    @Override
    public String name() { return "Conv2dReluPoolDirect1Channel"; }

    public static boolean covers(ConvShape s) {
        return s.layout() == Layout.NHWC && s.inC() == 1;
    }

    private static int paddedChannels(ConvShape s) {
        return Conv2dImplicitGemmNhwc.roundUp(s.outC(), BLOCK);
    }

    @Override
    public int packedSize(ConvShape s) {
        return covers(s) ? (s.kH() * s.kW() + 1) * paddedChannels(s) : reference.packedSize(s);
    }

    @Override
    public void pack(ConvShape s, float[] w, int wOff, float[] bias, int biasOff, float[] packed) {
        if (!covers(s)) {
            reference.pack(s, w, wOff, bias, biasOff, packed);
            return;
        }
        int k = s.outC(), kp = paddedChannels(s), taps = s.kH() * s.kW();
        for (int i = 0; i < s.kH(); i++)
            for (int j = 0; j < s.kW(); j++)
                for (int o = 0; o < kp; o++)
                    packed[(i * s.kW() + j) * kp + o] = o < k ? w[wOff + s.weightIndex(o, 0, i, j)] : 0f;
        for (int o = 0; o < kp; o++) packed[taps * kp + o] = o < k && bias != null ? bias[biasOff + o] : 0f;
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

    private static void run(ConvShape s, int pool, float[] x, int xOff, float[] packed, float[] y, int yOff,
                            int[] argmax, int argOff, Workspace ws) {
        float[] padded = Conv2dDirect1Channel.padded(s)
                ? ws.floats(Workspace.Slot.TEMP, Conv2dDirect1Channel.paddedSize(s)) : null;
        float[] sums = ws.floats(Workspace.Slot.COLUMNS, PIXELS * BLOCK);
        int[] at = ws.ints(Workspace.Slot.ROW_OFFSETS, 2 * PIXELS);
        int rowW = Conv2dDirect1Channel.paddedWidth(s), image = s.inH() * s.inW();
        // Each tap's offset in the (padded) image from its receptive field's start: one loop over the taps.
        int[] offsets = ws.ints(Workspace.Slot.COLUMN_OFFSETS, s.kH() * s.kW());
        for (int i = 0; i < s.kH(); i++)
            for (int j = 0; j < s.kW(); j++) offsets[i * s.kW() + j] = i * rowW + j;
        for (int n = 0; n < s.batch(); n++) {
            float[] img = padded != null ? Conv2dDirect1Channel.pad(s, x, xOff + n * image, padded) : x;
            int imgOff = padded != null ? 0 : xOff + n * image;
            for (int c0 = 0; c0 < s.outC(); c0 += BLOCK) {
                if (pool == 2 && c0 + BLOCK <= s.outC())
                    twoByTwo(s, n, c0, img, imgOff, rowW, offsets, packed, y, yOff, argmax, argOff);
                else if (pool == 1) pixels(s, n, c0, img, imgOff, rowW, packed, sums, at, y, yOff, argmax, argOff);
                else windows(s, pool, n, c0, img, imgOff, rowW, packed, sums, at, y, yOff, argmax, argOff);
            }
        }
    }

    /**
     * For 3 x 3 filters, 2 x 2 windows and whole blocks of two vectors of channels (conv1's case):
     * the weight and bias gradients stay in 20 registers across the whole batch, and z's gradient
     * is made in registers from dy, y and the winners, pixel by pixel of each window, never
     * written. Other shapes: z's gradient through the channel-vector pooling, then the implicit
     * GEMM's weight gradient.
     */
    @Override
    public void backwardWeights(ConvShape s, int pool, float[] x, int xOff, float[] dy, int dyOff, float[] y, int yOff,
                                int[] argmax, int argOff, float[] dw, int dwOff, float[] db, int dbOff, Workspace ws) {
        if (!covers(s)) {
            reference.backwardWeights(s, pool, x, xOff, dy, dyOff, y, yOff, argmax, argOff, dw, dwOff, db, dbOff, ws);
            return;
        }
        if (pool != 2 || s.kH() != 3 || s.kW() != 3 || s.outC() % BLOCK != 0) {
            float[] dz = ws.floats(Workspace.Slot.Z_GRADIENT, s.outputSize());
            Conv2dReluPoolImplicitGemm.zGradient(s, pool, dy, dyOff, y, yOff, argmax, argOff, dz);
            GRADIENT.backwardWeights(s, x, xOff, dz, 0, dw, dwOff, db, dbOff, ws);
            return;
        }
        float[] padded = Conv2dDirect1Channel.padded(s)
                ? ws.floats(Workspace.Slot.TEMP, Conv2dDirect1Channel.paddedSize(s)) : null;
        float[] sums = ws.floats(Workspace.Slot.COLUMNS, 10 * BLOCK);
        for (int c0 = 0; c0 < s.outC(); c0 += BLOCK) {
            gradientsThreeByThree(s, x, xOff, padded, dy, dyOff, y, yOff, argmax, argOff, c0, sums);
            for (int t = 0; t < 9; t++)
                for (int c = 0; c < BLOCK; c++)
                    dw[dwOff + s.weightIndex(c0 + c, 0, t / 3, t % 3)] += sums[t * BLOCK + c];
            if (db != null)
                for (int c = 0; c < BLOCK; c++) db[dbOff + c0 + c] += sums[9 * BLOCK + c];
        }
    }

    /**
     * sums[t * BLOCK ..] = channels c0 .. c0 + 2L of tap t's weight gradient over the batch,
     * sums[9 * BLOCK ..] the bias's.
     */
    private static void gradientsThreeByThree(ConvShape s, float[] x, int xOff, float[] padded, float[] dy, int dyOff,
                                              float[] y, int yOff, int[] argmax, int argOff, int c0, float[] sums) {
        int k = s.outC(), outW = s.outW(), rowW = Conv2dDirect1Channel.paddedWidth(s), image = s.inH() * s.inW();
        int pooledH = Conv2dReluPool.pooled(s.outH(), 2), pooledW = Conv2dReluPool.pooled(outW, 2);
        int right = s.strideW(), down = s.strideH() * rowW, r1 = rowW, r2 = 2 * rowW;
        FloatVector zero = FloatVector.zero(S);
        FloatVector w00 = zero, w01 = zero, w10 = zero, w11 = zero, w20 = zero, w21 = zero, w30 = zero, w31 = zero;
        FloatVector w40 = zero, w41 = zero, w50 = zero, w51 = zero, w60 = zero, w61 = zero, w70 = zero, w71 = zero;
        FloatVector w80 = zero, w81 = zero, b0 = zero, b1 = zero;
        for (int n = 0; n < s.batch(); n++) {
            float[] img = padded != null ? Conv2dDirect1Channel.pad(s, x, xOff + n * image, padded) : x;
            int imgOff = padded != null ? 0 : xOff + n * image;
            for (int py = 0; py < pooledH; py++)
                for (int px = 0; px < pooledW; px++) {
                    int out = ((n * pooledH + py) * pooledW + px) * k + c0;
                    FloatVector g0 = FloatVector.fromArray(S, dy, dyOff + out);
                    FloatVector g1 = FloatVector.fromArray(S, dy, dyOff + out + L);
                    g0 = g0.blend(zero, FloatVector.fromArray(S, y, yOff + out).compare(VectorOperators.LE, 0f));
                    g1 = g1.blend(zero, FloatVector.fromArray(S, y, yOff + out + L).compare(VectorOperators.LE, 0f));
                    IntVector at0 = IntVector.fromArray(I, argmax, argOff + out).sub(CHANNELS);
                    IntVector at1 = IntVector.fromArray(I, argmax, argOff + out + L).sub(CHANNELS);
                    int z = ((n * s.outH() + 2 * py) * outW + 2 * px) * k + c0;
                    int r = imgOff + 2 * py * down + 2 * px * right;
                    for (int q = 0; q < 4; q++) {
                        int zq = z + (q >> 1) * outW * k + (q & 1) * k, rq = r + (q >> 1) * down + (q & 1) * right;
                        FloatVector d0 = g0.blend(zero, at0.compare(VectorOperators.NE, zq).cast(S));
                        FloatVector d1 = g1.blend(zero, at1.compare(VectorOperators.NE, zq + L).cast(S));
                        b0 = b0.add(d0);
                        b1 = b1.add(d1);
                        FloatVector v = FloatVector.broadcast(S, img[rq]);
                        w00 = d0.fma(v, w00);
                        w01 = d1.fma(v, w01);
                        v = FloatVector.broadcast(S, img[rq + 1]);
                        w10 = d0.fma(v, w10);
                        w11 = d1.fma(v, w11);
                        v = FloatVector.broadcast(S, img[rq + 2]);
                        w20 = d0.fma(v, w20);
                        w21 = d1.fma(v, w21);
                        v = FloatVector.broadcast(S, img[rq + r1]);
                        w30 = d0.fma(v, w30);
                        w31 = d1.fma(v, w31);
                        v = FloatVector.broadcast(S, img[rq + r1 + 1]);
                        w40 = d0.fma(v, w40);
                        w41 = d1.fma(v, w41);
                        v = FloatVector.broadcast(S, img[rq + r1 + 2]);
                        w50 = d0.fma(v, w50);
                        w51 = d1.fma(v, w51);
                        v = FloatVector.broadcast(S, img[rq + r2]);
                        w60 = d0.fma(v, w60);
                        w61 = d1.fma(v, w61);
                        v = FloatVector.broadcast(S, img[rq + r2 + 1]);
                        w70 = d0.fma(v, w70);
                        w71 = d1.fma(v, w71);
                        v = FloatVector.broadcast(S, img[rq + r2 + 2]);
                        w80 = d0.fma(v, w80);
                        w81 = d1.fma(v, w81);
                    }
                }
        }
        w00.intoArray(sums, 0);
        w01.intoArray(sums, L);
        w10.intoArray(sums, BLOCK);
        w11.intoArray(sums, BLOCK + L);
        w20.intoArray(sums, 2 * BLOCK);
        w21.intoArray(sums, 2 * BLOCK + L);
        w30.intoArray(sums, 3 * BLOCK);
        w31.intoArray(sums, 3 * BLOCK + L);
        w40.intoArray(sums, 4 * BLOCK);
        w41.intoArray(sums, 4 * BLOCK + L);
        w50.intoArray(sums, 5 * BLOCK);
        w51.intoArray(sums, 5 * BLOCK + L);
        w60.intoArray(sums, 6 * BLOCK);
        w61.intoArray(sums, 6 * BLOCK + L);
        w70.intoArray(sums, 7 * BLOCK);
        w71.intoArray(sums, 7 * BLOCK + L);
        w80.intoArray(sums, 8 * BLOCK);
        w81.intoArray(sums, 8 * BLOCK + L);
        b0.intoArray(sums, 9 * BLOCK);
        b1.intoArray(sums, 9 * BLOCK + L);
    }

    /**
     * 2 x 2 windows over two whole vectors of channels (conv1's case): the window's four pixels are
     * the four the taps share, reduced in registers as they come out of the tap loop.
     */
    private static void twoByTwo(ConvShape s, int n, int c0, float[] img, int imgOff, int rowW, int[] offsets,
                                 float[] packed, float[] y, int yOff, int[] argmax, int argOff) {
        int k = s.outC(), outW = s.outW(), kW = s.kW(), taps = s.kH() * kW, kp = paddedChannels(s);
        int pooledH = Conv2dReluPool.pooled(s.outH(), 2), pooledW = Conv2dReluPool.pooled(outW, 2);
        int right = s.strideW(), down = s.strideH() * rowW;
        FloatVector b0 = FloatVector.fromArray(S, packed, taps * kp + c0);
        FloatVector b1 = FloatVector.fromArray(S, packed, taps * kp + c0 + L);
        for (int py = 0; py < pooledH; py++)
            for (int px = 0; px < pooledW; px++) {
                int r0 = imgOff + 2 * py * down + 2 * px * right, r1 = r0 + right, r2 = r0 + down, r3 = r2 + right;
                FloatVector a00 = b0, a01 = b1, a10 = b0, a11 = b1, a20 = b0, a21 = b1, a30 = b0, a31 = b1;
                for (int t = 0, w = c0; t < taps; t++, w += kp) {
                    int d = offsets[t];
                    FloatVector w0 = FloatVector.fromArray(S, packed, w), w1 = FloatVector.fromArray(S, packed, w + L);
                    FloatVector x0 = FloatVector.broadcast(S, img[r0 + d]), x1 = FloatVector.broadcast(S, img[r1 + d]);
                    FloatVector x2 = FloatVector.broadcast(S, img[r2 + d]), x3 = FloatVector.broadcast(S, img[r3 + d]);
                    a00 = w0.fma(x0, a00);
                    a01 = w1.fma(x0, a01);
                    a10 = w0.fma(x1, a10);
                    a11 = w1.fma(x1, a11);
                    a20 = w0.fma(x2, a20);
                    a21 = w1.fma(x2, a21);
                    a30 = w0.fma(x3, a30);
                    a31 = w1.fma(x3, a31);
                }
                int out = ((n * pooledH + py) * pooledW + px) * k + c0;
                if (argmax == null) {
                    a00.max(a10).max(a20.max(a30)).max(0f).intoArray(y, yOff + out);
                    a01.max(a11).max(a21.max(a31)).max(0f).intoArray(y, yOff + out + L);
                    continue;
                }
                // The window's pixels in row-major order; a later one wins only when strictly larger.
                int z0 = ((n * s.outH() + 2 * py) * outW + 2 * px) * k + c0, z1 = z0 + k;
                int z2 = z0 + outW * k, z3 = z2 + k;
                VectorMask<Float> h1 = a10.compare(VectorOperators.GT, a00);
                FloatVector m0 = a00.blend(a10, h1);
                IntVector at0 = CHANNELS.add(z0).blend(CHANNELS.add(z1), h1.cast(I));
                VectorMask<Float> h2 = a20.compare(VectorOperators.GT, m0);
                m0 = m0.blend(a20, h2);
                at0 = at0.blend(CHANNELS.add(z2), h2.cast(I));
                VectorMask<Float> h3 = a30.compare(VectorOperators.GT, m0);
                m0 = m0.blend(a30, h3);
                at0 = at0.blend(CHANNELS.add(z3), h3.cast(I));
                VectorMask<Float> g1 = a11.compare(VectorOperators.GT, a01);
                FloatVector m1 = a01.blend(a11, g1);
                IntVector at1 = CHANNELS.add(z0 + L).blend(CHANNELS.add(z1 + L), g1.cast(I));
                VectorMask<Float> g2 = a21.compare(VectorOperators.GT, m1);
                m1 = m1.blend(a21, g2);
                at1 = at1.blend(CHANNELS.add(z2 + L), g2.cast(I));
                VectorMask<Float> g3 = a31.compare(VectorOperators.GT, m1);
                m1 = m1.blend(a31, g3);
                at1 = at1.blend(CHANNELS.add(z3 + L), g3.cast(I));
                m0.max(0f).intoArray(y, yOff + out);
                m1.max(0f).intoArray(y, yOff + out + L);
                at0.intoArray(argmax, argOff + out);
                at1.intoArray(argmax, argOff + out + L);
            }
    }

    /** Without pooling: four pixels of a row at a time (the last group repeats its last pixel), each its own window. */
    private static void pixels(ConvShape s, int n, int c0, float[] img, int imgOff, int rowW, float[] packed,
                               float[] sums, int[] at, float[] y, int yOff, int[] argmax, int argOff) {
        int outW = s.outW(), k = s.outC();
        for (int oy = 0; oy < s.outH(); oy++)
            for (int ox0 = 0; ox0 < outW; ox0 += PIXELS) {
                int count = Math.min(PIXELS, outW - ox0);
                for (int p = 0; p < PIXELS; p++) {
                    int ox = ox0 + Math.min(p, count - 1);
                    at[p] = imgOff + oy * s.strideH() * rowW + ox * s.strideW();
                    at[PIXELS + p] = ((n * s.outH() + oy) * outW + ox) * k;
                }
                sums(s, img, at, rowW, packed, c0, sums);
                for (int p = 0; p < count; p++)
                    for (int v = 0; v < 2; v++) {
                        int c = c0 + v * L;
                        if (c >= k) break;
                        VectorMask<Float> live = S.indexInRange(c, k);
                        int out = at[PIXELS + p] + c;
                        FloatVector.fromArray(S, sums, p * BLOCK + v * L).max(0f).intoArray(y, yOff + out, live);
                        if (argmax != null) CHANNELS.add(out).intoArray(argmax, argOff + out, live.cast(I));
                    }
            }
    }

    /**
     * Each pool x pool window's pixels in row-major order, four at a time (the last group repeats
     * its last pixel, which cannot beat itself), folded into the window's first largest value.
     */
    private static void windows(ConvShape s, int pool, int n, int c0, float[] img, int imgOff, int rowW,
                                float[] packed, float[] sums, int[] at, float[] y, int yOff, int[] argmax,
                                int argOff) {
        int k = s.outC(), outW = s.outW(), pooledH = Conv2dReluPool.pooled(s.outH(), pool);
        int pooledW = Conv2dReluPool.pooled(outW, pool), area = pool * pool;
        boolean second = c0 + L < k;
        VectorMask<Float> live0 = S.indexInRange(c0, k), live1 = S.indexInRange(c0 + L, k);
        for (int py = 0; py < pooledH; py++)
            for (int px = 0; px < pooledW; px++) {
                group(s, pool, py, px, 0, n, c0, imgOff, rowW, at);
                sums(s, img, at, rowW, packed, c0, sums);
                FloatVector best0 = FloatVector.fromArray(S, sums, 0), best1 = FloatVector.fromArray(S, sums, L);
                IntVector where0 = CHANNELS.add(at[PIXELS]), where1 = where0.add(L);
                for (int first = 0; first < area; first += PIXELS) {
                    if (first > 0) {
                        group(s, pool, py, px, first, n, c0, imgOff, rowW, at);
                        sums(s, img, at, rowW, packed, c0, sums);
                    }
                    for (int p = first == 0 ? 1 : 0, count = Math.min(PIXELS, area - first); p < count; p++) {
                        FloatVector v0 = FloatVector.fromArray(S, sums, p * BLOCK);
                        FloatVector v1 = FloatVector.fromArray(S, sums, p * BLOCK + L);
                        IntVector i0 = CHANNELS.add(at[PIXELS + p]);
                        VectorMask<Float> higher0 = v0.compare(VectorOperators.GT, best0);
                        VectorMask<Float> higher1 = v1.compare(VectorOperators.GT, best1);
                        best0 = best0.blend(v0, higher0);
                        best1 = best1.blend(v1, higher1);
                        where0 = where0.blend(i0, higher0.cast(I));
                        where1 = where1.blend(i0.add(L), higher1.cast(I));
                    }
                }
                int out = ((n * pooledH + py) * pooledW + px) * k + c0;
                best0.max(0f).intoArray(y, yOff + out, live0);
                if (argmax != null) where0.intoArray(argmax, argOff + out, live0.cast(I));
                if (second) {
                    best1.max(0f).intoArray(y, yOff + out + L, live1);
                    if (argmax != null) where1.intoArray(argmax, argOff + out + L, live1.cast(I));
                }
            }
    }

    /**
     * at[p] = where pixel first + p of window (py, px) starts reading the image, at[PIXELS + p] its
     * index in z from channel c0; past the window's last pixel, the last again.
     */
    private static void group(ConvShape s, int pool, int py, int px, int first, int n, int c0, int imgOff, int rowW,
                              int[] at) {
        int count = Math.min(PIXELS, pool * pool - first);
        for (int p = 0; p < PIXELS; p++) {
            int tap = first + Math.min(p, count - 1), oy = py * pool + tap / pool, ox = px * pool + tap % pool;
            at[p] = imgOff + oy * s.strideH() * rowW + ox * s.strideW();
            at[PIXELS + p] = ((n * s.outH() + oy) * s.outW() + ox) * s.outC() + c0;
        }
    }

    /**
     * sums[p * BLOCK ..] = the bias plus the convolution at the four pixels whose receptive fields
     * start at img[at[p]], for output channels c0 .. c0 + 2L.
     */
    private static void sums(ConvShape s, float[] img, int[] at, int rowW, float[] packed, int c0, float[] sums) {
        int kW = s.kW(), taps = s.kH() * kW, kp = paddedChannels(s);
        int r0 = at[0], r1 = at[1], r2 = at[2], r3 = at[3];
        FloatVector b0 = FloatVector.fromArray(S, packed, taps * kp + c0);
        FloatVector b1 = FloatVector.fromArray(S, packed, taps * kp + c0 + L);
        FloatVector a00 = b0, a01 = b1, a10 = b0, a11 = b1, a20 = b0, a21 = b1, a30 = b0, a31 = b1;
        for (int i = 0; i < s.kH(); i++)
            for (int j = 0; j < kW; j++) {
                int w = (i * kW + j) * kp + c0, d = i * rowW + j;
                FloatVector w0 = FloatVector.fromArray(S, packed, w), w1 = FloatVector.fromArray(S, packed, w + L);
                FloatVector x0 = FloatVector.broadcast(S, img[r0 + d]), x1 = FloatVector.broadcast(S, img[r1 + d]);
                FloatVector x2 = FloatVector.broadcast(S, img[r2 + d]), x3 = FloatVector.broadcast(S, img[r3 + d]);
                a00 = w0.fma(x0, a00);
                a01 = w1.fma(x0, a01);
                a10 = w0.fma(x1, a10);
                a11 = w1.fma(x1, a11);
                a20 = w0.fma(x2, a20);
                a21 = w1.fma(x2, a21);
                a30 = w0.fma(x3, a30);
                a31 = w1.fma(x3, a31);
            }
        a00.intoArray(sums, 0);
        a01.intoArray(sums, L);
        a10.intoArray(sums, BLOCK);
        a11.intoArray(sums, BLOCK + L);
        a20.intoArray(sums, 2 * BLOCK);
        a21.intoArray(sums, 2 * BLOCK + L);
        a30.intoArray(sums, 3 * BLOCK);
        a31.intoArray(sums, 3 * BLOCK + L);
    }
}
