package dev.vecnn.cli;

import dev.vecnn.engine.Shape;
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
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/** {@code vecnn bench}: kernel throughput, reference against simd, without JMH; or training throughput. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
                "Measures this machine's vector FMA peak, then every kernel, reference against simd, at the shapes "
                        + "of the reference network (DESIGN.md) and at square GEMMs, in GFLOP/s.",
                "Each figure is the median of timed runs after a warm-up. With --threads T, T copies of each "
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
    private static final int MAX_THREADS = 256, MAX_BATCH = 1024, MAX_GEMM_SIZE = 4096;
    /** Options of one mode only, as the user spells them. */
    private static final List<String> KERNEL_OPTIONS = List.of("--quick", "--gemm-sizes", "--only");
    private static final List<String> TRAIN_OPTIONS = List.of("--data", "--batches", "--warmup", "--kernels");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "A few seconds instead of about a minute: shorter runs, GEMMs up to 256.")
    boolean quick;

    @Option(names = "--json", description = "Print one JSON object: {\"peakGflops\", \"kernels\": [{\"name\", \"shape\", "
            + "\"referenceGflops\", \"simdGflops\"}]}; with --train {\"imagesPerSecond\", \"gflops\", \"peakGflops\", "
            + "\"allocatedBytesPerBatch\", \"gcCount\", ..., \"layers\": [{\"name\", \"pass\", \"seconds\", \"gflops\", ...}]}.")
    boolean json;

    @Option(names = "--threads", paramLabel = "T",
            description = "Copies of each kernel run at once (default: 1); with --train the trainer's worker threads "
                    + "(default: every core).")
    Integer threads;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
            description = "Batch size of the network shapes, and the mini-batch size with --train (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--train", description = "Measure training steps of the reference network instead of single kernels.")
    boolean train;

    @Option(names = "--data", paramLabel = "DIR",
            description = "With --train: a directory of MNIST-layout IDX files to train on (default: the bundled MNIST sample).")
    Path data;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "200",
            description = "With --train: mini-batches measured (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "200",
            description = "With --train: mini-batches trained first, untimed, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--kernels", paramLabel = "NAME", defaultValue = Kernels.SIMD,
            description = "With --train: simd (Vector API) or reference (plain loops); default ${DEFAULT-VALUE}.")
    String kernels;

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
        try (Timer timer = new Timer(threads())) {
            OptionalDouble peak = BenchSuite.peakGflops(timer, budget);
            if (!json) printHeader(out, peak);
            for (BenchSuite.Case benchCase : BenchSuite.cases(batch, sizes)) {
                if (only != null && !only.contains(benchCase.family())) continue;
                KernelFigure figure = BenchSuite.measure(benchCase, timer, budget);
                figures.add(figure);
                if (!json) printRow(out, figure, peak);
            }
            if (json) printJson(out, peak, figures);
        }
        out.flush();
        return 0;
    }

    private int threads() {
        return threads != null ? threads : train ? Runtime.getRuntime().availableProcessors() : 1;
    }

    private void validate() {
        for (String option : train ? KERNEL_OPTIONS : TRAIN_OPTIONS)
            if (spec.commandLine().getParseResult().hasMatchedOption(option))
                throw usage(option + (train ? " measures kernels: it cannot be given with --train" : " needs --train"));
        if (threads() < 1 || threads() > MAX_THREADS)
            throw usage("--threads must be between 1 and " + MAX_THREADS + ", not " + threads());
        if (batch < 1 || batch > MAX_BATCH) throw usage("--batch must be between 1 and " + MAX_BATCH + ", not " + batch);
        if (gemmSizes != null)
            for (int size : gemmSizes)
                if (size < 1 || size > MAX_GEMM_SIZE)
                    throw usage("--gemm-sizes must each be between 1 and " + MAX_GEMM_SIZE + ", not " + size);
        if (only != null) {
            List<String> families = Registry.FAMILIES.stream().map(Family::name).toList();
            for (String family : only)
                if (!families.contains(family))
                    throw usage("--only: no kernel family '" + family + "' (expected " + String.join(", ", families) + ")");
        }
        if (batches < 1) throw usage("--batches must be at least 1, not " + batches);
        if (warmup < 0) throw usage("--warmup must be at least 0, not " + warmup);
        if (!kernels.equals(Kernels.SIMD) && !kernels.equals(Kernels.REFERENCE))
            throw usage("--kernels must be simd or reference, not '" + kernels + "'");
    }

    /** {@code --train}: the reference network trained on --data (or the sample), timed per layer and pass. */
    private int trainBench() throws IOException {
        Dataset images = (data == null ? DataSource.bundledSample() : DataSource.directory(data)).train();
        if (images.count() < batch)
            throw usage("--batch " + batch + " needs at least " + batch + " training images; " + images.name() + " has "
                    + images.count());
        Shape input = new Shape(images.channels(), images.height(), images.width());
        Model model;
        try {
            model = Model.build(TrainCommand.REFERENCE_NETWORK, input, 1);
        } catch (SpecException e) {
            throw new UserError(images.name() + " holds " + input + " images, too small for the reference network: " + e.getMessage());
        }
        TrainBench.Figures figures = TrainBench.measure(model, images, Kernels.named(kernels), threads(), batch, warmup, batches);
        TrainBenchReport.Run run = new TrainBenchReport.Run(model.spec(), images.name(), images.count(), input.toString(),
                kernels, warmup);
        PrintWriter out = spec.commandLine().getOut();
        if (json) TrainBenchReport.json(out, run, figures);
        else TrainBenchReport.text(out, run, figures);
        return 0;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static final String ROW = "%-28s %-36s %10s %10s %8s %9s %10s%n";

    private void printHeader(PrintWriter out, OptionalDouble peak) {
        out.printf(Locale.ROOT, "vector FMA peak: %s GFLOP/s (%d thread%s; %s)%n",
                peak.isPresent() ? gflops(peak.getAsDouble()) : "unknown", threads(), threads() == 1 ? "" : "s",
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

    private static void printJson(PrintWriter out, OptionalDouble peak, List<KernelFigure> figures) {
        StringBuilder text = new StringBuilder("{\"peakGflops\": ")
                .append(peak.isPresent() ? JsonText.number(peak.getAsDouble(), 3) : "null")
                .append(", \"kernels\": [");
        for (int i = 0; i < figures.size(); i++) {
            KernelFigure figure = figures.get(i);
            text.append(i == 0 ? "\n  " : ",\n  ")
                    .append("{\"name\": ").append(JsonText.string(figure.name()))
                    .append(", \"shape\": ").append(JsonText.string(figure.shape()))
                    .append(", \"referenceGflops\": ").append(JsonText.number(figure.referenceGflops(), 3))
                    .append(", \"simdGflops\": ").append(JsonText.number(figure.simdGflops(), 3))
                    .append('}');
        }
        out.println(text.append(figures.isEmpty() ? "]}" : "\n]}"));
    }
}
