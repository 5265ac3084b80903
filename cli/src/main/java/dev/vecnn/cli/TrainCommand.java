package dev.vecnn.cli;

import dev.vecnn.cli.plot.TrainingFigures;
import dev.vecnn.engine.Shape;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code vecnn train}: trains a network, checkpointing every epoch, and reports its test accuracy. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a network on MNIST-layout images (the bundled MNIST sample by default), validating "
                + "after every epoch, then report its test accuracy.",
                "Writes OUT/last.vecnn (checkpoint after every epoch), OUT/best.vecnn (best validation accuracy), "
                        + "OUT/metrics.csv, and, unless --no-plots, OUT/report.html with its figures (PNG files), redrawn "
                        + "after every epoch: open it in a browser to watch the run. The same seed gives the same model "
                        + "file, bit for bit, on any --threads.",
                "Options can also be read from a file: vecnn train @options.txt (one option or value per line)."})
final class TrainCommand implements Callable<Integer> {
    /** The reference network of DESIGN.md. */
    static final String REFERENCE_NETWORK =
            "conv(32,3) relu maxpool(2) conv(64,3) relu maxpool(2) flatten dense(128) relu dense(10)";
    /** Options a resumed run takes from the command line; every other setting comes from its checkpoint. */
    private static final Set<String> RESUME_OPTIONS = Set.of("--resume", "--out", "--epochs", "--threads", "--kernels", "--json",
            "--no-plots");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory of MNIST-layout IDX files (default: the bundled MNIST sample).")
    Path data;

    @ArgGroup(exclusive = true)
    Network network;

    static final class Network {
        @Option(names = "--spec", paramLabel = "SPEC", description = "The network (grammar: engine/SPEC.md; default: " + REFERENCE_NETWORK + ").")
        String text;

        @Option(names = "--spec-file", paramLabel = "FILE", description = "A file holding the network spec.")
        Path file;
    }

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Epochs to train (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "64", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "1e-3", description = "Learning rate (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--val-split", paramLabel = "F", defaultValue = "0.05",
            description = "Fraction of the training images kept for validation, stratified; 0 for none (default: ${DEFAULT-VALUE}).")
    double valSplit;

    @Option(names = "--limit", paramLabel = "N", description = "Train on a stratified subset of N training images.")
    int limit;

    @Option(names = "--downscale", paramLabel = "S", description = "Shrink every image to S x S pixels (area averaging).")
    int downscale;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/<date-time>).")
    Path out;

    @Option(names = "--resume", description = "Continue the run saved in --out DIR from its last checkpoint, with its "
            + "settings; only --epochs (to train further), --threads, --kernels and --json may be given with it.")
    boolean resume;

    @Option(names = "--json", description = "Print JSON lines instead of text: a \"start\" object, one \"epoch\" object "
            + "per epoch, an \"end\" object with the test accuracy.")
    boolean json;

    @Option(names = "--no-plots", description = "Do not draw the figures and report.html (by default redrawn after every epoch).")
    boolean noPlots;

    @Mixin
    ComputeOptions compute;

    /** A run ready to train. */
    private record Setup(RunDirectory run, RunSettings settings, Trainer trainer, String source, Dataset train,
                         Dataset validation, Dataset test) {}

    @Override
    public Integer call() throws IOException {
        int threads = compute.threads();
        Kernels kernels = compute.kernels();
        Setup setup = resume ? resumed(threads, kernels) : fresh(threads, kernels);
        TrainingReport report = TrainingReport.create(spec.commandLine().getOut(), json);
        List<EpochMetrics> history;
        TrainingFigures figures;
        try (Trainer trainer = setup.trainer()) {
            report.start(describe(setup, threads, kernels));
            figures = noPlots ? TrainingFigures.OFF : new TrainingFigures(setup.run().directory(), trainer, setup.settings(),
                    setup.source(), setup.test(), kernels, threads);
            history = trainer.fit(setup.train(), setup.validation(), new TrainingListener() {
                @Override
                public void batchEnded(BatchProgress progress) {
                    report.batch(progress);
                }

                @Override
                public void epochEnded(EpochMetrics metrics) {
                    boolean best;
                    try {
                        best = setup.run().saveEpoch(trainer.checkpoint(), setup.settings(), metrics);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    report.epoch(metrics, best);
                    figures.epochEnded(metrics);
                }
            });
        } catch (TrainingDivergedException e) {
            Path last = setup.run().last();
            throw new UserError(e.getMessage() + "; " + (Files.exists(last)
                    ? "the last good checkpoint stays in " + last : "no epoch had completed, so nothing was saved"));
        }
        SavedModel model = SavedModel.read(setup.run().finalModel());
        Evaluation test;
        double evalSeconds;
        try (Evaluator evaluator = new Evaluator(model.model(), kernels, threads)) {
            long start = System.nanoTime();
            test = evaluator.evaluate(setup.test());
            evalSeconds = (System.nanoTime() - start) * 1e-9;
        }
        RunDirectory run = setup.run();
        report.end(new TrainingReport.End(test, setup.test().count() / evalSeconds, setup.test().name(), model.file(),
                run.bestEpoch(), run.last(), run.best(), run.metrics(), history));
        figures.finished(model.model(), model.file(), model.checkpoint().epoch(), test);
        if (!json) figures.describe(spec.commandLine().getOut());
        return 0;
    }

    private Setup fresh(int threads, Kernels kernels) throws IOException {
        TrainerConfig config;
        TrainingData trainingData;
        try {
            OptimizerConfig optimizerConfig = OptimizerConfig.named(optimizer, lr);
            if (weightDecay != null) optimizerConfig = optimizerConfig.withWeightDecay(weightDecay);
            if (limit < 0) throw new IllegalArgumentException("--limit must be at least 1, not " + limit);
            if (downscale < 0) throw new IllegalArgumentException("--downscale must be at least 1, not " + downscale);
            config = new TrainerConfig(epochs, batchSize, TrainerConfig.chunkSizeFor(batchSize), threads, seed, optimizerConfig,
                    schedule, Loss.CROSS_ENTROPY);
            trainingData = new TrainingData(data, limit, downscale, valSplit);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        String networkText = network == null ? REFERENCE_NETWORK
                : network.text != null ? network.text : SpecFiles.read(network.file);
        TrainingData.Sets sets = load(trainingData, seed);
        Model model;
        try {
            model = Model.build(networkText, new Shape(sets.train().channels(), sets.train().height(), sets.train().width()), seed);
        } catch (SpecException e) {
            throw usage(e.getMessage());
        }
        RunDirectory run = RunDirectory.create(out != null ? out : timestampedDirectory());
        return new Setup(run, new RunSettings(config, trainingData), new Trainer(model, kernels, config),
                trainingData.source().name(), sets.train(), sets.validation(), sets.test());
    }

    private Setup resumed(int threads, Kernels kernels) throws IOException {
        if (out == null) throw usage("--resume needs --out DIR: the directory of the run to continue");
        for (String given : spec.commandLine().getParseResult().matchedOptions().stream().map(o -> o.longestName()).toList())
            if (!RESUME_OPTIONS.contains(given))
                throw usage(given + " cannot be given with --resume: the run continues with the settings it started with"
                        + " (only --epochs, --threads, --kernels and --json may change)");
        RunDirectory.Saved saved = RunDirectory.resume(out, threads);
        Checkpoint checkpoint = saved.checkpoint();
        RunSettings settings = saved.settings();
        if (spec.commandLine().getParseResult().hasMatchedOption("--epochs")) {
            try {
                settings = new RunSettings(settings.config().withEpochs(epochs), settings.data());
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        if (checkpoint.epoch() >= settings.config().epochs())
            throw usage(out + " has already trained " + checkpoint.epoch() + " of " + settings.config().epochs()
                    + " epochs: give --epochs above " + checkpoint.epoch() + " to train further");
        TrainingData.Sets sets = load(settings.data(), checkpoint.seed());
        Trainer trainer = Trainer.resume(checkpoint, kernels, settings.config());
        return new Setup(saved.run(), settings, trainer, settings.data().source().name(), sets.train(), sets.validation(),
                sets.test());
    }

    /** The data sets; an impossible cut (a split that leaves a part empty, a downscale larger than the images) is a bad option. */
    private TrainingData.Sets load(TrainingData trainingData, long seed) throws IOException {
        try {
            return trainingData.load(seed);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private TrainingReport.Start describe(Setup s, int threads, Kernels kernels) {
        Model model = s.trainer().model();
        TrainerConfig config = s.settings().config();
        var summary = model.summary();
        return new TrainingReport.Start(model.spec(), summary.parameters(), summary.mflops(), model.input().toString(),
                s.source(), s.train().count(), s.validation() == null ? 0 : s.validation().count(), s.test().count(),
                s.trainer().epoch() + 1, config.epochs(), config.batchSize(), config.optimizer().kind().label(),
                config.optimizer().lr(), config.schedule().toString(), config.seed(), threads, kernels.name(),
                s.run().directory());
    }

    /** runs/yyyyMMdd-HHmmss, with a suffix if two runs start within the same second. */
    private static Path timestampedDirectory() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path directory = Path.of("runs", stamp);
        for (int n = 2; Files.exists(directory); n++) directory = Path.of("runs", stamp + "-" + n);
        return directory;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
