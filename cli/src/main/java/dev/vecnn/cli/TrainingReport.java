package dev.vecnn.cli;

import dev.vecnn.engine.train.BatchProgress;
import dev.vecnn.engine.train.EpochMetrics;
import dev.vecnn.engine.train.Evaluation;
import dev.vecnn.engine.train.Loss;
import dev.vecnn.engine.train.OptimizerConfig;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code vecnn train} prints: plain lines (one per epoch), the same with a progress bar per
 * epoch on a terminal, or JSON lines ({@code --json}) for programs.
 */
abstract class TrainingReport {
    /** What the run is about to do. {@code firstEpoch} is 1 for a new run, later when resumed. */
    record Start(String spec, long parameters, double mflops, String input, String data, int train, int validation,
                 int test, int firstEpoch, int epochs, int batchSize, int chunkSize, OptimizerConfig optimizer, String schedule,
                 long seed, int threads, KernelsInUse kernels, Path out, Loss loss, String augment, int patience) {}

    /**
     * How it ended: the test results of {@code model} (best.vecnn, or last.vecnn without
     * validation) and how fast they were computed, in the process that trained; {@code test} is
     * null when the data has no test files, and {@code testData} then says where they were looked for.
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

    abstract void end(End e);

    /** Training stopped after {@code epoch}: no improvement on {@code bestEpoch}'s validation accuracy for {@code patience} epochs. */
    abstract void stopped(int epoch, int bestEpoch, double bestValAccuracy, int patience);

    /** The run stopped with {@code message} (also printed on stderr); {@code kept} is the last good checkpoint, or null. */
    void failed(String message, Path kept) {}

    /**
     * A signal stopped the run {@code position} ("at epoch 3, batch 41 of 119"); its checkpoint is
     * {@code checkpoint} and {@code resume} the command that continues it. The line saying so goes
     * to stderr; this clears what is drawn of the epoch, and tells a program reading JSON.
     */
    void interrupted(String signal, String position, Path checkpoint, String resume) {}

    /**
     * A rate such as 0.001, 0.000976 or 1E-8: three significant digits, no trailing zeros, an exponent
     * only below 1e-6 (where a run of zeros would hide the digits).
     */
    static String rate(double value) {
        if (!Double.isFinite(value)) return Double.toString(value);
        if (value == 0) return "0";
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros();
        return Math.abs(value) >= 1 ? rounded.toPlainString() : rounded.toString();
    }

    /** The optimiser with every setting it uses, e.g. "adam lr 0.001 (betas 0.9, 0.999, eps 1E-8, weight decay 0)". */
    static String optimizer(OptimizerConfig o) {
        String settings = switch (o.kind()) {
            case SGD -> "";
            case MOMENTUM, NESTEROV -> "momentum " + rate(o.momentum()) + ", ";
            case ADAM, ADAMW -> "betas " + rate(o.beta1()) + ", " + rate(o.beta2()) + ", eps " + rate(o.eps()) + ", ";
        };
        return o.kind().label() + " lr " + rate(o.lr()) + " (" + settings + "weight decay " + rate(o.weightDecay())
                + (o.kind() == OptimizerConfig.Kind.ADAMW ? ", decoupled" : "") + ")";
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
            out.printf(Locale.ROOT, "training  %s of batch %d, %s, %s schedule, seed %d, chunks of %d%n",
                    which, s.batchSize(), optimizer(s.optimizer()), s.schedule(), s.seed(), Math.min(s.batchSize(), s.chunkSize()));
            out.printf(Locale.ROOT, "loss      %s%s, augmentation %s%s%n", s.loss().label(),
                    s.loss().labelSmoothing() > 0 ? " (label smoothing " + rate(s.loss().labelSmoothing()) + ")" : "",
                    s.augment(), s.patience() > 0 ? ", patience " + s.patience() + " epochs" : "");
            out.printf(Locale.ROOT, "compute   %d thread%s, %s%n", s.threads(), s.threads() == 1 ? "" : "s",
                    s.kernels().describe());
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
        void stopped(int epoch, int bestEpoch, double bestValAccuracy, int patience) {
            out.printf(Locale.ROOT, "stopped   after epoch %d: the validation accuracy has not beaten epoch %d's %s for %d epoch%s"
                    + " (--patience %d)%n", epoch, bestEpoch, percent(bestValAccuracy), epoch - bestEpoch,
                    epoch - bestEpoch == 1 ? "" : "s", patience);
            out.flush();
        }

        @Override
        void end(End e) {
            if (e.test() == null)
                out.printf("test      skipped: %s has no test files%n", e.testData());
            else
                out.printf(Locale.ROOT, "test accuracy %s (loss %.4f) on %,d images of %s (%,.0f images/s), model %s%s%n",
                        percent(e.test().accuracy()), e.test().loss(), e.test().count(), e.testData(), e.evalImagesPerSecond(),
                        e.model(), e.bestEpoch() > 0 ? " (epoch " + e.bestEpoch() + ", best on validation)" : "");
            out.printf("files     %s (checkpoint, --resume continues it)%n", e.last());
            if (e.bestEpoch() > 0) out.printf("          %s (best epoch on validation)%n", e.best());
            out.printf("          %s (per-epoch metrics)%n", e.metrics());
            out.flush();
        }
    }

    /**
     * On a terminal: a progress line through each epoch ({@link ProgressLine}, fitted to the
     * terminal's width as it is when the epoch starts), redrawn four times a second by the progress
     * bar library's thread, then the epoch's line.
     */
    static final class Bars extends Lines {
        private ProgressBar bar;
        private int images;
        /** The latest batch's progress, written by the training thread, read by the drawing thread. */
        private volatile BatchProgress latest;

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
            latest = p;
            if (bar == null) {
                out.flush();
                int width = Terminal.width() - 1; // the last column would wrap the line on some terminals
                bar = new ProgressBarBuilder().setInitialMax(images).setUpdateIntervalMillis(250)
                        .setRenderer((state, maxLength) -> ProgressLine.render(latest, images, maxLength))
                        .setConsumer(new LineConsumer(out, width)).clearDisplayOnFinish().build();
            }
            bar.stepTo(p.images());
        }

        @Override
        void epoch(EpochMetrics m, boolean best) {
            closeBar();
            super.epoch(m, best);
        }

        @Override
        void interrupted(String signal, String position, Path checkpoint, String resume) {
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

    /** One JSON object per line: "start", one "epoch" per epoch, then "end" or "error". */
    static final class Json extends TrainingReport {
        /** Momentum is null for the optimisers without it, the betas and eps for those other than Adam's. */
        private record StartEvent(String event, String spec, long parameters, double mflops, String input, String data,
                                  int train, int validation, int test, int firstEpoch, int epochs, int batchSize,
                                  int chunkSize, String optimizer, float lr, Float momentum, Float beta1, Float beta2, Float eps,
                                  float weightDecay, String schedule, long seed, int threads, String kernels,
                                  int vectorBits, Path out, String loss, double labelSmoothing, String augment,
                                  int patience) {}

        /** lr is the float the trainer stepped with, so it prints as given (0.001, not 0.0010000000474974513). */
        private record EpochEvent(String event, int epoch, double trainLoss, double trainAccuracy, double valLoss,
                                  double valAccuracy, float lr, double seconds, double imagesPerSecond, boolean best) {}

        private record EndEvent(String event, double testAccuracy, double testLoss, int testCount,
                                double evalImagesPerSecond, Path model, int bestEpoch, int epochs, double secondsPerEpoch,
                                double imagesPerSecond, Path last, Path best, Path metrics) {}

        private record ErrorEvent(String event, String message, Path kept) {}

        private record StoppedEvent(String event, int epoch, int bestEpoch, double bestValAccuracy, int patience) {}

        private record InterruptedEvent(String event, String signal, String position, Path checkpoint, String resume) {}

        Json(PrintWriter out) {
            super(out);
        }

        @Override
        void start(Start s) {
            OptimizerConfig o = s.optimizer();
            boolean momentum = o.kind() == OptimizerConfig.Kind.MOMENTUM || o.kind() == OptimizerConfig.Kind.NESTEROV;
            boolean adam = o.kind() == OptimizerConfig.Kind.ADAM || o.kind() == OptimizerConfig.Kind.ADAMW;
            dev.vecnn.cli.Json.print(out, new StartEvent("start", s.spec(), s.parameters(), s.mflops(), s.input(), s.data(),
                    s.train(), s.validation(), s.test(), s.firstEpoch(), s.epochs(), s.batchSize(), s.chunkSize(), o.kind().label(),
                    o.lr(), momentum ? o.momentum() : null, adam ? o.beta1() : null, adam ? o.beta2() : null,
                    adam ? o.eps() : null, o.weightDecay(), s.schedule(), s.seed(), s.threads(), s.kernels().running(),
                    s.kernels().vectorBits(), s.out(), s.loss().label(), s.loss().labelSmoothing(), s.augment(), s.patience()));
        }

        @Override
        void epoch(EpochMetrics m, boolean best) {
            dev.vecnn.cli.Json.print(out, new EpochEvent("epoch", m.epoch(), m.trainLoss(), m.trainAccuracy(), m.valLoss(),
                    m.valAccuracy(), (float) m.lr(), m.seconds(), m.imagesPerSecond(), best));
        }

        @Override
        void stopped(int epoch, int bestEpoch, double bestValAccuracy, int patience) {
            dev.vecnn.cli.Json.print(out, new StoppedEvent("stopped", epoch, bestEpoch, bestValAccuracy, patience));
        }

        /** Without test files the test's numbers are null and its count 0. */
        @Override
        void end(End e) {
            boolean tested = e.test() != null;
            dev.vecnn.cli.Json.print(out, new EndEvent("end", tested ? e.test().accuracy() : Double.NaN,
                    tested ? e.test().loss() : Double.NaN, tested ? e.test().count() : 0,
                    e.evalImagesPerSecond(), e.model(), e.bestEpoch(), e.epochs().size(), e.secondsPerEpoch(),
                    e.imagesPerSecond(), e.last(), e.bestEpoch() > 0 ? e.best() : null, e.metrics()));
        }

        @Override
        void failed(String message, Path kept) {
            dev.vecnn.cli.Json.print(out, new ErrorEvent("error", message, kept));
        }

        @Override
        void interrupted(String signal, String position, Path checkpoint, String resume) {
            dev.vecnn.cli.Json.print(out, new InterruptedEvent("interrupted", signal, position, checkpoint, resume));
        }
    }
}
