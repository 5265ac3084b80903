package dev.vecnn.cli;

import dev.vecnn.engine.train.BatchProgress;
import dev.vecnn.engine.train.EpochMetrics;
import dev.vecnn.engine.train.Evaluation;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

/**
 * What {@code vecnn train} prints: plain lines (one per epoch), the same with a progress bar per
 * epoch on a terminal, or JSON lines ({@code --json}) for programs.
 */
abstract class TrainingReport {
    /** What the run is about to do. {@code firstEpoch} is 1 for a new run, later when resumed. */
    record Start(String spec, long parameters, double mflops, String input, String data, int train, int validation,
                 int test, int firstEpoch, int epochs, int batchSize, int chunkSize, String optimizer, float lr, String schedule,
                 long seed, int threads, String kernels, Path out) {}

    /**
     * How it ended: the test results of {@code model} (best.vecnn, or last.vecnn without
     * validation) and how fast they were computed, in the process that trained.
     */
    record End(Evaluation test, double evalImagesPerSecond, String testData, Path model, int bestEpoch, Path last, Path best, Path metrics,
               List<EpochMetrics> epochs) {
        double secondsPerEpoch() {
            return epochs.stream().mapToDouble(EpochMetrics::seconds).average().orElse(Double.NaN);
        }

        double imagesPerSecond() {
            return epochs.stream().mapToDouble(EpochMetrics::imagesPerSecond).average().orElse(Double.NaN);
        }
    }

    final PrintWriter out;

    TrainingReport(PrintWriter out) {
        this.out = out;
    }

    static TrainingReport create(PrintWriter out, boolean json) {
        if (json) return new Json(out);
        return Terminal.isInteractive() ? new Bars(out) : new Lines(out);
    }

    abstract void start(Start s);

    void batch(BatchProgress progress) {}

    abstract void epoch(EpochMetrics m, boolean best);

    /** The run stops inside an epoch: whatever is drawn of it goes, for the line that says how to resume. */
    void stopped() {}

    abstract void end(End e);

    /** A rate such as 0.001 or 0.000976: three significant digits, no exponent, no trailing zeros. */
    static String rate(double value) {
        if (!Double.isFinite(value) || value == 0) return Double.toString(value);
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    /** One line per epoch. */
    static class Lines extends TrainingReport {
        private int epochs;

        Lines(PrintWriter out) {
            super(out);
        }

        @Override
        void start(Start s) {
            epochs = s.epochs();
            String which = s.firstEpoch() > 1 ? "epochs " + s.firstEpoch() + " to " + s.epochs() + " (resumed)"
                    : s.epochs() + " epoch" + (s.epochs() == 1 ? "" : "s");
            out.printf(Locale.ROOT, "network   %s%n          %,d parameters, %.2f MFLOPs per image forward, input %s%n",
                    s.spec(), s.parameters(), s.mflops(), s.input());
            out.printf(Locale.ROOT, "data      %s: %,d training, %,d validation, %,d test images%n",
                    s.data(), s.train(), s.validation(), s.test());
            out.printf(Locale.ROOT, "training  %s of batch %d in chunks of %d, %s lr %s (%s), seed %d, %d thread%s, %s kernels%n",
                    which, s.batchSize(), Math.min(s.batchSize(), s.chunkSize()), s.optimizer(), rate(s.lr()), s.schedule(), s.seed(), s.threads(), s.threads() == 1 ? "" : "s",
                    s.kernels());
            out.printf("writing   %s%n", s.out());
            out.flush();
        }

        @Override
        void epoch(EpochMetrics m, boolean best) {
            out.println(epochLine(m, best));
            out.flush();
        }

        String epochLine(EpochMetrics m, boolean best) {
            String validation = m.hasValidation() ? String.format(Locale.ROOT, "  val loss %.4f  val accuracy %s",
                    m.valLoss(), percent(m.valAccuracy())) : "";
            return String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  accuracy %s%s  lr %s  %.2f s  %,.0f images/s%s",
                    m.epoch(), epochs, m.trainLoss(), percent(m.trainAccuracy()), validation, rate(m.lr()), m.seconds(),
                    m.imagesPerSecond(), best ? "  best" : "");
        }

        @Override
        void end(End e) {
            out.printf(Locale.ROOT, "test accuracy %s (loss %.4f) on %,d images of %s (%,.0f images/s), model %s%s%n",
                    percent(e.test().accuracy()), e.test().loss(), e.test().count(), e.testData(), e.evalImagesPerSecond(),
                    e.model(), e.bestEpoch() > 0 ? " (epoch " + e.bestEpoch() + ", best validation accuracy)" : "");
            out.printf("files     %s (checkpoint, --resume continues it)%n", e.last());
            if (e.bestEpoch() > 0) out.printf("          %s (best validation accuracy)%n", e.best());
            out.printf("          %s (per-epoch metrics)%n", e.metrics());
            out.flush();
        }
    }

    /** On a terminal: a progress bar through each epoch (loss, accuracy, images/s, ETA), then the epoch's line. */
    static final class Bars extends Lines {
        private final int width = Terminal.width();
        private ProgressBar bar;
        private int images;

        Bars(PrintWriter out) {
            super(out);
        }

        @Override
        void start(Start s) {
            images = s.train();
            super.start(s);
        }

        @Override
        void batch(BatchProgress p) {
            if (bar == null) {
                out.flush();
                bar = new ProgressBarBuilder().setTaskName("epoch " + p.epoch() + "/" + p.epochs())
                        .setInitialMax(images)
                        .setUnit(" img", 1).showSpeed(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
                        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
                        .setConsumer(new LineConsumer(out, width - 1)).clearDisplayOnFinish().build();
            }
            bar.stepTo(p.images());
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f acc %s", p.loss(), percent(p.accuracy())));
        }

        @Override
        void epoch(EpochMetrics m, boolean best) {
            closeBar();
            super.epoch(m, best);
        }

        @Override
        void stopped() {
            closeBar();
        }

        private void closeBar() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /**
     * Draws the bar over one terminal line of a known width. (The library's console consumer asks
     * JLine for the width, whose native terminal support makes Java 22+ print warnings.)
     */
    private record LineConsumer(PrintWriter out, int width) implements ProgressBarConsumer {
        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        @Override
        public void accept(String rendered) {
            out.print('\r' + rendered);
            out.flush();
        }

        @Override
        public void clear() {
            out.print('\r' + " ".repeat(width) + '\r');
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }

    /** One JSON object per line: "start", one "epoch" per epoch, "end". */
    static final class Json extends TrainingReport {
        Json(PrintWriter out) {
            super(out);
        }

        @Override
        void start(Start s) {
            out.println(new JsonLine().put("event", "start").put("spec", s.spec()).put("parameters", s.parameters())
                    .put("mflops", s.mflops(), 4).put("input", s.input()).put("data", s.data()).put("train", s.train())
                    .put("validation", s.validation()).put("test", s.test()).put("firstEpoch", s.firstEpoch())
                    .put("epochs", s.epochs()).put("batchSize", s.batchSize()).put("chunkSize", s.chunkSize()).put("optimizer", s.optimizer())
                    .put("lr", s.lr(), 8).put("schedule", s.schedule()).put("seed", s.seed()).put("threads", s.threads())
                    .put("kernels", s.kernels()).put("out", s.out().toString()));
            out.flush();
        }

        @Override
        void epoch(EpochMetrics m, boolean best) {
            out.println(new JsonLine().put("event", "epoch").put("epoch", m.epoch()).put("trainLoss", m.trainLoss(), 6)
                    .put("trainAccuracy", m.trainAccuracy(), 6).put("valLoss", m.valLoss(), 6)
                    .put("valAccuracy", m.valAccuracy(), 6).put("lr", m.lr(), 8).put("seconds", m.seconds(), 3)
                    .put("imagesPerSecond", m.imagesPerSecond(), 1).put("best", best));
            out.flush();
        }

        @Override
        void end(End e) {
            out.println(new JsonLine().put("event", "end").put("testAccuracy", e.test().accuracy(), 6)
                    .put("testLoss", e.test().loss(), 6).put("testCount", e.test().count())
                    .put("evalImagesPerSecond", e.evalImagesPerSecond(), 1)
                    .put("model", e.model().toString()).put("bestEpoch", e.bestEpoch())
                    .put("epochs", e.epochs().size()).put("secondsPerEpoch", e.secondsPerEpoch(), 3)
                    .put("imagesPerSecond", e.imagesPerSecond(), 1).put("last", e.last().toString())
                    .put("best", e.bestEpoch() > 0 ? e.best().toString() : null).put("metrics", e.metrics().toString()));
            out.flush();
        }
    }
}
