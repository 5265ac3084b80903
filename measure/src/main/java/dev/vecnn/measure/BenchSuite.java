package dev.vecnn.measure;

import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Kernel;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.SimdSetting;
import dev.vecnn.kernels.check.Call;
import dev.vecnn.kernels.check.Problem;
import dev.vecnn.kernels.simd.FmaPeak;
import dev.vecnn.kernels.simd.Simd;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What {@code vecnn bench} measures: the vector FMA peak, then every kernel the reference network
 * (docs/DESIGN.md: conv(32,3) relu maxpool(2) conv(64,3) relu maxpool(2) flatten dense(128) relu
 * dense(10), Adam) runs, at its shapes, plus one representative of each family it does not use,
 * and square GEMMs. Convolutions and pooling run channels-last, as the engine lays them out.
 * Problems are descriptor strings, so every row can be rerun alone in JMH.
 */
public final class BenchSuite {
    /** One row: a kernel method (family.method) at one problem. */
    public record Case(String name, String descriptor) {
        /** The name of the family that runs this problem, as in {@link Registry#FAMILIES}. */
        public String family() {
            return Problem.parse(descriptor).family().name();
        }
    }

    /** The reference network's parameters: conv1 32*1*3*3 + 32, conv2 64*32*3*3 + 64, dense 1600*128 + 128, 128*10 + 10. */
    static final int NETWORK_PARAMETERS = 320 + 18_496 + 204_928 + 1_290;
    private static final long SEED = 42;
    /**
     * The peak is the best of several measurements: on the shared 2-core machine one 2-thread
     * measurement in five or so came out at 230-300 GFLOP/s instead of about 500, when the host
     * took one of the cores away for a moment; nothing makes a measurement faster than the peak.
     */
    private static final int PEAK_ATTEMPTS = 5;

    private BenchSuite() {}

    /** Every row, in the order the network runs them, then GEMMs of the given square sizes. */
    public static List<Case> cases(int batch, List<Integer> gemmSizes) {
        String mb = "mb" + batch;
        String conv1 = mb + "ic1ih28oc32kh3nhwc1", conv2 = mb + "ic32ih13oc64kh3nhwc1";
        String pool1 = mb + "ic32ih26kh2nhwc1", pool2 = mb + "ic64ih11kh2nhwc1";
        String dense1 = mb + "ic1600oc128", dense2 = mb + "ic128oc10";
        List<Case> cases = new ArrayList<>();
        for (String conv : List.of(conv1, conv2)) {
            cases.add(new Case("conv2d.forward", "conv:" + conv));
            cases.add(new Case("conv2d.backwardData", "conv-bwd-data:" + conv));
            cases.add(new Case("conv2d.backwardWeights", "conv-bwd-weights:" + conv));
        }
        // The fused pass: conv + bias + relu + maxpool(2), as the inference plan runs both layers, and
        // with the windows' winners as the training plan runs conv2.
        cases.add(new Case("convrelupool.forward", "conv-relu-pool:" + conv1 + "pool2"));
        cases.add(new Case("convrelupool.forward", "conv-relu-pool:" + conv2 + "pool2"));
        cases.add(new Case("convrelupool.forward", "conv-relu-pool:" + conv2 + "pool2argmax1"));
        cases.add(new Case("im2col.im2col", "im2col:ic32ih13kh3"));
        cases.add(new Case("im2col.col2im", "col2im:ic32ih13kh3"));
        for (String pool : List.of(pool1, pool2)) {
            cases.add(new Case("pooling.maxForward", "maxpool:" + pool));
            cases.add(new Case("pooling.maxBackward", "maxpool-bwd:" + pool));
            cases.add(new Case("pooling.maxReluForward", "maxpoolrelu:" + pool));
            cases.add(new Case("pooling.maxReluBackward", "maxpoolrelu-bwd:" + pool));
        }
        cases.add(new Case("pooling.avgForward", "avgpool:" + pool1));
        cases.add(new Case("pooling.avgBackward", "avgpool-bwd:" + pool1));
        for (String dense : List.of(dense1, dense2)) {
            cases.add(new Case("dense.forward", "dense:" + dense));
            cases.add(new Case("dense.backwardData", "dense-bwd-data:" + dense));
            cases.add(new Case("dense.backwardWeights", "dense-bwd-weights:" + dense));
        }
        int conv1Output = batch * 32 * 26 * 26;
        cases.add(new Case("activations.relu", "relu:n" + conv1Output));
        cases.add(new Case("activations.reluBackward", "relu-bwd:n" + conv1Output));
        cases.add(new Case("losses.softmaxCrossEntropy", "softmax-xent:" + mb + "c10"));
        String conv1Channels = mb + "ic32sp676";
        cases.add(new Case("batchnorm.normalize", "bnorm-norm:" + conv1Channels));
        cases.add(new Case("batchnorm.backwardReduce", "bnorm-bwd-reduce:" + conv1Channels));
        cases.add(new Case("batchnorm.backwardData", "bnorm-bwd-data:" + conv1Channels));
        cases.add(new Case("dropout.apply", "dropout:n" + batch * 128));
        cases.add(new Case("optimizers.adam", "adam:n" + NETWORK_PARAMETERS));
        // One pass of elastic distortion's Gaussian (sigma 4) over a 28 x 28 field: four per image.
        cases.add(new Case("taps.elastic", "taps:n784k25s28"));
        for (int size : gemmSizes) cases.add(new Case("gemm", "gemm:m" + size + "n" + size + "k" + size));
        return cases;
    }

    /** The vector FMA peak in GFLOP/s of the timer's threads together; empty without the Vector API module. */
    public static OptionalDouble peakGflops(Timer timer, Budget budget) {
        if (!SimdSetting.vectorModulePresent()) return OptionalDouble.empty();
        double best = 0;
        for (int attempt = 0; attempt < PEAK_ATTEMPTS; attempt++) best = Math.max(best, Peak.gflops(timer, budget));
        return OptionalDouble.of(best);
    }

    /** How the peak is measured, for the report. */
    public static String peakDescription() {
        if (!SimdSetting.vectorModulePresent()) return "the Vector API module is missing";
        return FmaPeak.CHAINS + " independent FMA chains of " + FmaPeak.vectorBits() + "-bit vectors";
    }

    /** Which simd kernels run, for the report. */
    public static String simdDescription() {
        if (!Registry.SIMD_ENABLED) return "off (-Dvecnn.simd=0 or no Vector API module): the simd column repeats the reference";
        return Simd.SPECIES.vectorBitSize() + "-bit vectors";
    }

    /** The reference twin and the simd default of the case's family, each timed on its own operands. */
    public static KernelFigure measure(Case benchCase, Timer timer, Budget budget) {
        Problem<?> problem = Problem.parse(benchCase.descriptor());
        Family<?> family = problem.family();
        Timer.Timing reference = time(problem, family.reference(), timer, budget);
        Timer.Timing simd = family.simd() == family.reference() ? reference : time(problem, family.simd(), timer, budget);
        double flops = timer.threads() * problem.flops();
        return new KernelFigure(benchCase.name(), problem.descriptor(), flops / reference.secondsPerCall() * 1e-9,
                flops / simd.secondsPerCall() * 1e-9, simd.bytesPerCall());
    }

    private static Timer.Timing time(Problem<?> problem, Kernel kernel, Timer timer, Budget budget) {
        List<Runnable> copies = new ArrayList<>(timer.threads());
        for (int t = 0; t < timer.threads(); t++)
            copies.add(new Repeat(problem.bind(kernel, problem.prepare(SEED + t))));
        return timer.time(copies, budget);
    }

    /** One copy's kernel call; the scalar result (a loss) is kept so the JIT cannot drop its computation. */
    private static final class Repeat implements Runnable {
        private final Call call;
        private double sink;

        Repeat(Call call) {
            this.call = call;
        }

        @Override
        public void run() {
            sink += call.run();
        }
    }
}
