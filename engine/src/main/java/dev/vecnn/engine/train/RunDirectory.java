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
 * {@code best.vecnn}, the model of the epoch with the best validation accuracy so far (none without
 * validation); {@code metrics.csv}, one row per epoch. Each file is replaced atomically, best
 * first, so whatever happens the files on disk are complete and the checkpoint never names a best
 * epoch that best.vecnn does not hold. The checkpoint stores the run's settings and its best epoch,
 * so a run can be resumed from the directory alone.
 */
public final class RunDirectory {
    public static final String LAST = "last.vecnn";
    public static final String BEST = "best.vecnn";
    public static final String METRICS = "metrics.csv";
    static final String BEST_EPOCH = "best-epoch";
    static final String BEST_VAL_ACCURACY = "best-val-accuracy";

    private final Path directory;
    private final List<String> metricsLines;
    private int bestEpoch;
    private double bestValAccuracy;

    private RunDirectory(Path directory, List<String> metricsLines, int bestEpoch, double bestValAccuracy) {
        this.directory = directory;
        this.metricsLines = metricsLines;
        this.bestEpoch = bestEpoch;
        this.bestValAccuracy = bestValAccuracy;
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
        return new RunDirectory(directory, new ArrayList<>(List.of(MetricsCsv.HEADER)), 0, Double.NaN);
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
        int bestEpoch;
        double bestValAccuracy;
        try {
            bestEpoch = Integer.parseInt(contents.options().getOrDefault(BEST_EPOCH, "0"));
            bestValAccuracy = Double.parseDouble(contents.options().getOrDefault(BEST_VAL_ACCURACY, "NaN"));
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
        return new Saved(new RunDirectory(directory, lines, bestEpoch, bestValAccuracy), checkpoint, settings);
    }

    public Path directory() { return directory; }

    public Path last() { return directory.resolve(LAST); }

    public Path best() { return directory.resolve(BEST); }

    public Path metrics() { return directory.resolve(METRICS); }

    /** The epoch best.vecnn holds, 0 if none (no validation, or no epoch yet). */
    public int bestEpoch() { return bestEpoch; }

    /** The validation accuracy of {@link #bestEpoch}, NaN if none. */
    public double bestValAccuracy() { return bestValAccuracy; }

    /** The model a finished run is judged by: best.vecnn when validation chose one, else last.vecnn. */
    public Path finalModel() { return bestEpoch > 0 ? best() : last(); }

    /**
     * Saves the state after an epoch: best.vecnn if its validation accuracy beats every earlier
     * epoch's, then last.vecnn, then metrics.csv. Returns true when this epoch became the best.
     */
    public boolean saveEpoch(Checkpoint checkpoint, RunSettings settings, EpochMetrics metrics) throws IOException {
        boolean improved = metrics.hasValidation() && (bestEpoch == 0 || metrics.valAccuracy() > bestValAccuracy);
        if (improved) {
            bestEpoch = metrics.epoch();
            bestValAccuracy = metrics.valAccuracy();
        }
        Map<String, String> options = new LinkedHashMap<>(settings.toOptions());
        options.put(BEST_EPOCH, Integer.toString(bestEpoch));
        options.put(BEST_VAL_ACCURACY, Double.toString(bestValAccuracy));
        byte[] bytes = ModelFile.toBytes(checkpoint.toContents(options));
        if (improved) AtomicFiles.write(best(), bytes);
        AtomicFiles.write(last(), bytes);
        metricsLines.add(MetricsCsv.row(metrics));
        AtomicFiles.write(metrics(), (String.join("\n", metricsLines) + "\n").getBytes(StandardCharsets.UTF_8));
        return improved;
    }
}
