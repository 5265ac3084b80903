package dev.vecnn.cli.plot;

import dev.vecnn.engine.data.ClassNames;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.EpochMetrics;
import dev.vecnn.engine.train.Evaluation;
import dev.vecnn.engine.train.RunDirectory;
import dev.vecnn.engine.train.RunSettings;
import dev.vecnn.engine.train.Trainer;
import dev.vecnn.kernels.Kernels;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures and report.html of a training run, in its directory: after every epoch (the epoch's
 * timing has ended by then) from the model as trained so far, with a page that reloads itself; at
 * the end from the final model and its results on the whole test set, with a page that does not. Each epoch also appends its tensor statistics to layer-stats.csv. {@link #OFF}
 * does nothing ({@code --no-plots}).
 */
public final class TrainingFigures {
    public static final TrainingFigures OFF = new TrainingFigures();
    static final int MIN_REFRESH = 2, MAX_REFRESH = 30;

    private final Path directory;
    private final Trainer trainer;
    /** The images the figures look at: the test set, else the validation set. */
    private final Dataset images;
    private final String imageSet;
    private final List<String> classNames;
    private final Map<String, String> settings;
    private final Kernels kernels;
    private final int threads;
    private final List<TensorStatistics> statistics;
    private double seconds;

    private TrainingFigures() {
        directory = null;
        trainer = null;
        images = null;
        imageSet = null;
        classNames = null;
        settings = null;
        kernels = null;
        threads = 0;
        statistics = null;
    }

    /**
     * Figures for {@code trainer}'s run in {@code directory}, which keeps its gradients from now on,
     * on its test images, else its validation images, else its training images (the first ones).
     * A resumed run picks up the statistics of its earlier epochs.
     */
    public TrainingFigures(Path directory, Trainer trainer, RunSettings run, String data, Dataset test, Dataset validation,
                           Dataset train, Kernels kernels, int threads) throws IOException {
        this.directory = directory;
        this.trainer = trainer;
        boolean validates = validation != null && validation.count() > 0;
        this.images = test != null ? test : validates ? validation : train;
        this.imageSet = test != null ? "test" : validates ? "validation" : "training";
        this.classNames = run.classNames().justNumbers() ? ClassNames.of(images) : run.classNames().names();
        this.kernels = kernels;
        this.threads = threads;
        this.statistics = new ArrayList<>(TensorStatisticsCsv.read(directory.resolve(TensorStatisticsCsv.FILE), trainer.epoch()));
        Map<String, String> all = new LinkedHashMap<>();
        all.put("data", data);
        for (Map.Entry<String, String> e : run.toOptions().entrySet()) all.putIfAbsent(e.getKey(), e.getValue());
        all.put("seed", Long.toString(trainer.config().seed()));
        all.put("threads", Integer.toString(threads));
        all.put("kernels", kernels.name());
        this.settings = all;
        trainer.keepEpochGradients();
    }

    /** After an epoch has been saved: its statistics, then every figure from the model as it is now. */
    public void epochEnded(EpochMetrics metrics) {
        if (directory == null) return;
        long start = System.nanoTime();
        try {
            Model model = trainer.model();
            statistics.addAll(TensorStatistics.of(metrics.epoch(), model, trainer.epochGradients()));
            TensorStatisticsCsv.write(directory.resolve(TensorStatisticsCsv.FILE), statistics);
            String validation = metrics.hasValidation()
                    ? String.format(Locale.ROOT, ", validation accuracy %.2f %%", 100 * metrics.valAccuracy()) : "";
            String status = "Training: epoch " + metrics.epoch() + " of " + trainer.config().epochs() + " done" + validation
                    + "; the figures show the model as it is now.";
            int refresh = (int) Math.max(MIN_REFRESH, Math.min(MAX_REFRESH, Math.ceil(metrics.seconds())));
            render(model, null, metrics.epoch(), status, refresh);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        seconds += (System.nanoTime() - start) * 1e-9;
    }

    /**
     * After the run: the figures of the final model (best.vecnn, or last.vecnn) and its results on
     * the whole test set ({@code evaluation}; null without test images).
     */
    public void finished(Model model, Path modelFile, int modelEpoch, Evaluation evaluation) throws IOException {
        if (directory == null) return;
        long start = System.nanoTime();
        String status = evaluation == null
                ? String.format(Locale.ROOT, "Finished %d epochs, without test images; the figures show %s (epoch %d)"
                + " on the %s images.", trainer.epoch(), modelFile.getFileName(), modelEpoch, imageSet)
                : String.format(Locale.ROOT, "Finished %d epochs. Test accuracy %.2f %% on %s test images with %s"
                + " (epoch %d); the figures show that model.", trainer.epoch(), 100 * evaluation.accuracy(),
                Report.count(evaluation.count()), modelFile.getFileName(), modelEpoch);
        render(model, evaluation, trainer.epoch(), status, 0);
        seconds += (System.nanoTime() - start) * 1e-9;
    }

    private void render(Model model, Evaluation evaluation, int epoch, String status, int refresh) throws IOException {
        MetricsTable metrics = MetricsTable.read(directory.resolve(RunDirectory.METRICS), epoch);
        Report.write(directory, new Snapshot(model, kernels, threads, images, imageSet, classNames, evaluation, metrics,
                statistics, settings, status, refresh));
    }

    /** One line naming the page, for the list of files train prints; nothing for {@link #OFF}. */
    public void describe(PrintWriter out) {
        if (directory == null) return;
        out.printf(Locale.ROOT, "          %s (the figures, %.2f s to draw over the run)%n", directory.resolve(Report.PAGE), seconds);
        out.flush();
    }
}
