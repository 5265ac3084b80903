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
import dev.vecnn.kernels.measure.BenchSuite;
import dev.vecnn.kernels.measure.Budget;
import dev.vecnn.kernels.measure.KernelFigure;
import dev.vecnn.kernels.measure.Timer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/** {@code vecnn bench}: kernel throughput, reference against simd, without JMH; or training throughput. */
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
                "For statistically careful figures use the JMH benchmarks (bench/README.md)."})
final class BenchCommand implements Callable<Integer> {
    private static final List<Integer> GEMM_SIZES = List.of(128, 256, 512, 1024);
    private static final List<Integer> QUICK_GEMM_SIZES = List.of(128, 256);
    /** Limits that keep every copy's operands within a default heap. */
    private static final int MAX_COPIES = 256, MAX_BATCH = 1024, MAX_GEMM_SIZE = 4096;
    /** Options of one mode only, as the user spells them. */
    private static final List<String> KERNEL_OPTIONS = List.of("--quick", "--gemm-sizes", "--only", "--copies");
    private static final List<String> TRAIN_OPTIONS = List.of("--data", "--batches", "--warmup", "--threads", "--kernels",
            "--augment");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "A few seconds instead of about a minute: shorter runs, GEMMs up to 256.")
    boolean quick;

    @Option(names = "--copies", paramLabel = "N",
            description = "Copies of each kernel (and of the peak loop) run at once, each on its own buffers and "
                    + "thread, their throughput added up (default: 1).")
    Integer copies;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
            description = "Batch size of the network shapes, and the mini-batch size with --train (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--train", description = "Measure training steps of the reference network instead of single kernels.")
    boolean train;

    @Mixin
    DataOptions data;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "200",
            description = "With --train: mini-batches measured (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "200",
            description = "With --train: mini-batches trained first, untimed, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--augment", paramLabel = "LIST", defaultValue = "none", converter = Converters.AugmentationConverter.class,
            description = "With --train: load the images through this augmentation, as vecnn train --augment does; its "
                    + "cost shows in the load row (default: ${DEFAULT-VALUE}).")
    Augmentation augment;

    /** With --train: the trainer's worker threads and kernels, as in vecnn train. */
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
        for (String option : train ? KERNEL_OPTIONS : TRAIN_OPTIONS)
            if (spec.commandLine().getParseResult().hasMatchedOption(option))
                throw Usage.error(spec, option + (train ? " measures kernels: it cannot be given with --train"
                        : option.equals("--threads") ? " sets the trainer's worker threads: it needs --train "
                        + "(for copies of each kernel running at once: --copies N)" : " needs --train"));
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
        if (batches < 1) throw Usage.error(spec, "--batches must be at least 1, not " + batches);
        if (warmup < 0) throw Usage.error(spec, "--warmup must be at least 0, not " + warmup);
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
        TrainBench.Figures figures = TrainBench.measure(model, images, kernels, compute.threads(), batch, warmup, batches,
                augment);
        TrainBenchReport.Run run = new TrainBenchReport.Run(model.spec(), images.name(), images.count(), input.toString(),
                KernelsInUse.of(kernels), warmup);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) TrainBenchReport.json(out, run, figures);
        else TrainBenchReport.text(out, run, figures);
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
