package dev.vecnn.kernels.check;

import dev.vecnn.kernels.ChannelShape;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.DenseShape;
import dev.vecnn.kernels.Layout;
import dev.vecnn.kernels.PoolShape;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.simd.SgemmParallel;
import dev.vecnn.kernels.simd.Simd;

import java.util.SplittableRandom;

/**
 * Random problems for each family, drawn to reach the tails of vectorised code: sizes of 1,
 * primes, one below, at and above multiples of the vector length and of the GEMM register tile
 * (8 rows), and uniform sizes in between; strides above the window, padding, transposes,
 * leading dimensions with gaps. Kept small enough that hundreds of cases per family run in
 * seconds through the plain-loop references.
 */
public final class RandomProblems {
    private static final int[] PRIMES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67,
            71, 73, 79, 83, 89, 97, 101, 127, 131, 251, 257};
    /** Row counts around the GEMM register tile of 8 rows and twice that. */
    private static final int[] TILE_ROWS = {7, 8, 9, 15, 16, 17};

    private final int lanes;

    /** Sizes around the vector length of the species the simd kernels use. */
    public RandomProblems() {
        this(lanes());
    }

    /** Floats per vector of the simd kernels; 16, the widest, when simd is off. */
    public static int lanes() {
        return Registry.SIMD_ENABLED ? Simd.LANES : 16;
    }

    RandomProblems(int lanes) {
        this.lanes = lanes;
    }

    /** A random problem of the family called {@code family}. */
    public Problem<?> draw(String family, SplittableRandom rng) {
        return switch (family) {
            case "gemm" -> gemm(rng);
            case "im2col" -> new Im2colProblem(pick(rng, Im2colProblem.Pass.values()),
                    conv(rng, 1, 1, rng.nextInt(3) == 0 ? 1 : size(rng, 5), 20));
            case "conv2d" -> convolution(rng);
            case "convrelupool" -> convReluPool(rng);
            case "pooling" -> new PoolProblem(pick(rng, PoolProblem.Pass.values()),
                    rng.nextBoolean() ? pool(rng) : pool(rng).in(Layout.NHWC));
            case "dense" -> new DenseProblem(pick(rng, DenseProblem.Pass.values()),
                    new DenseShape(size(rng, 10), size(rng, 80), size(rng, 40)), rng.nextInt(5) != 0);
            case "activations" -> activation(rng);
            case "losses" -> LossProblem.of(pick(rng, LossProblem.Op.values()), size(rng, 10), size(rng, 40));
            case "batchnorm" -> new BatchNormProblem(pick(rng, BatchNormProblem.Pass.values()), channels(rng, 50));
            case "dropout" -> dropout(rng);
            case "optimizers" -> optimizer(rng);
            case "taps" -> taps(rng);
            default -> throw new IllegalArgumentException("no random problems for the family '" + family
                    + "': add them to " + RandomProblems.class.getSimpleName());
        };
    }

    /** A size in [1, max]: 1, a prime, a size next to the vector length or register tile, or uniform. */
    int size(SplittableRandom rng, int max) {
        int roll = rng.nextInt(10);
        if (roll == 0) return 1;
        if (roll <= 3) {
            int[] near = {lanes - 1, lanes, lanes + 1, 2 * lanes - 1, 2 * lanes, 2 * lanes + 1, 3 * lanes + 1,
                    4 * lanes - 1, 4 * lanes + 1};
            int[] tails = rng.nextBoolean() ? near : TILE_ROWS;
            int candidate = tails[rng.nextInt(tails.length)];
            if (candidate >= 1 && candidate <= max) return candidate;
        }
        if (roll <= 5) {
            int candidate = PRIMES[rng.nextInt(PRIMES.length)];
            if (candidate <= max) return candidate;
        }
        return rng.nextInt(1, max + 1);
    }

    /**
     * One GEMM in ten is just large enough for SgemmParallel to split it across threads (its k
     * set from the threshold, a compile-time constant, so the simd class is not loaded here).
     */
    private Problem<?> gemm(SplittableRandom rng) {
        boolean ta = rng.nextBoolean(), tb = rng.nextBoolean();
        int m = size(rng, 80), n = size(rng, 80), k = size(rng, 100);
        if (rng.nextInt(10) == 0) {
            m = rng.nextInt(17, 81);
            n = rng.nextInt(17, 81);
            k = (int) (SgemmParallel.MIN_PARALLEL_FLOPS / (2L * m * n)) + rng.nextInt(1, 40);
        }
        float alpha = pick(rng, new Float[]{1f, 1f, 1f, -1f, 0.5f, 2f});
        float beta = pick(rng, new Float[]{0f, 0f, 1f, -0.5f, 2f});
        int lda = (ta ? m : k) + gap(rng), ldb = (tb ? k : n) + gap(rng), ldc = n + gap(rng);
        return new GemmProblem(ta, tb, m, n, k, alpha, beta, lda, ldb, ldc);
    }

    /** Most matrices are tight; some have a few unused elements after each row. */
    private static int gap(SplittableRandom rng) {
        return rng.nextInt(10) < 3 ? rng.nextInt(1, 6) : 0;
    }

    /**
     * Half the convolutions channels-last, with up to four vectors and a tail of output channels
     * (every tile of the implicit GEMM). One in four has a larger batch of small images, whose
     * groups (of im2col columns, padded copies, gradient pixels) come in several parts, the last
     * one partial.
     */
    private Problem<?> convolution(SplittableRandom rng) {
        boolean channelsLast = rng.nextBoolean(), manyImages = rng.nextInt(4) == 0;
        int batch = manyImages ? rng.nextInt(4, 41) : rng.nextInt(1, 4);
        int outC = size(rng, channelsLast ? 4 * lanes + 8 : 20), inC = rng.nextInt(3) == 0 ? 1 : size(rng, 8);
        ConvShape shape = conv(rng, batch, outC, inC, manyImages ? 8 : 14);
        return new ConvProblem(pick(rng, ConvProblem.Pass.values()), channelsLast ? shape.in(Layout.NHWC) : shape,
                rng.nextInt(5) != 0);
    }

    /**
     * The fused convolution, as {@link #convolution} draws them, with a pooling window of 1 to 3
     * that fits the output (1 in four: none), half of them in training's form (with the winners).
     */
    private Problem<?> convReluPool(SplittableRandom rng) {
        boolean channelsLast = rng.nextInt(4) != 0, manyImages = rng.nextInt(4) == 0;
        int batch = manyImages ? rng.nextInt(4, 41) : rng.nextInt(1, 4);
        int outC = size(rng, channelsLast ? 4 * lanes + 8 : 20), inC = rng.nextInt(3) == 0 ? 1 : size(rng, 8);
        ConvShape shape = conv(rng, batch, outC, inC, manyImages ? 8 : 14);
        int fits = Math.min(3, Math.min(shape.outH(), shape.outW()));
        int pool = rng.nextInt(4) == 0 ? 1 : rng.nextInt(1, fits + 1);
        ConvShape laid = channelsLast ? shape.in(Layout.NHWC) : shape;
        if (rng.nextInt(3) == 0) return new ConvReluPoolBackwardProblem(laid, pool, rng.nextInt(5) != 0);
        return new ConvReluPoolProblem(laid, pool, rng.nextInt(5) != 0, rng.nextBoolean());
    }

    private ConvShape conv(SplittableRandom rng, int batch, int outC, int inC, int maxSide) {
        int kh = rng.nextInt(1, 6), kw = rng.nextInt(3) == 0 ? rng.nextInt(1, 6) : kh;
        int sh = rng.nextInt(1, 4), sw = rng.nextInt(3) == 0 ? rng.nextInt(1, 4) : sh;
        int ph = rng.nextInt(kh), pw = rng.nextInt(3) == 0 ? rng.nextInt(kw) : Math.min(ph, kw - 1);
        int ih = Math.max(size(rng, maxSide), kh - 2 * ph);
        int iw = rng.nextBoolean() ? Math.max(ih, kw - 2 * pw) : Math.max(size(rng, maxSide), kw - 2 * pw);
        return new ConvShape(batch, inC, ih, iw, outC, kh, kw, sh, sw, ph, pw);
    }

    private PoolShape pool(SplittableRandom rng) {
        int kh = rng.nextInt(1, 5), kw = rng.nextInt(3) == 0 ? rng.nextInt(1, 5) : kh;
        int sh = rng.nextInt(1, kh + 2), sw = rng.nextInt(3) == 0 ? rng.nextInt(1, kw + 2) : Math.min(sh, kw + 1);
        int ph = rng.nextInt(kh / 2 + 1), pw = Math.min(ph, kw / 2);
        int ih = Math.max(size(rng, 20), kh - 2 * ph), iw = rng.nextBoolean() ? Math.max(ih, kw - 2 * pw)
                : Math.max(size(rng, 20), kw - 2 * pw);
        return new PoolShape(rng.nextInt(1, 4), size(rng, 6), ih, iw, kh, kw, sh, sw, ph, pw);
    }

    private ChannelShape channels(SplittableRandom rng, int maxSpatial) {
        return new ChannelShape(rng.nextInt(1, 5), size(rng, 8), size(rng, maxSpatial));
    }

    private Problem<?> activation(SplittableRandom rng) {
        ActivationProblem.Op op = pick(rng, ActivationProblem.Op.values());
        ChannelShape shape = op.perChannel() ? channels(rng, 40) : new ChannelShape(1, 1, size(rng, 300));
        return new ActivationProblem(op, shape, pick(rng, new Float[]{0.01f, 0.1f, 0.25f}));
    }

    private Problem<?> dropout(SplittableRandom rng) {
        DropoutProblem.Op op = pick(rng, DropoutProblem.Op.values());
        ChannelShape shape = op == DropoutProblem.Op.ELEMENT ? new ChannelShape(1, 1, size(rng, 300)) : channels(rng, 40);
        return new DropoutProblem(op, shape, pick(rng, new Float[]{0.5f, 0.1f, 0.9f, 0f}));
    }

    private Problem<?> optimizer(SplittableRandom rng) {
        OptimizerProblem.Rule rule = pick(rng, OptimizerProblem.Rule.values());
        return new OptimizerProblem(rule, size(rng, 300), pick(rng, new Float[]{0.1f, 0.01f, 0.001f}),
                pick(rng, new Float[]{0f, 0f, 0.01f, 5e-4f}), pick(rng, new Float[]{0.9f, 0.5f}),
                pick(rng, new Float[]{0.9f, 0.8f}), pick(rng, new Float[]{0.999f, 0.99f}),
                pick(rng, new Float[]{1e-8f, 1e-6f}), rng.nextBoolean() ? 1 : rng.nextInt(2, 1001));
    }

    /** Up to 300 outputs and 30 taps, the taps 1 to 40 floats apart (closer or farther than a vector). */
    private Problem<?> taps(SplittableRandom rng) {
        return new TapsProblem(size(rng, 300), size(rng, 30), size(rng, 40));
    }

    private static <T> T pick(SplittableRandom rng, T[] choices) {
        return choices[rng.nextInt(choices.length)];
    }
}
