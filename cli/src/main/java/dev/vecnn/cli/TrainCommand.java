package dev.vecnn.cli;

import dev.vecnn.cli.plot.TrainingFigures;
import dev.vecnn.engine.Shape;
import dev.vecnn.engine.augment.Augmentation;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.data.TrainingData;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.spec.SpecException;
import dev.vecnn.engine.train.BatchProgress;
import dev.vecnn.engine.train.Checkpoint;
import dev.vecnn.engine.train.EpochMetrics;
import dev.vecnn.engine.train.Evaluation;
import dev.vecnn.engine.train.Evaluator;
import dev.vecnn.engine.train.Loss;
import dev.vecnn.engine.train.LrSchedule;
import dev.vecnn.engine.train.OptimizerConfig;
import dev.vecnn.engine.train.RunDirectory;
import dev.vecnn.engine.train.RunSettings;
import dev.vecnn.engine.train.Trainer;
import dev.vecnn.engine.train.TrainerConfig;
import dev.vecnn.engine.train.TrainingDivergedException;
import dev.vecnn.engine.train.TrainingListener;
import dev.vecnn.kernels.Kernels;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code vecnn train}: trains a network, checkpointing every epoch, and reports its test accuracy. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a network on MNIST-layout images (the bundled MNIST sample by default), validating "
                + "after every epoch, then report its test accuracy.",
                "Writes OUT/last.vecnn (checkpoint after every epoch), OUT/best.vecnn (the best epoch on the validation "
                        + "images), OUT/metrics.csv, and, unless --no-plots, OUT/report.html with its figures (PNG files), "
                        + "redrawn after every epoch: open it in a browser to watch the run. The same seed gives the same "
                        + "model file, bit for bit, on any --threads.",
                "Options can also come from a file: vecnn train @examples/mnist.args reads the file's words as if typed "
                        + "in its place (several per line; a value with spaces in double quotes; # starts a comment line); "
                        + "options given after the @-file override it."})
final class TrainCommand implements Callable<Integer> {
    /** The reference network of docs/DESIGN.md. */
    static final String REFERENCE_NETWORK =
            "conv(32,3) relu maxpool(2) conv(64,3) relu maxpool(2) flatten dense(128) relu dense(10)";
    /** The augmentation of the bundled MNIST sample when --augment is not given (see README: what it was chosen by). */
    static final String SAMPLE_AUGMENTATION = "shift(2) rotate(8) scale(0.95,1.05)";
    /** Options a resumed run takes from the command line; every other setting comes from its checkpoint. */
    private static final Set<String> RESUME_OPTIONS = Set.of("--resume", "--out", "--epochs", "--threads", "--kernels", "--json",
            "--no-plots");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data;

    @ArgGroup(exclusive = true)
    Network network;

    static final class Network {
        @Option(names = "--spec", paramLabel = "SPEC", description = "The network (grammar: engine/SPEC.md; default: " + REFERENCE_NETWORK + ").")
        String text;

        @Option(names = "--spec-file", paramLabel = "FILE", description = "A file holding the network spec.")
        Path file;

        @Option(names = "--init", paramLabel = "FILE", description = "Start from the network and weights of a model file "
                + "(e.g. one vecnn import wrote), with a fresh optimiser: fine-tuning.")
        Path init;
    }

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Epochs to train (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "64", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--chunk-size", paramLabel = "C", defaultValue = "" + TrainerConfig.DEFAULT_CHUNK_SIZE,
            description = "Samples per parallel task: a batch runs as chunks of C, which decides the arithmetic, so a "
                    + "seed gives the same model with the same C on any machine and any --threads (default: ${DEFAULT-VALUE}).")
    int chunkSize;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "2e-3", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "sgd, momentum, nesterov, adam or adamw (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--weight-decay", paramLabel = "W",
            description = "Weight decay (default: 0; adamw: 0.01, decoupled).")
    Float weightDecay;

    @Option(names = "--schedule", paramLabel = "SCHEDULE", defaultValue = "cosine", converter = Converters.ScheduleConverter.class,
            description = "Learning-rate schedule from --lr: constant, step(every,[gamma]), exp(gamma), cosine([min]) "
                    + "(down to min over the run), each with an optional warmup=E, e.g. cosine(warmup=1) (default: ${DEFAULT-VALUE}).")
    LrSchedule schedule;

    @Option(names = "--momentum", paramLabel = "M",
            description = "Momentum of the momentum and nesterov optimizers, in [0, 1) (default: 0.9).")
    Float momentum;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "crossentropy",
            description = "crossentropy (softmax cross-entropy) or mse (squared error to one-hot targets) (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--label-smoothing", paramLabel = "E", defaultValue = "0.1",
            description = "Train towards (1 - E) one-hot + E / classes instead of one-hot targets (default: ${DEFAULT-VALUE}).")
    double labelSmoothing;

    @Option(names = "--augment", paramLabel = "LIST", converter = Converters.AugmentationConverter.class,
            description = "Random transformations of each training image, drawn anew every epoch: shift(pixels), "
                    + "rotate(degrees), scale(min,max), elastic(alpha,sigma), flip, erase(p), or none (default: "
                    + SAMPLE_AUGMENTATION + " on the bundled sample, none with --data).")
    Augmentation augment;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "0",
            description = "Stop once the validation accuracy has not improved for N epochs; 0 never stops early (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--val-split", paramLabel = "F", defaultValue = "0.05",
            description = "Fraction of the training images kept for validation, stratified; 0 for none (default: ${DEFAULT-VALUE}).")
    double valSplit;

    @Option(names = "--limit", paramLabel = "N", description = "Train on a stratified subset of N of the training images, "
            + "from 1 to as many as there are (default: all of them).")
    Integer limit;

    @Option(names = "--downscale", paramLabel = "S", description = "Shrink every image to S x S pixels (area averaging), "
            + "S from 1 to the images' side (default: as stored).")
    Integer downscale;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/<date-time>).")
    Path out;

    @Option(names = "--resume", description = "Continue the run saved in --out DIR from its last checkpoint, with its "
            + "settings; only --epochs (to train further), --threads, --kernels, --json and --no-plots may be given with it.")
    boolean resume;

    @Mixin
    OutputOptions output;

    @Option(names = "--no-plots", description = "Do not draw the figures and report.html (by default redrawn after every epoch).")
    boolean noPlots;

    @Mixin
    ComputeOptions compute;

    /** A run ready to train; {@code newDirectory} when this run created its output directory. */
    private record Setup(RunDirectory run, RunSettings settings, Trainer trainer, String source, Dataset train,
                         Dataset validation, Dataset test, boolean newDirectory) {}

    @Override
    public Integer call() throws IOException {
        int threads = compute.threads();
        Kernels kernels = compute.kernels();
        if (!noPlots) TrainingFigures.prepare();
        Setup setup = resume ? resumed(threads, kernels) : fresh(threads, kernels);
        try {
            return train(setup, threads, kernels);
        } catch (Throwable failure) {
            removeIfEmpty(setup);
            throw failure;
        }
    }

    /** A run that stopped before its first checkpoint leaves no empty directory behind (unless it found one there). */
    private static void removeIfEmpty(Setup setup) throws IOException {
        if (setup.newDirectory()) RunDirectory.removeIfEmpty(setup.run().directory());
    }

    private int train(Setup setup, int threads, Kernels kernels) throws IOException {
        TrainingReport report = TrainingReport.create(spec.commandLine().getOut(), output.json);
        RunDirectory run = setup.run();
        List<EpochMetrics> history;
        TrainingFigures figures;
        try (run; Trainer trainer = setup.trainer();
             StopSignals signals = StopSignals.install(trainer::requestStop, signal -> stoppedAtOnce(signal, run))) {
            report.start(describe(setup, threads, kernels));
            figures = noPlots ? TrainingFigures.OFF : new TrainingFigures(run.directory(), trainer, setup.settings(),
                    setup.source(), setup.test(), setup.validation(), setup.train(), kernels, threads);
            try {
                history = trainer.fit(setup.train(), setup.validation(), new TrainingListener() {
                    @Override
                    public void batchEnded(BatchProgress progress) {
                        report.batch(progress);
                    }

                    @Override
                    public void epochEnded(EpochMetrics metrics) {
                        boolean best;
                        try {
                            best = run.saveEpoch(trainer.checkpoint(), setup.settings(), metrics);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        report.epoch(metrics, best);
                        figures.epochEnded(metrics);
                    }

                    @Override
                    public void stoppedEarly(int epoch, int bestEpoch, double bestValAccuracy) {
                        report.stopped(epoch, bestEpoch, bestValAccuracy, trainer.config().patience());
                    }
                });
            } catch (TrainingDivergedException e) {
                Path last = run.last();
                boolean kept = Files.exists(last);
                String message = e.getMessage() + "; " + (kept ? "the last good checkpoint stays in " + last
                        : "no epoch had completed, so nothing was saved");
                report.failed(message, kept ? last : null);
                throw new UserError(message);
            }
            if (trainer.stopped()) {
                run.saveStopped(trainer.checkpoint(), setup.settings());
                String position = position(trainer, setup), resume = resumeCommand(run);
                figures.stopped(signals.name(), position, resume);
                report.interrupted(signals.name(), position, run.last(), resume);
                spec.commandLine().getErr().println("vecnn: stopped by " + signals.name() + " " + position
                        + "; checkpoint saved in " + run.last() + "; resume with: " + resume);
                return signals.exitCode();
            }
        }
        SavedModel model = SavedModel.read(run.finalModel());
        if (setup.test() == null) {
            report.end(new TrainingReport.End(null, Double.NaN, setup.source(), model.file(), run.bestEpoch(), run.last(),
                    run.best(), run.metrics(), history));
            figures.finished(model.model(), model.file(), model.checkpoint().epoch(), null);
            if (!output.json) figures.describe(spec.commandLine().getOut());
            return 0;
        }
        Evaluation test;
        double evalSeconds;
        try (Evaluator evaluator = new Evaluator(model.model(), kernels, threads)) {
            long start = System.nanoTime();
            test = evaluator.evaluate(setup.test());
            evalSeconds = (System.nanoTime() - start) * 1e-9;
        }
        report.end(new TrainingReport.End(test, setup.test().count() / evalSeconds, setup.test().name(), model.file(),
                run.bestEpoch(), run.last(), run.best(), run.metrics(), history));
        figures.finished(model.model(), model.file(), model.checkpoint().epoch(), test);
        if (!output.json) figures.describe(spec.commandLine().getOut());
        return 0;
    }

    /** Where a stopped run stands, e.g. "at epoch 3, batch 41 of 119" or "after epoch 2 of 10". */
    private static String position(Trainer trainer, Setup setup) {
        TrainerConfig config = setup.settings().config();
        int batches = config.stepsPerEpoch(setup.train().count());
        if (trainer.progress().started())
            return "at epoch " + (trainer.epoch() + 1) + ", batch " + trainer.progress().batches() + " of " + batches;
        if (trainer.epoch() == 0) return "before its first batch";
        return "after epoch " + trainer.epoch() + " of " + config.epochs();
    }

    /** The command that continues this run: the launcher's name, --resume --out, and the options given that a resume takes. */
    private String resumeCommand(RunDirectory run) {
        List<String> words = new ArrayList<>(List.of(Launcher.name(), "train", "--resume",
                "--out", run.directory().toString()));
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : List.of("--threads", "--kernels")) {
            if (!parsed.hasMatchedOption(option)) continue;
            words.add(option);
            words.add(parsed.matchedOptionValue(option, (Object) null).toString());
        }
        if (output.json) words.add("--json");
        if (noPlots) words.add("--no-plots");
        return ShellWords.join(words);
    }

    /** The last word of a run that a second signal ends at once. */
    private void stoppedAtOnce(String signal, RunDirectory run) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("vecnn: stopped at once by a second " + signal + "; " + run.lastCheckpointState());
        err.flush();
    }

    private Setup fresh(int threads, Kernels kernels) throws IOException {
        TrainerConfig config;
        TrainingData trainingData;
        try {
            OptimizerConfig optimizerConfig = OptimizerConfig.named(optimizer, lr);
            if (weightDecay != null) optimizerConfig = optimizerConfig.withWeightDecay(weightDecay);
            if (momentum != null) {
                OptimizerConfig.Kind kind = optimizerConfig.kind();
                if (kind != OptimizerConfig.Kind.MOMENTUM && kind != OptimizerConfig.Kind.NESTEROV)
                    throw new IllegalArgumentException("--momentum is for --optimizer momentum or nesterov, not " + kind.label());
                optimizerConfig = optimizerConfig.withMomentum(momentum);
            }
            // Leaving an option out means all images, as stored; a value given must be a real size.
            if (limit != null && limit < 1)
                throw new IllegalArgumentException("--limit must be at least 1, not " + limit + " (leave it out to train on every image)");
            if (downscale != null && downscale < 1)
                throw new IllegalArgumentException("--downscale must be at least 1, not " + downscale
                        + " (leave it out to keep the images' size)");
            if (patience > 0 && valSplit == 0)
                throw new IllegalArgumentException("--patience needs validation images: give --val-split above 0");
            Augmentation augmentation = augment != null ? augment
                    : data.data == null ? Augmentation.parse(SAMPLE_AUGMENTATION) : Augmentation.NONE;
            config = new TrainerConfig(epochs, batchSize, chunkSize, threads, seed, optimizerConfig,
                    schedule, Loss.named(loss).withLabelSmoothing(labelSmoothing), augmentation, patience);
            trainingData = new TrainingData(data.data, limit == null ? 0 : limit, downscale == null ? 0 : downscale, valSplit);
        } catch (IllegalArgumentException e) {
            throw Usage.error(spec, e.getMessage());
        }
        TrainingData.Sets sets = load(trainingData, seed);
        Shape images = new Shape(sets.train().channels(), sets.train().height(), sets.train().width());
        Model model = network != null && network.init != null ? initialModel(network.init, images) : fresh(images);
        int classes = sets.train().classes();
        if (model.classes() != classes)
            throw Usage.error(spec, "the network ends in " + model.classes() + " outputs but " + trainingData.source().name()
                    + " has " + classes + " classes: end the spec with dense(" + classes + ")");
        Path directory = out != null ? out : timestampedDirectory();
        boolean newDirectory = !Files.exists(directory);
        RunSettings settings = new RunSettings(config, trainingData, trainingData.source().classNames());
        // The trainer first (it allocates every buffer, so a heap too small fails here), then the directory.
        Trainer trainer = new Trainer(model, kernels, config);
        RunDirectory run;
        try {
            run = RunDirectory.create(directory);
        } catch (IOException | RuntimeException e) {
            trainer.close();
            throw e;
        }
        return new Setup(run, settings, trainer, trainingData.source().name(), sets.train(), sets.validation(), sets.test(),
                newDirectory);
    }

    /** The network of --spec or --spec-file (the reference network without them), with weights drawn from --seed. */
    private Model fresh(Shape images) throws IOException {
        String networkText = network == null ? REFERENCE_NETWORK
                : network.text != null ? network.text : SpecFiles.read(network.file);
        try {
            return Model.build(networkText, images, seed);
        } catch (SpecException e) {
            throw Usage.error(spec, e.getMessage());
        }
    }

    /** The network and weights of --init FILE, which must take the data's images. */
    private Model initialModel(Path file, Shape images) throws IOException {
        Model model = SavedModel.read(file).model();
        if (!model.input().equals(images))
            throw Usage.error(spec, file + " takes " + model.input() + " inputs, but the training images are " + images);
        return model;
    }

    private Setup resumed(int threads, Kernels kernels) throws IOException {
        if (out == null) throw Usage.error(spec, "--resume needs --out DIR: the directory of the run to continue");
        for (String given : spec.commandLine().getParseResult().matchedOptions().stream().map(o -> o.longestName()).toList())
            if (!RESUME_OPTIONS.contains(given))
                throw Usage.error(spec, given + " cannot be given with --resume: the run continues with the settings it started with"
                        + " (only --epochs, --threads, --kernels, --json and --no-plots may change)");
        RunDirectory.Saved saved = RunDirectory.resume(out, threads);
        try {
            Checkpoint checkpoint = saved.checkpoint();
            RunSettings settings = saved.settings();
            boolean extended = spec.commandLine().getParseResult().hasMatchedOption("--epochs");
            if (extended && epochs < 1) throw Usage.error(spec, "epochs must be at least 1, not " + epochs);
            int target = extended ? epochs : settings.config().epochs();
            if (checkpoint.epoch() >= target)
                throw Usage.error(spec, out + " has already trained " + checkpoint.epoch() + " of " + target
                        + " epochs: give --epochs above " + checkpoint.epoch() + " to train further");
            TrainingData.Sets sets = load(settings.data(), checkpoint.seed());
            if (extended) {
                TrainerConfig config = settings.config();
                int steps = config.stepsPerEpoch(sets.train().count());
                config = config.extendedTo(epochs, checkpoint.step(), steps);
                if (config.schedule().lr(config.optimizer().lr(), checkpoint.step(), steps, epochs) == 0)
                    throw Usage.error(spec, "--epochs " + epochs + " would continue " + out + " at a learning rate of 0, where its "
                            + config.schedule() + " schedule ended: more epochs would not change the model; start a new run "
                            + "with --epochs " + epochs + " instead");
                settings = new RunSettings(config, settings.data(), settings.classNames());
            }
            Trainer trainer = Trainer.resume(checkpoint, kernels, settings.config());
            trainer.rememberTop(saved.run().topEpoch(), saved.run().topValAccuracy());
            return new Setup(saved.run(), settings, trainer, settings.data().source().name(), sets.train(), sets.validation(),
                    sets.test(), false);
        } catch (IOException | RuntimeException e) {
            saved.run().close();
            throw e;
        }
    }

    /** The data sets; an impossible cut (a split that leaves a part empty, a downscale larger than the images) is a bad option. */
    private TrainingData.Sets load(TrainingData trainingData, long seed) throws IOException {
        try {
            return trainingData.load(seed);
        } catch (IllegalArgumentException e) {
            throw Usage.error(spec, e.getMessage());
        }
    }

    private TrainingReport.Start describe(Setup s, int threads, Kernels kernels) {
        Model model = s.trainer().model();
        TrainerConfig config = s.settings().config();
        var summary = model.summary();
        return new TrainingReport.Start(model.spec(), summary.parameters(), summary.mflops(), model.input().toString(),
                s.source(), s.train().count(), s.validation() == null ? 0 : s.validation().count(),
                s.test() == null ? 0 : s.test().count(), s.trainer().epoch() + 1, config.epochs(), config.batchSize(),
                config.chunkSize(), config.optimizer(), config.schedule().toString(), config.seed(), threads, KernelsInUse.of(kernels),
                s.run().directory(), config.loss(), config.augment().toString(), config.patience());
    }

    /** runs/yyyyMMdd-HHmmss, with a suffix if two runs start within the same second. */
    private static Path timestampedDirectory() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path directory = Path.of("runs", stamp);
        for (int n = 2; Files.exists(directory); n++) directory = Path.of("runs", stamp + "-" + n);
        return directory;
    }

}
