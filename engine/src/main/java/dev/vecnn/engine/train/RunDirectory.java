package dev.vecnn.engine.train;

import dev.vecnn.engine.io.AtomicFiles;
import dev.vecnn.engine.io.BadFileException;
import dev.vecnn.engine.io.ModelFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a training run: {@code last.vecnn}, the checkpoint after the latest epoch;
 * {@code best.vecnn}, the model of the best epoch so far (none without validation);
 * {@code metrics.csv}, one row per epoch. Each file is replaced atomically, best first, so whatever
 * happens the files on disk are complete and the checkpoint never names a best epoch that
 * best.vecnn does not hold. The checkpoint stores the run's settings and its best epoch, so a run
 * can be resumed from the directory alone.
 *
 * <p>The best epoch follows the one-standard-error rule: it is the latest epoch whose validation
 * accuracy lies within one standard error, sqrt(p (1 - p) / n) for the highest accuracy p so far
 * on n images, of that highest accuracy. Closer epochs than that the validation images cannot tell
 * apart, and the later one has trained longer (under a decaying schedule, at a lower rate): on the
 * bundled sample's 400 validation digits the highest accuracy alone picked epoch 4 or 5 of 10 in 3
 * of 9 runs, each worse on the test digits than the last epoch (by 0.4 to 1.2 points).
 */
public final class RunDirectory {
    public static final String LAST = "last.vecnn";
    public static final String BEST = "best.vecnn";
    public static final String METRICS = "metrics.csv";
    static final String BEST_EPOCH = "best-epoch";
    static final String BEST_VAL_ACCURACY = "best-val-accuracy";
    static final String TOP_EPOCH = "top-epoch";
    static final String TOP_VAL_ACCURACY = "top-val-accuracy";

    private final Path directory;
    private final List<String> metricsLines;
    private int bestEpoch;
    private double bestValAccuracy;
    /** The epoch with the highest validation accuracy so far, and that accuracy. */
    private int topEpoch;
    private double topValAccuracy;

    private RunDirectory(Path directory, List<String> metricsLines, int bestEpoch, double bestValAccuracy, int topEpoch,
                         double topValAccuracy) {
        this.directory = directory;
        this.metricsLines = metricsLines;
        this.bestEpoch = bestEpoch;
        this.bestValAccuracy = bestValAccuracy;
        this.topEpoch = topEpoch;
        this.topValAccuracy = topValAccuracy;
    }

    /** A checkpoint read back from a run directory, with the settings the run was started with. */
    public record Saved(RunDirectory run, Checkpoint checkpoint, RunSettings settings) {}

    /** A new run in {@code directory}; refuses a directory that already holds one, so no saved run is overwritten. */
    public static RunDirectory create(Path directory) throws IOException {
        for (String name : List.of(LAST, BEST, METRICS))
            if (Files.exists(directory.resolve(name)))
                throw new BadFileException(directory.toString(), "already holds a training run (" + name
                        + "): continue it with --resume or choose another output directory");
        Files.createDirectories(directory);
        return new RunDirectory(directory, new ArrayList<>(List.of(MetricsCsv.HEADER)), 0, Double.NaN, 0, Double.NaN);
    }

    /**
     * The run saved in {@code directory}: its last checkpoint, its settings (to run on
     * {@code threads} workers) and its metrics up to that checkpoint's epoch.
     */
    public static Saved resume(Path directory, int threads) throws IOException {
        Path last = directory.resolve(LAST);
        if (!Files.isRegularFile(last))
            throw new BadFileException(last.toString(), "no checkpoint to resume from (vecnn train writes one after every epoch)");
        ModelFile.Contents contents = ModelFile.read(last);
        Checkpoint checkpoint = Checkpoint.of(last.toString(), contents);
        RunSettings settings = RunSettings.fromOptions(last.toString(), contents.options(), checkpoint.seed(), threads,
                checkpoint.classes());
        int bestEpoch, topEpoch;
        double bestValAccuracy, topValAccuracy;
        try {
            bestEpoch = Integer.parseInt(contents.options().getOrDefault(BEST_EPOCH, "0"));
            bestValAccuracy = Double.parseDouble(contents.options().getOrDefault(BEST_VAL_ACCURACY, "NaN"));
            // Files from before the rule kept the highest accuracy as the best.
            topEpoch = Integer.parseInt(contents.options().getOrDefault(TOP_EPOCH, Integer.toString(bestEpoch)));
            topValAccuracy = Double.parseDouble(contents.options().getOrDefault(TOP_VAL_ACCURACY,
                    Double.toString(bestValAccuracy)));
        } catch (NumberFormatException e) {
            throw new BadFileException(last.toString(), "bad best-epoch record: " + e.getMessage());
        }
        List<String> lines = new ArrayList<>(List.of(MetricsCsv.HEADER));
        Path metrics = directory.resolve(METRICS);
        if (Files.isRegularFile(metrics))
            for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
                int epoch = MetricsCsv.epochOf(line);
                if (epoch >= 1 && epoch <= checkpoint.epoch()) lines.add(line);
            }
        return new Saved(new RunDirectory(directory, lines, bestEpoch, bestValAccuracy, topEpoch, topValAccuracy),
                checkpoint, settings);
    }

    public Path directory() { return directory; }

    public Path last() { return directory.resolve(LAST); }

    public Path best() { return directory.resolve(BEST); }

    public Path metrics() { return directory.resolve(METRICS); }

    /** The epoch best.vecnn holds, 0 if none (no validation, or no epoch yet). */
    public int bestEpoch() { return bestEpoch; }

    /** The validation accuracy of {@link #bestEpoch}, NaN if none. */
    public double bestValAccuracy() { return bestValAccuracy; }

    /** The epoch with the highest validation accuracy so far, 0 if none. */
    public int topEpoch() { return topEpoch; }

    /** The highest validation accuracy so far, NaN if none. */
    public double topValAccuracy() { return topValAccuracy; }

    /** The model a finished run is judged by: best.vecnn when validation chose one, else last.vecnn. */
    public Path finalModel() { return bestEpoch > 0 ? best() : last(); }

    /**
     * Saves the state after an epoch: best.vecnn if it becomes the best epoch (see the class
     * comment), then last.vecnn, then metrics.csv. Returns true when this epoch became the best.
     */
    public boolean saveEpoch(Checkpoint checkpoint, RunSettings settings, EpochMetrics metrics) throws IOException {
        boolean improved = false;
        if (metrics.hasValidation()) {
            double accuracy = metrics.valAccuracy();
            if (topEpoch == 0 || accuracy > topValAccuracy) {
                topEpoch = metrics.epoch();
                topValAccuracy = accuracy;
            }
            // Half an image more, so that equal accuracies qualify whatever their rounding.
            double n = metrics.valCount();
            improved = accuracy >= topValAccuracy - Math.sqrt(topValAccuracy * (1 - topValAccuracy) / n) - 0.5 / n;
        }
        if (improved) {
            bestEpoch = metrics.epoch();
            bestValAccuracy = metrics.valAccuracy();
        }
        Map<String, String> options = new LinkedHashMap<>(settings.toOptions());
        options.put(BEST_EPOCH, Integer.toString(bestEpoch));
        options.put(BEST_VAL_ACCURACY, Double.toString(bestValAccuracy));
        options.put(TOP_EPOCH, Integer.toString(topEpoch));
        options.put(TOP_VAL_ACCURACY, Double.toString(topValAccuracy));
        byte[] bytes = ModelFile.toBytes(checkpoint.toContents(options));
        if (improved) AtomicFiles.write(best(), bytes);
        AtomicFiles.write(last(), bytes);
        metricsLines.add(MetricsCsv.row(metrics));
        AtomicFiles.write(metrics(), (String.join("\n", metricsLines) + "\n").getBytes(StandardCharsets.UTF_8));
        return improved;
    }
}
