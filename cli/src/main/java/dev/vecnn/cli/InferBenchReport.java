package dev.vecnn.cli;

import dev.vecnn.engine.train.StepProfile;
import dev.vecnn.measure.BenchSuite;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** What {@code vecnn bench --infer} prints: a table for people, or one JSON object ({@code --json}). */
final class InferBenchReport {
    /** What ran: the network (and its file, or null for fresh weights), the test images and the kernels. */
    record Run(String spec, String model, String data, int images, String input, KernelsInUse kernels, int warmup) {}

    private static final String ROW = "%3s  %-38s %10s %10s %9s%n";

    private InferBenchReport() {}

    static void text(PrintWriter out, Run run, InferBench.Figures f) {
        out.printf(Locale.ROOT, "network     %s%n", run.spec() + (run.model() == null ? " (fresh weights)" : " (" + run.model() + ")"));
        out.printf(Locale.ROOT, "data        %s: %,d test images %s, accuracy %s%n", run.data(), run.images(), run.input(),
                TrainingReport.percent(f.accuracy()));
        out.printf(Locale.ROOT, "inference   batch %d, %d thread%s, %s; %d batches measured after %d of warm-up%n",
                f.batchSize(), f.threads(), f.threads() == 1 ? "" : "s", run.kernels().describe(), f.batches(), run.warmup());
        out.printf(Locale.ROOT, "peak        %s GFLOP/s vector FMA on %d thread%s (%s)%n", number(f.peakGflops()),
                f.threads(), f.threads() == 1 ? "" : "s", BenchSuite.peakDescription());
        out.println();
        out.printf(Locale.ROOT, "throughput  %,.0f images/s, %.3f ms per batch%n", f.imagesPerSecond(), 1e3 * f.secondsPerBatch());
        out.printf(Locale.ROOT, "compute     %s GFLOP/s (%.2f MFLOP per image, the forward pass as the plan runs it), "
                + "%s of peak%n", number(f.gflops()), f.flopsPerImage() * 1e-6, percent(f.shareOfPeak()));
        out.printf(Locale.ROOT, "memory      %s bytes allocated per batch (all threads), %d garbage collection%s%n",
                Double.isNaN(f.allocatedBytesPerBatch()) ? "unknown" : String.format(Locale.ROOT, "%,.0f", f.allocatedBytesPerBatch()),
                f.gcCount(), f.gcCount() == 1 ? "" : "s");
        out.println();
        out.println("thread-s: seconds summed over the threads that ran the operation; % of time: of threads x wall time;");
        out.println("GFLOP/s: the operation's flops over its thread-seconds, the rate of one thread");
        out.printf(Locale.ROOT, ROW, "#", "layer (as the inference plan runs it)", "thread-s", "% of time", "GFLOP/s");
        for (StepProfile.Row row : f.rows())
            out.printf(Locale.ROOT, ROW, row.layer() == 0 ? "" : Integer.toString(row.layer()), row.name(),
                    String.format(Locale.ROOT, "%.4f", row.seconds()), percent(f.share(row)), number(f.gflops(row)));
        double untimed = f.threads() * f.seconds() - f.timedSeconds();
        out.printf(Locale.ROOT, ROW, "", "(untimed: waiting, hand-off)", String.format(Locale.ROOT, "%.4f", untimed),
                percent(untimed / (f.threads() * f.seconds())), "-");
        out.flush();
    }

    /** The --json document; layer is null for the rows that belong to no layer (load, score). */
    private record Report(double imagesPerSecond, double gflops, double peakGflops, int batch, int threads, double accuracy,
                          double allocatedBytesPerBatch, long gcCount, double secondsPerBatch, double flopsPerImage,
                          int batches, int warmup, String kernels, int vectorBits, String spec, String model, String data,
                          List<Layer> layers) {}

    private record Layer(String name, String pass, double seconds, double gflops, Integer layer, double share) {}

    static void json(PrintWriter out, Run run, InferBench.Figures f) {
        List<Layer> layers = f.rows().stream().map(row -> new Layer(row.name(), row.part().label(), row.seconds(),
                f.gflops(row), row.layer() == 0 ? null : row.layer(), f.share(row))).toList();
        Json.print(out, new Report(f.imagesPerSecond(), f.gflops(), f.peakGflops(), f.batchSize(), f.threads(), f.accuracy(),
                f.allocatedBytesPerBatch(), f.gcCount(), f.secondsPerBatch(), f.flopsPerImage(), f.batches(), run.warmup(),
                run.kernels().running(), run.kernels().vectorBits(), run.spec(), run.model(), run.data(), layers));
    }

    private static String number(double value) {
        if (Double.isNaN(value)) return "-";
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
