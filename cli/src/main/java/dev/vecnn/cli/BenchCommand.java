package dev.vecnn.cli;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.augment.Augmentation;
import dev.vecnn.engine.data.DataSource;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.spec.SpecException;
import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Kernels;
import dev.vecnn.kernels.Registry;
import dev.vecnn.measure.BenchSuite;
import dev.vecnn.measure.Budget;
import dev.vecnn.measure.KernelFigure;
import dev.vecnn.measure.Timer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/** {@code vecnn bench}: kernel throughput, reference against simd, without JMH; or training or inference throughput. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
                "Measures this machine's vector FMA peak, then every kernel, reference against simd, at the shapes "
                        + "of the reference network (docs/DESIGN.md) and at square GEMMs, in GFLOP/s.",
                "Each figure is the median of timed runs after a warm-up. With --copies N, N copies of each "
                        + "kernel (and of the peak loop) run at once on their own buffers and their throughput adds up.",
                "With --train: the steady-state training throughput of the reference network (the default of "
                        + "vecnn train: Adam 1e-3, batch 64) in images/s and GFLOP/s after a warm-up, the time of every "
                        + "layer's forward, backward-data and backward-weights passes, of the gradient reduction and of "
                        + "the optimiser, the bytes allocated per batch and the garbage collections.",
                "With --infer: the warm inference throughput of the reference network (or of --model FILE) on the test "
                        + "images, through the inference plan eval and predict run, in images/s and GFLOP/s, and the time of "
                        + "every layer as the plan runs it (fused, channels-last).",
                "For statistically careful figures use the JMH benchmarks (bench/README.md)."})
final class BenchCommand implements Callable<Integer> {
    private static final List<Integer> GEMM_SIZES = List.of(128, 256, 512, 1024);
    private static final List<Integer> QUICK_GEMM_SIZES = List.of(128, 256);
    /** Limits that keep every copy's operands within a default heap. */
    private static final int MAX_COPIES = 256, MAX_BATCH = 1024, MAX_GEMM_SIZE = 4096;
    /** Options of one mode only, as the user spells them. */
    private static final List<String> KERNEL_OPTIONS = List.of("--quick", "--gemm-sizes", "--only", "--copies");
    private static final List<String> RUN_OPTIONS = List.of("--data", "--batches", "--warmup", "--threads", "--kernels");
    /** Batches warmed up and measured by default: training's and inference's (a tenth of the work per batch). */
    private static final int TRAIN_BATCHES = 200, INFER_BATCHES = 2000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "A few seconds instead of about a minute: shorter runs, GEMMs up to 256.")
    boolean quick;

    @Option(names = "--copies", paramLabel = "N",
            description = "Copies of each kernel (and of the peak loop) run at once, each on its own buffers and "
                    + "thread, their throughput added up (default: 1).")
    Integer copies;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
            description = "Batch size of the network shapes, the mini-batch size with --train, the images per parallel "
                    + "run with --infer (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--train", description = "Measure training steps of the reference network instead of single kernels.")
    boolean train;

    @Option(names = "--infer", description = "Measure inference of the reference network (or --model) on test images.")
    boolean infer;

    @Option(names = "--model", paramLabel = "FILE",
            description = "With --infer: a model file or run directory to measure instead of the reference network.")
    Path model;

    @Mixin
    DataOptions data;

    @Option(names = "--batches", paramLabel = "N",
            description = "With --train or --infer: batches measured (default: " + TRAIN_BATCHES + "; --infer " + INFER_BATCHES + ").")
    Integer batches;

    @Option(names = "--warmup", paramLabel = "N",
            description = "With --train or --infer: batches run first, untimed, for the JIT (default: " + TRAIN_BATCHES
                    + "; --infer " + INFER_BATCHES + ").")
    Integer warmup;

    @Option(names = "--augment", paramLabel = "LIST", defaultValue = "none", converter = Converters.AugmentationConverter.class,
            description = "With --train: load the images through this augmentation, as vecnn train --augment does; its "
                    + "cost shows in the load row (default: ${DEFAULT-VALUE}).")
    Augmentation augment;

    /** With --train or --infer: the worker threads and kernels, as in vecnn train and eval. */
    @Mixin
    ComputeOptions compute;

    @Mixin
    OutputOptions output;

    @Option(names = "--gemm-sizes", paramLabel = "N", split = ",",
            description = "Square GEMM sizes, comma-separated (default: 128,256,512,1024; with --quick 128,256).")
    List<Integer> gemmSizes;

    @Option(names = "--only", paramLabel = "FAMILY", split = ",",
            description = "Measure only these kernel families, comma-separated (gemm, conv2d, pooling, ...).")
    List<String> only;

    @Override
    public Integer call() throws IOException {
        validate();
        if (train) return trainBench();
        if (infer) return inferBench();
        Budget budget = quick ? Budget.QUICK : Budget.FULL;
        List<Integer> sizes = gemmSizes != null ? gemmSizes : quick ? QUICK_GEMM_SIZES : GEMM_SIZES;
        PrintWriter out = spec.commandLine().getOut();
        List<KernelFigure> figures = new ArrayList<>();
        try (Timer timer = new Timer(copies())) {
            OptionalDouble peak = BenchSuite.peakGflops(timer, budget);
            if (!output.json) printHeader(out, peak);
            for (BenchSuite.Case benchCase : BenchSuite.cases(batch, sizes)) {
                if (only != null && !only.contains(benchCase.family())) continue;
                KernelFigure figure = BenchSuite.measure(benchCase, timer, budget);
                figures.add(figure);
                if (!output.json) printRow(out, figure, peak);
            }
            if (output.json) Json.print(out, new KernelReport(peak.isPresent() ? peak.getAsDouble() : null,
                    copies(), Registry.simdVectorBits(), figures));
        }
        out.flush();
        return 0;
    }

    private int copies() {
        return copies != null ? copies : 1;
    }

    private void validate() {
        if (train && infer) throw Usage.error(spec, "--train and --infer measure different things: give one of them");
        String mode = train ? "--train" : "--infer";
        for (String option : train || infer ? KERNEL_OPTIONS : RUN_OPTIONS)
            if (spec.commandLine().getParseResult().hasMatchedOption(option))
                throw Usage.error(spec, option + (train || infer ? " measures kernels: it cannot be given with " + mode
                        : option.equals("--threads") ? " sets the worker threads: it needs --train or --infer "
                        + "(for copies of each kernel running at once: --copies N)" : " needs --train or --infer"));
        if (model != null && !infer) throw Usage.error(spec, "--model needs --infer");
        if (spec.commandLine().getParseResult().hasMatchedOption("--augment") && !train)
            throw Usage.error(spec, "--augment needs --train");
        if (copies() < 1 || copies() > MAX_COPIES)
            throw Usage.error(spec, "--copies must be between 1 and " + MAX_COPIES + ", not " + copies());
        if (batch < 1 || batch > MAX_BATCH) throw Usage.error(spec, "--batch must be between 1 and " + MAX_BATCH + ", not " + batch);
        if (gemmSizes != null)
            for (int size : gemmSizes)
                if (size < 1 || size > MAX_GEMM_SIZE)
                    throw Usage.error(spec, "--gemm-sizes must each be between 1 and " + MAX_GEMM_SIZE + ", not " + size);
        if (only != null) {
            List<String> families = Registry.FAMILIES.stream().map(Family::name).toList();
            for (String family : only)
                if (!families.contains(family))
                    throw Usage.error(spec, "--only: no kernel family '" + family + "' (expected " + String.join(", ", families) + ")");
        }
        if (batches() < 1) throw Usage.error(spec, "--batches must be at least 1, not " + batches());
        if (warmup() < 0) throw Usage.error(spec, "--warmup must be at least 0, not " + warmup());
    }

    private int batches() {
        return batches != null ? batches : infer ? INFER_BATCHES : TRAIN_BATCHES;
    }

    private int warmup() {
        return warmup != null ? warmup : infer ? INFER_BATCHES : TRAIN_BATCHES;
    }

    /** {@code --train}: the reference network trained on --data (or the sample), timed per layer and pass. */
    private int trainBench() throws IOException {
        Dataset images = (data.data == null ? DataSource.bundledSample() : DataSource.directory(data.data)).train();
        if (images.count() < batch)
            throw Usage.error(spec, "--batch " + batch + " needs at least " + batch + " training images; " + images.name() + " has "
                    + images.count());
        Shape input = new Shape(images.channels(), images.height(), images.width());
        Model model;
        try {
            model = Model.build(TrainCommand.REFERENCE_NETWORK, input, 1);
        } catch (SpecException e) {
            throw new UserError(images.name() + " holds " + input + " images, too small for the reference network: " + e.getMessage());
        }
        Kernels kernels = compute.kernels();
        TrainBench.Figures figures = TrainBench.measure(model, images, kernels, compute.threads(), batch, warmup(), batches(),
                augment);
        TrainBenchReport.Run run = new TrainBenchReport.Run(model.spec(), images.name(), images.count(), input.toString(),
                KernelsInUse.of(kernels), warmup());
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) TrainBenchReport.json(out, run, figures);
        else TrainBenchReport.text(out, run, figures);
        return 0;
    }

    /**
     * {@code --infer}: the reference network with fresh weights on the test images of --data (or the
     * sample), or --model on its own test data (or --data), through the inference plan.
     */
    private int inferBench() throws IOException {
        Model network;
        Dataset test;
        String file = null;
        if (this.model != null) {
            SavedModel saved = SavedModel.read(this.model);
            network = saved.model();
            test = TestData.choose(data.data, saved, spec.commandLine().getErr()).test();
            file = saved.file().toString();
        } else {
            test = (data.data == null ? DataSource.bundledSample() : DataSource.directory(data.data)).test();
            Shape input = new Shape(test.channels(), test.height(), test.width());
            try {
                network = Model.build(TrainCommand.REFERENCE_NETWORK, input, 1);
            } catch (SpecException e) {
                throw new UserError(test.name() + " holds " + input + " images, too small for the reference network: "
                        + e.getMessage());
            }
        }
        if (test.count() < batch)
            throw Usage.error(spec, "--batch " + batch + " needs at least " + batch + " test images; " + test.name() + " has "
                    + test.count());
        Kernels kernels = compute.kernels();
        InferBench.Figures figures = InferBench.measure(network, test, kernels, compute.threads(), batch, warmup(), batches());
        InferBenchReport.Run run = new InferBenchReport.Run(network.spec(), file, test.name(), test.count(),
                network.input().toString(), KernelsInUse.of(kernels), warmup());
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) InferBenchReport.json(out, run, figures);
        else InferBenchReport.text(out, run, figures);
        return 0;
    }

    private static final String ROW = "%-28s %-36s %10s %10s %8s %9s %10s%n";

    /** The --json document of the kernel measurements; peakGflops is null without the Vector API module. */
    private record KernelReport(Double peakGflops, int copies, int vectorBits, List<KernelFigure> kernels) {}

    private void printHeader(PrintWriter out, OptionalDouble peak) {
        out.printf(Locale.ROOT, "vector FMA peak: %s GFLOP/s (%d cop%s; %s)%n",
                peak.isPresent() ? gflops(peak.getAsDouble()) : "unknown", copies(), copies() == 1 ? "y" : "ies at once",
                BenchSuite.peakDescription());
        out.printf(Locale.ROOT, "simd kernels: %s%n", BenchSuite.simdDescription());
        out.printf(Locale.ROOT, "each figure: the median of timed runs after a warm-up%s%n",
                quick ? " (--quick: short runs, rough figures)" : "");
        out.printf(Locale.ROOT, "simd alloc above 0: C2 had not compiled the kernel in time, or the kernel allocates%n%n");
        out.printf(Locale.ROOT, ROW, "kernel", "shape", "reference", "simd", "speedup", "% of peak", "simd alloc");
        out.printf(Locale.ROOT, ROW, "", "", "GFLOP/s", "GFLOP/s", "", "", "B/call");
        out.flush();
    }

    private static void printRow(PrintWriter out, KernelFigure figure, OptionalDouble peak) {
        String ofPeak = peak.isPresent()
                ? String.format(Locale.ROOT, "%.1f%%", 100 * figure.simdGflops() / peak.getAsDouble()) : "-";
        out.printf(Locale.ROOT, ROW, figure.name(), figure.shape(), gflops(figure.referenceGflops()),
                gflops(figure.simdGflops()), String.format(Locale.ROOT, "%.1fx", figure.speedup()), ofPeak,
                String.format(Locale.ROOT, "%.0f", figure.simdBytesPerCall()));
        out.flush();
    }

    private static String gflops(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }
}
