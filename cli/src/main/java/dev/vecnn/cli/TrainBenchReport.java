package dev.vecnn.cli;

import dev.vecnn.engine.train.StepProfile;
import dev.vecnn.kernels.measure.BenchSuite;

import java.io.PrintWriter;
import java.util.Locale;

/** What {@code vecnn bench --train} prints: a table for people, or one JSON object ({@code --json}). */
final class TrainBenchReport {
    /** What was trained: the network, where the images came from, how many and their shape, and the kernels. */
    record Run(String spec, String data, int images, String input, String kernels, int warmup) {}

    private static final String ROW = "%3s  %-14s %-18s %10s %10s %9s%n";

    private TrainBenchReport() {}

    static void text(PrintWriter out, Run run, TrainBench.Figures f) {
        out.printf(Locale.ROOT, "network     %s%n", run.spec());
        out.printf(Locale.ROOT, "data        %s: %,d training images %s%n", run.data(), run.images(), run.input());
        out.printf(Locale.ROOT, "training    batch %d, adam lr 0.001, %d thread%s, %s kernels; %d batches measured after %d "
                        + "of warm-up%n", f.batchSize(), f.threads(), f.threads() == 1 ? "" : "s", run.kernels(), f.batches(),
                run.warmup());
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
        out.printf(Locale.ROOT, ROW, "#", "layer", "pass", "thread-s", "% of step", "GFLOP/s");
        for (StepProfile.Row row : f.rows())
            out.printf(Locale.ROOT, ROW, row.layer() == 0 ? "" : Integer.toString(row.layer()), row.name(), row.part().label(),
                    String.format(Locale.ROOT, "%.4f", row.seconds()), percent(f.share(row)), number(f.gflops(row)));
        double untimed = f.threads() * f.seconds() - f.timedSeconds();
        out.printf(Locale.ROOT, ROW, "", "(untimed)", "waiting, hand-off", String.format(Locale.ROOT, "%.4f", untimed),
                percent(untimed / (f.threads() * f.seconds())), "-");
        out.flush();
    }

    static void json(PrintWriter out, Run run, TrainBench.Figures f) {
        StringBuilder text = new StringBuilder("{")
                .append("\"imagesPerSecond\": ").append(JsonText.number(f.imagesPerSecond(), 1))
                .append(", \"gflops\": ").append(JsonText.number(f.gflops(), 3))
                .append(", \"peakGflops\": ").append(JsonText.number(f.peakGflops(), 3))
                .append(", \"allocatedBytesPerBatch\": ").append(JsonText.number(f.allocatedBytesPerBatch(), 0))
                .append(", \"gcCount\": ").append(f.gcCount())
                .append(", \"secondsPerBatch\": ").append(JsonText.number(f.secondsPerBatch(), 6))
                .append(", \"flopsPerImage\": ").append(JsonText.number(f.flopsPerImage(), 0))
                .append(", \"threads\": ").append(f.threads())
                .append(", \"batchSize\": ").append(f.batchSize())
                .append(", \"batches\": ").append(f.batches())
                .append(", \"warmup\": ").append(run.warmup())
                .append(", \"kernels\": ").append(JsonText.string(run.kernels()))
                .append(", \"spec\": ").append(JsonText.string(run.spec()))
                .append(", \"data\": ").append(JsonText.string(run.data()))
                .append(", \"layers\": [");
        for (int i = 0; i < f.rows().size(); i++) {
            StepProfile.Row row = f.rows().get(i);
            text.append(i == 0 ? "\n  " : ",\n  ")
                    .append("{\"name\": ").append(JsonText.string(row.name()))
                    .append(", \"pass\": ").append(JsonText.string(row.part().label()))
                    .append(", \"seconds\": ").append(JsonText.number(row.seconds(), 6))
                    .append(", \"gflops\": ").append(JsonText.number(f.gflops(row), 3))
                    .append(", \"layer\": ").append(row.layer() == 0 ? "null" : Integer.toString(row.layer()))
                    .append(", \"share\": ").append(JsonText.number(f.share(row), 4))
                    .append('}');
        }
        out.println(text.append(f.rows().isEmpty() ? "]}" : "\n]}"));
        out.flush();
    }

    private static String number(double value) {
        if (Double.isNaN(value)) return "-";
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
