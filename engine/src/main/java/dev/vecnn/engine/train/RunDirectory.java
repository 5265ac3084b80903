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
 * The files of a training run: {@code last.vecnn}, the checkpoint after the latest epoch, or from
 * inside an epoch when the run was stopped there; {@code best.vecnn}, the model of the best epoch
 * so far (none without validation); {@code metrics.csv}, one row per epoch. Each file is replaced
 * atomically, best first, so whatever happens the files on disk are complete and the checkpoint
 * never names a best epoch that best.vecnn does not hold. The checkpoint stores the run's settings
 * and its best epoch, so a run can be resumed from the directory alone. A run holds the
 * directory's {@link RunLock} until it is closed, so no two runs write into one directory at once.
 *
 * <p>The best epoch follows the one-standard-error rule: it is the latest epoch whose validation
 * accuracy lies within one standard error, sqrt(p (1 - p) / n) for the highest accuracy p so far
 * on n images, of that highest accuracy. Closer epochs than that the validation images cannot tell
 * apart, and the later one has trained longer (under a decaying schedule, at a lower rate): on the
 * bundled sample's 400 validation digits the highest accuracy alone picked epoch 4 or 5 of 10 in 3
 * of 9 runs, each worse on the test digits than the last epoch (by 0.4 to 1.2 points).
 */
public final class RunDirectory implements AutoCloseable {
    public static final String LAST = "last.vecnn";
    public static final String BEST = "best.vecnn";
    public static final String METRICS = "metrics.csv";
    static final String BEST_EPOCH = "best-epoch";
    static final String BEST_VAL_ACCURACY = "best-val-accuracy";
    static final String TOP_EPOCH = "top-epoch";
    static final String TOP_VAL_ACCURACY = "top-val-accuracy";

    /** How the files are written: atomically, or as a test makes it fail. */
    @FunctionalInterface
    interface FileWriter {
        void write(Path target, byte[] bytes) throws IOException;
    }

    private final Path directory;
    private final RunLock lock;
    private final FileWriter writer;
    private final List<String> metricsLines;
    private int bestEpoch;
    private double bestValAccuracy;
    /** The epoch with the highest validation accuracy so far, and that accuracy. */
    private int topEpoch;
    private double topValAccuracy;

    private RunDirectory(Path directory, RunLock lock, FileWriter writer, List<String> metricsLines, int bestEpoch,
                         double bestValAccuracy, int topEpoch, double topValAccuracy) {
        this.directory = directory;
        this.lock = lock;
        this.writer = writer;
        this.metricsLines = metricsLines;
        this.bestEpoch = bestEpoch;
        this.bestValAccuracy = bestValAccuracy;
        this.topEpoch = topEpoch;
        this.topValAccuracy = topValAccuracy;
    }

    /** A checkpoint read back from a run directory, with the settings the run was started with. */
    public record Saved(RunDirectory run, Checkpoint checkpoint, RunSettings settings) {}

    /**
     * A new run in {@code directory}, locked; refuses a directory that already holds one, so no
     * saved run is overwritten, and one that another run is using. Temporary files that a run
     * killed before its first checkpoint left behind are removed.
     */
    public static RunDirectory create(Path directory) throws IOException {
        return create(directory, AtomicFiles::write);
    }

    static RunDirectory create(Path directory, FileWriter writer) throws IOException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw BadFileException.unwritable(directory, e);
        }
        RunLock lock = RunLock.acquire(directory);
        try {
            for (String name : List.of(LAST, BEST, METRICS))
                if (Files.exists(directory.resolve(name)))
                    throw new BadFileException(directory.toString(), "already holds a training run (" + name
                            + "): continue it with --resume or choose another output directory");
            for (String name : List.of(LAST, BEST, METRICS)) AtomicFiles.removeLeftovers(directory.resolve(name));
            return new RunDirectory(directory, lock, writer, new ArrayList<>(List.of(MetricsCsv.HEADER)), 0, Double.NaN, 0,
                    Double.NaN);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * The run saved in {@code directory}, locked: its last checkpoint, its settings (to run on
     * {@code threads} workers) and its metrics up to that checkpoint's epoch. Temporary files that
     * a killed run left behind are removed. A run killed between writing best.vecnn and last.vecnn
     * of its first epoch has only the former, which then holds that epoch's checkpoint.
     */
    public static Saved resume(Path directory, int threads) throws IOException {
        Path last = directory.resolve(LAST);
        if (!Files.isRegularFile(last) && Files.isRegularFile(directory.resolve(BEST))) last = directory.resolve(BEST);
        if (!Files.isRegularFile(last))
            throw new BadFileException(directory.resolve(LAST).toString(),
                    "no checkpoint to resume from (vecnn train writes one after every epoch)");
        RunLock lock = RunLock.acquire(directory);
        try {
            for (String name : List.of(LAST, BEST, METRICS)) AtomicFiles.removeLeftovers(directory.resolve(name));
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
            return new Saved(new RunDirectory(directory, lock, AtomicFiles::write, lines, bestEpoch, bestValAccuracy, topEpoch,
                    topValAccuracy), checkpoint, settings);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
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
     * A write that fails leaves the file it was replacing as it was, and says so.
     */
    public boolean saveEpoch(Checkpoint checkpoint, RunSettings settings, EpochMetrics metrics) throws IOException {
        int previousTop = topEpoch;
        double previousTopAccuracy = topValAccuracy;
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
        int previousBest = bestEpoch;
        double previousAccuracy = bestValAccuracy;
        if (improved) {
            bestEpoch = metrics.epoch();
            bestValAccuracy = metrics.valAccuracy();
        }
        byte[] bytes = checkpointBytes(checkpoint, settings);
        try {
            if (improved) write(best(), bytes);
            write(last(), bytes);
        } catch (IOException e) {
            bestEpoch = previousBest;
            bestValAccuracy = previousAccuracy;
            topEpoch = previousTop;
            topValAccuracy = previousTopAccuracy;
            throw e;
        }
        metricsLines.add(MetricsCsv.row(metrics));
        write(metrics(), (String.join("\n", metricsLines) + "\n").getBytes(StandardCharsets.UTF_8));
        return improved;
    }

    /**
     * Saves a checkpoint taken between two batches, when a run is stopped: last.vecnn only, as
     * neither the best model nor the metrics have changed since the last epoch.
     */
    public void saveStopped(Checkpoint checkpoint, RunSettings settings) throws IOException {
        write(last(), checkpointBytes(checkpoint, settings));
    }

    /** What the last complete checkpoint is, in words, for a message about a run that stopped. */
    public String lastCheckpointState() {
        return Files.exists(last()) ? "the last complete checkpoint stays in " + last()
                : "no checkpoint had been written yet";
    }

    private byte[] checkpointBytes(Checkpoint checkpoint, RunSettings settings) {
        Map<String, String> options = new LinkedHashMap<>(settings.toOptions());
        options.put(BEST_EPOCH, Integer.toString(bestEpoch));
        options.put(BEST_VAL_ACCURACY, Double.toString(bestValAccuracy));
        options.put(TOP_EPOCH, Integer.toString(topEpoch));
        options.put(TOP_VAL_ACCURACY, Double.toString(topValAccuracy));
        return ModelFile.toBytes(checkpoint.toContents(options));
    }

    private void write(Path target, byte[] bytes) throws IOException {
        try {
            writer.write(target, bytes);
        } catch (IOException e) {
            BadFileException unwritable = BadFileException.unwritable(target, e);
            throw new BadFileException(unwritable.source(), unwritable.problem() + "; " + lastCheckpointState(), e);
        }
    }

    /**
     * Deletes {@code directory} if it holds nothing, or nothing but the lock file of a run that
     * has ended: what a run that failed before its first checkpoint leaves in a directory it made.
     */
    public static void removeIfEmpty(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) return;
        try (var entries = Files.list(directory)) {
            if (!entries.allMatch(p -> p.getFileName().toString().equals(RunLock.FILE))) return;
        }
        Files.deleteIfExists(directory.resolve(RunLock.FILE));
        Files.delete(directory);
    }

    /** Releases the directory's lock. */
    @Override
    public void close() throws IOException { lock.close(); }
}
