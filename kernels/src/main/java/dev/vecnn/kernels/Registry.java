package dev.vecnn.kernels;

import dev.vecnn.kernels.reference.ActivationsReference;
import dev.vecnn.kernels.reference.BatchNormReference;
import dev.vecnn.kernels.reference.Conv2dReference;
import dev.vecnn.kernels.reference.Conv2dReluPoolReference;
import dev.vecnn.kernels.reference.DenseReference;
import dev.vecnn.kernels.reference.DropoutReference;
import dev.vecnn.kernels.reference.Im2colReference;
import dev.vecnn.kernels.reference.LossesReference;
import dev.vecnn.kernels.reference.OptimizersReference;
import dev.vecnn.kernels.reference.PoolingReference;
import dev.vecnn.kernels.reference.SgemmReference;
import dev.vecnn.kernels.reference.StridedTapsReference;
import dev.vecnn.kernels.simd.ActivationsLanewise;
import dev.vecnn.kernels.simd.BatchNormLanewise;
import dev.vecnn.kernels.simd.Conv2dDirect1Channel;
import dev.vecnn.kernels.simd.Conv2dIm2col;
import dev.vecnn.kernels.simd.Conv2dImplicitGemmNhwc;
import dev.vecnn.kernels.simd.Conv2dPerShape;
import dev.vecnn.kernels.simd.Conv2dReluPoolDirect1Channel;
import dev.vecnn.kernels.simd.Conv2dReluPoolImplicitGemm;
import dev.vecnn.kernels.simd.Conv2dReluPoolPerShape;
import dev.vecnn.kernels.simd.DenseGemm;
import dev.vecnn.kernels.simd.DropoutLanewise;
import dev.vecnn.kernels.simd.Im2colRowCopy;
import dev.vecnn.kernels.simd.LossesMaskedRows;
import dev.vecnn.kernels.simd.OptimizersLanewise;
import dev.vecnn.kernels.simd.PoolingChannelVector;
import dev.vecnn.kernels.simd.PoolingPerLayout;
import dev.vecnn.kernels.simd.PoolingRowVector;
import dev.vecnn.kernels.simd.Sgemm8x2vFma;
import dev.vecnn.kernels.simd.SgemmParallel;
import dev.vecnn.kernels.simd.StridedTapsLanewise;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one list of every kernel family and its implementations. Simd implementations are built
 * through suppliers so that their classes, which link against the Vector API, are never loaded
 * when simd is off ({@code -Dvecnn.simd=0}) or the incubator module is missing.
 */
public final class Registry {
    /** True when the simd kernels run: the Vector API module is present and -Dvecnn.simd is not 0. */
    public static final boolean SIMD_ENABLED = simdEnabled();

    public static final Family<Gemm> GEMM = family("gemm", new SgemmReference(), () -> List.of(new Sgemm8x2vFma(), new SgemmParallel(Runtime.getRuntime().availableProcessors())));
    public static final Family<Im2col> IM2COL = family("im2col", new Im2colReference(), () -> List.of(new Im2colRowCopy()));
    public static final Family<Conv2d> CONV2D = family("conv2d", new Conv2dReference(),
            () -> List.of(new Conv2dPerShape(GEMM.simd()), Conv2dIm2col.perImage(GEMM.simd()),
                    Conv2dIm2col.batched(GEMM.simd()), new Conv2dDirect1Channel(GEMM.simd()), new Conv2dImplicitGemmNhwc()));
    public static final Family<Conv2dReluPool> CONV_RELU_POOL = family("convrelupool", new Conv2dReluPoolReference(),
            () -> List.of(new Conv2dReluPoolPerShape(), new Conv2dReluPoolImplicitGemm(), new Conv2dReluPoolDirect1Channel()));
    public static final Family<Pooling> POOLING = family("pooling", new PoolingReference(),
            () -> List.of(new PoolingPerLayout(), new PoolingRowVector(), new PoolingChannelVector()));
    public static final Family<Dense> DENSE = family("dense", new DenseReference(), () -> List.of(new DenseGemm(GEMM.simd())));
    public static final Family<Activations> ACTIVATIONS = family("activations", new ActivationsReference(), () -> List.of(new ActivationsLanewise()));
    public static final Family<Losses> LOSSES = family("losses", new LossesReference(), () -> List.of(new LossesMaskedRows()));
    public static final Family<BatchNorm> BATCH_NORM = family("batchnorm", new BatchNormReference(), () -> List.of(new BatchNormLanewise()));
    public static final Family<Dropout> DROPOUT = family("dropout", new DropoutReference(), () -> List.of(new DropoutLanewise()));
    public static final Family<Optimizers> OPTIMIZERS = family("optimizers", new OptimizersReference(), () -> List.of(new OptimizersLanewise()));
    public static final Family<StridedTaps> TAPS = family("taps", new StridedTapsReference(), () -> List.of(new StridedTapsLanewise()));

    public static final List<Family<?>> FAMILIES = List.of(GEMM, IM2COL, CONV2D, CONV_RELU_POOL, POOLING, DENSE,
            ACTIVATIONS, LOSSES, BATCH_NORM, DROPOUT, OPTIMIZERS, TAPS);

    private Registry() {}

    static Kernels referenceKernels() {
        return new Kernels(Kernels.REFERENCE, GEMM.reference(), IM2COL.reference(), CONV2D.reference(),
                CONV_RELU_POOL.reference(), POOLING.reference(), DENSE.reference(), ACTIVATIONS.reference(),
                LOSSES.reference(), BATCH_NORM.reference(), DROPOUT.reference(), OPTIMIZERS.reference(), TAPS.reference());
    }

    static Kernels simdKernels() {
        return new Kernels(Kernels.SIMD, GEMM.simd(), IM2COL.simd(), CONV2D.simd(), CONV_RELU_POOL.simd(),
                POOLING.simd(), DENSE.simd(), ACTIVATIONS.simd(), LOSSES.simd(), BATCH_NORM.simd(), DROPOUT.simd(),
                OPTIMIZERS.simd(), TAPS.simd());
    }

    /** Bits per vector of the simd kernels, or 0 when simd is off and the reference loops stand in for them. */
    public static int simdVectorBits() {
        return SIMD_ENABLED ? dev.vecnn.kernels.simd.Simd.SPECIES.vectorBitSize() : 0;
    }

    /** The first simd implementation is the family's default; the others are variants. */
    private static <T extends Kernel> Family<T> family(String name, T reference, Supplier<List<T>> simd) {
        List<T> all = new ArrayList<>();
        all.add(reference);
        if (SIMD_ENABLED) all.addAll(simd.get());
        T simdDefault = all.size() > 1 ? all.get(1) : reference;
        return new Family<>(name, reference, simdDefault, List.copyOf(all));
    }

    private static boolean simdEnabled() {
        if (SimdSetting.forcedBits() == 0) return false;
        if (SimdSetting.vectorModulePresent()) return true;
        System.err.println("vecnn: the Vector API module is missing (run java with --add-modules jdk.incubator.vector);"
                + " using the scalar reference kernels");
        return false;
    }
}
