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
 * the end from the final model and its results on the whole test set, with a page that does not;
 * after a stopping signal, with the figures as last drawn and a page that does not either. Each
 * epoch also appends its tensor statistics to layer-stats.csv. {@link #OFF} does nothing
 * ({@code --no-plots}).
 */
public final class TrainingFigures {
    public static final TrainingFigures OFF = new TrainingFigures();
    /**
     * The page's reload period in seconds: at least 5, so that a browser does not spend the run
     * decoding the page (about 0.8 MB of embedded PNGs on the bundled sample) and a reader has time
     * to look at it; at most 30, so that it still looks live.
     */
    static final int MIN_REFRESH = 5, MAX_REFRESH = 30;
    /** A full drawing waits for this many times the last one's seconds, so full drawings take at most 5 % of the run. */
    static final int REDRAW_FACTOR = 20;
    /** The {@link WarmUp} that {@link #prepare} started, joined by the first TrainingFigures; null when none runs. */
    private static Thread warmUp;

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
    /** layer-stats.csv as written so far: {@link #statistics}, formatted. */
    private final TensorStatisticsCsv.Text statisticsText;
    /** The latest drawing of every figure, the epoch it shows, and when it began (System.nanoTime). */
    private Report.Written drawn;
    private int drawnEpoch;
    private long drawnAt;
    /** Seconds spent on the figures and the page, and apart from them on the layer statistics. */
    private double seconds, statisticsSeconds;
    /** The timed seconds of the epochs this process trained, against which the statistics' cost is set. */
    private double epochSeconds;

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
        statisticsText = null;
    }

    /**
     * Starts the figures' {@link WarmUp} on a daemon thread: call it before the run reads its data,
     * so that it runs on the core the reading leaves free; the constructor waits for what is left.
     */
    public static synchronized void prepare() {
        if (warmUp != null) return;
        warmUp = new Thread(new WarmUp(), "vecnn-figures-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** Waits for the warm-up to end, if one runs. */
    private static synchronized void awaitWarmUp() {
        if (warmUp == null) return;
        try {
            warmUp.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        warmUp = null;
    }

    /**
     * Figures for {@code trainer}'s run in {@code directory}, which keeps its gradients from now on,
     * on its test images, else its validation images, else its training images (the first ones).
     * A resumed run picks up the statistics of its earlier epochs.
     */
    public TrainingFigures(Path directory, Trainer trainer, RunSettings run, String data, Dataset test, Dataset validation,
                           Dataset train, Kernels kernels, int threads) throws IOException {
        long start = System.nanoTime();
        awaitWarmUp();
        this.seconds = (System.nanoTime() - start) * 1e-9;
        this.directory = directory;
        this.trainer = trainer;
        boolean validates = validation != null && validation.count() > 0;
        this.images = test != null ? test : validates ? validation : train;
        this.imageSet = test != null ? "test" : validates ? "validation" : "training";
        this.classNames = run.classNames().justNumbers() ? ClassNames.of(images) : run.classNames().names();
        this.kernels = kernels;
        this.threads = threads;
        this.statistics = new ArrayList<>(TensorStatisticsCsv.read(directory.resolve(TensorStatisticsCsv.FILE), trainer.epoch()));
        this.statisticsText = new TensorStatisticsCsv.Text().add(statistics);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("data", data);
        for (Map.Entry<String, String> e : run.toOptions().entrySet()) all.putIfAbsent(e.getKey(), e.getValue());
        all.put("seed", Long.toString(trainer.config().seed()));
        all.put("threads", Integer.toString(threads));
        all.put("kernels", kernels.name());
        this.settings = all;
        trainer.keepEpochGradients();
    }

    /**
     * After an epoch has been saved: its statistics, then the figures of the model as it is now, and
     * the page. The browser reloads the page every {@link #refresh} seconds (about an epoch): when
     * the epoch came sooner than {@link #redrawsAll} allows after the last drawing of every figure,
     * only the curves are drawn again (with the metrics, the page is rewritten after every epoch all
     * the same), since drawing the rest more often than the page is looked at costs time nobody
     * sees; so too after the last epoch, which the final figures follow at once.
     */
    public void epochEnded(EpochMetrics metrics) {
        if (directory == null) return;
        long start = System.nanoTime();
        try {
            Model model = trainer.model();
            List<TensorStatistics> epochStatistics = TensorStatistics.of(metrics.epoch(), model, trainer.epochGradients());
            statistics.addAll(epochStatistics);
            statisticsText.add(epochStatistics).write(directory.resolve(TensorStatisticsCsv.FILE));
            long figuresStart = System.nanoTime();
            statisticsSeconds += (figuresStart - start) * 1e-9;
            epochSeconds += metrics.seconds();
            start = figuresStart;
            int refresh = refresh(metrics.seconds());
            boolean last = metrics.epoch() == trainer.config().epochs();
            boolean all = drawn == null || (!last && redrawsAll((start - drawnAt) * 1e-9, refresh, drawn.seconds()));
            String validation = metrics.hasValidation()
                    ? String.format(Locale.ROOT, ", validation accuracy %.2f %%", 100 * metrics.valAccuracy()) : "";
            String status = "Training: epoch " + metrics.epoch() + " of " + trainer.config().epochs() + " done" + validation
                    + (all ? "; the figures show the model as it is now." : "; the curves show it, the other figures the"
                    + " model after epoch " + drawnEpoch + ".");
            Snapshot snapshot = snapshot(model, metrics.epoch(), null, metrics.epoch(), status, refresh);
            if (all) {
                drawnAt = start;
                drawnEpoch = metrics.epoch();
                drawn = Report.write(directory, snapshot);
            } else {
                Report.writeCurves(directory, snapshot, drawn);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        seconds += (System.nanoTime() - start) * 1e-9;
    }

    /** The reload period of the live page: an epoch's {@code epochSeconds}, rounded up, from {@link #MIN_REFRESH} to {@link #MAX_REFRESH}. */
    static int refresh(double epochSeconds) {
        return (int) Math.max(MIN_REFRESH, Math.min(MAX_REFRESH, Math.ceil(epochSeconds)));
    }

    /**
     * Whether every figure is drawn again, {@code since} seconds after the last full drawing began,
     * which took {@code drawingSeconds}: not before the page has reloaded once, nor before
     * {@link #REDRAW_FACTOR} times that drawing's time.
     */
    static boolean redrawsAll(double since, int refresh, double drawingSeconds) {
        return since >= Math.max(refresh, REDRAW_FACTOR * drawingSeconds);
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
        Report.write(directory, snapshot(model, modelEpoch, evaluation, trainer.epoch(), status, 0));
        seconds += (System.nanoTime() - start) * 1e-9;
    }

    /**
     * After a signal stopped the run and its checkpoint was saved: the curves and the page once more,
     * the other figures as last drawn, and no reload, since nothing rewrites the page until the run
     * is resumed. The model is not drawn again, so the run ends at once and the figures keep
     * showing the model after a whole epoch (a run stopped inside one holds a part-trained model).
     * {@code position} says where the run stopped ("after epoch 2 of 10"), {@code resume} the
     * command that continues it. Nothing when no epoch has ended in this process: the page there is
     * an earlier process's.
     */
    public void stopped(String signal, String position, String resume) throws IOException {
        if (directory == null || drawn == null) return;
        long start = System.nanoTime();
        int epoch = trainer.epoch();
        String figures = drawnEpoch == epoch ? "The figures show the model after epoch " + epoch + "."
                : "The curves show every epoch up to " + epoch + ", the other figures the model after epoch " + drawnEpoch + ".";
        String status = "Stopped by " + signal + " " + position + "; resume with: " + resume + ". " + figures;
        Report.writeCurves(directory, snapshot(trainer.model(), epoch, null, epoch, status, 0), drawn);
        seconds += (System.nanoTime() - start) * 1e-9;
    }

    /** {@code model}, trained for {@code modelEpoch} epochs, with the run's metrics up to {@code lastEpoch}. */
    private Snapshot snapshot(Model model, int modelEpoch, Evaluation evaluation, int lastEpoch, String status, int refresh)
            throws IOException {
        MetricsTable metrics = MetricsTable.read(directory.resolve(RunDirectory.METRICS), lastEpoch);
        return new Snapshot(model, modelEpoch, kernels, threads, images, imageSet, classNames, evaluation, metrics,
                statistics, settings, status, refresh);
    }

    /**
     * Two lines for the list of files train prints: the page with the seconds its figures took over
     * the run, and layer-stats.csv with the seconds its statistics took and their share of the
     * epochs' timed seconds; nothing for {@link #OFF}. (The copy of the gradients that the trainer
     * keeps for them, inside the epoch's last step, is one copy of the parameters and is not counted.)
     */
    public void describe(PrintWriter out) {
        if (directory == null) return;
        out.printf(Locale.ROOT, "          %s (the figures, %.2f s to draw over the run)%n", directory.resolve(Report.PAGE), seconds);
        out.printf(Locale.ROOT, "          %s (layer statistics, %.3f s over the run, %s of the epochs' %.2f s)%n",
                directory.resolve(TensorStatisticsCsv.FILE), statisticsSeconds, share(statisticsSeconds, epochSeconds),
                epochSeconds);
        out.flush();
    }

    /** {@code part} as a percentage of {@code whole} with two decimals ("0.12 %"); "-" without a whole. */
    static String share(double part, double whole) {
        return whole > 0 ? String.format(Locale.ROOT, "%.2f %%", 100 * part / whole) : "-";
    }
}
