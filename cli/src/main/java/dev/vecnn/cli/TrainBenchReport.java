package dev.vecnn.cli;

import dev.vecnn.engine.train.StepProfile;
import dev.vecnn.measure.BenchSuite;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** What {@code vecnn bench --train} prints: a table for people, or one JSON object ({@code --json}). */
final class TrainBenchReport {
    /** What was trained: the network, where the images came from, how many and their shape, and the kernels. */
    record Run(String spec, String data, int images, String input, KernelsInUse kernels, int warmup) {}

    private static final String UNTIMED = "(untimed)";

    private TrainBenchReport() {}

    static void text(PrintWriter out, Run run, TrainBench.Figures f) {
        out.printf(Locale.ROOT, "network     %s%n", run.spec());
        out.printf(Locale.ROOT, "data        %s: %,d training images %s%n", run.data(), run.images(), run.input());
        out.printf(Locale.ROOT, "training    batch %d, adam lr 0.001, %d thread%s, %s; %d batches measured after %d "
                        + "of warm-up%n", f.batchSize(), f.threads(), f.threads() == 1 ? "" : "s", run.kernels().describe(),
                f.batches(), run.warmup());
        out.printf(Locale.ROOT, "peak        %s GFLOP/s vector FMA on %d thread%s (%s)%n", number(f.peakGflops()),
                f.threads(), f.threads() == 1 ? "" : "s", BenchSuite.peakDescription());
        out.println();
        out.printf(Locale.ROOT, "throughput  %,.0f images/s, %.2f ms per batch%n", f.imagesPerSecond(), 1e3 * f.secondsPerBatch());
        out.printf(Locale.ROOT, "compute     %s GFLOP/s (%.2f MFLOP per image: forward, backward-data, backward-weights), "
                + "%s of peak%n", number(f.gflops()), f.flopsPerImage() * 1e-6, percent(f.shareOfPeak()));
        out.printf(Locale.ROOT, "memory      %s bytes allocated per batch (all threads), %d garbage collection%s%n",
                Double.isNaN(f.allocatedBytesPerBatch()) ? "unknown" : String.format(Locale.ROOT, "%,.0f", f.allocatedBytesPerBatch()),
                f.gcCount(), f.gcCount() == 1 ? "" : "s");
        out.println();
        out.println("thread-s: seconds summed over the threads that ran the operation; % of step: of threads x wall time;");
        out.println("GFLOP/s: the operation's flops over its thread-seconds, the rate of one thread");
        // As wide as the longest layer name, so a fused layer's ("conv(64,3) relu maxpool(2)") keeps the columns aligned.
        int nameWidth = Math.max(UNTIMED.length(), f.rows().stream().mapToInt(row -> row.name().length()).max().orElse(0));
        String rowFormat = "%3s  %-" + nameWidth + "s %-18s %10s %10s %9s%n";
        out.printf(Locale.ROOT, rowFormat, "#", "layer", "pass", "thread-s", "% of step", "GFLOP/s");
        for (StepProfile.Row row : f.rows())
            out.printf(Locale.ROOT, rowFormat, row.layer() == 0 ? "" : Integer.toString(row.layer()), row.name(),
                    row.part().label(), String.format(Locale.ROOT, "%.4f", row.seconds()), percent(f.share(row)),
                    number(f.gflops(row)));
        double untimed = f.threads() * f.seconds() - f.timedSeconds();
        out.printf(Locale.ROOT, rowFormat, "", UNTIMED, "waiting, hand-off", String.format(Locale.ROOT, "%.4f", untimed),
                percent(untimed / (f.threads() * f.seconds())), "-");
        out.flush();
    }

    /** The --json document; layer is null for the rows that belong to no layer (load, loss, reduction, optimiser). */
    private record Report(double imagesPerSecond, double gflops, double peakGflops, double allocatedBytesPerBatch,
                          long gcCount, double secondsPerBatch, double flopsPerImage, int threads, int batchSize,
                          int batches, int warmup, String kernels, int vectorBits, String spec, String data,
                          List<Layer> layers) {}

    private record Layer(String name, String pass, double seconds, double gflops, Integer layer, double share) {}

    static void json(PrintWriter out, Run run, TrainBench.Figures f) {
        List<Layer> layers = f.rows().stream().map(row -> new Layer(row.name(), row.part().label(), row.seconds(),
                f.gflops(row), row.layer() == 0 ? null : row.layer(), f.share(row))).toList();
        Json.print(out, new Report(f.imagesPerSecond(), f.gflops(), f.peakGflops(), f.allocatedBytesPerBatch(),
                f.gcCount(), f.secondsPerBatch(), f.flopsPerImage(), f.threads(), f.batchSize(), f.batches(),
                run.warmup(), run.kernels().running(), run.kernels().vectorBits(), run.spec(), run.data(), layers));
    }

    private static String number(double value) {
        if (Double.isNaN(value)) return "-";
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
