package dev.vecnn.spark;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.data.TrainingData;
import dev.vecnn.engine.io.BadFileException;
import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.Checkpoint;
import dev.vecnn.engine.train.EpochMetrics;
import dev.vecnn.engine.train.Evaluator;
import dev.vecnn.engine.train.RunDirectory;
import dev.vecnn.engine.train.RunSettings;
import dev.vecnn.engine.train.Trainer;
import dev.vecnn.engine.train.TrainingDivergedException;
import dev.vecnn.engine.train.TrainingListener;
import dev.vecnn.kernels.Kernels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * One sweep run, inside its Spark task: trains with the engine as vecnn train does (a run
 * directory with last.vecnn, best.vecnn and metrics.csv, checkpointed every epoch) in a local
 * temporary directory, tests the model the run names, copies the directory to
 * {@code out/<run-id>/} and writes {@code result.json} there last: a run directory with a result
 * is finished. Anything the run's options make fail (a bad spec, a bad value, a diverged loss)
 * becomes the result's error, so one bad run never fails the sweep.
 */
final class RunTraining {
    static final String RESULT = "result.json";

    private RunTraining() {}

    static RunResult run(Grid.Run run, String data, String out, HadoopFiles files, int threads) throws IOException {
        long start = System.nanoTime();
        String target = HadoopFiles.resolve(out, run.id());
        Path local = Files.createTempDirectory("vecnn-run-");
        RunResult result;
        try {
            Path localData = data == null ? null : files.localData(data);
            try {
                result = train(run, localData, local.resolve("run"), threads, start);
            } catch (IllegalArgumentException | TrainingDivergedException | BadFileException e) {
                result = RunResult.failed(run.id(), run.options(), seconds(start), e.getMessage());
            }
            Path runDirectory = local.resolve("run");
            if (Files.isDirectory(runDirectory)) files.uploadDirectory(runDirectory, target);
            if (result.ok()) result = withModel(result, HadoopFiles.resolve(target, result.model()), seconds(start));
            files.writeText(HadoopFiles.resolve(target, RESULT), result.toJsonText());
            return result;
        } finally {
            deleteTree(local);
        }
    }

    /** Trains in {@code directory}; the result names its model by file name, which the caller makes a URI. */
    private static RunResult train(Grid.Run run, Path data, Path directory, int threads, long start) throws IOException {
        TrainOptions.Plan plan = new TrainOptions(run.options()).plan(data, threads);
        TrainingData.Sets sets = plan.data().load(plan.config().seed());
        Dataset train = sets.train();
        Model model = Model.build(plan.spec(), new Shape(train.channels(), train.height(), train.width()), plan.config().seed());
        if (model.classes() != train.classes())
            throw new IllegalArgumentException("the network ends in " + model.classes() + " outputs but the data has "
                    + train.classes() + " classes: end the spec with dense(" + train.classes() + ")");
        Kernels kernels = Kernels.named(plan.kernels());
        RunSettings settings = new RunSettings(plan.config(), plan.data(), plan.data().source().classNames());
        List<EpochMetrics> history;
        Path finalModel;
        double valAccuracy;
        try (Trainer trainer = new Trainer(model, kernels, plan.config()); RunDirectory directoryRun = RunDirectory.create(directory)) {
            history = trainer.fit(train, sets.validation(), new TrainingListener() {
                @Override
                public void epochEnded(EpochMetrics metrics) {
                    try {
                        directoryRun.saveEpoch(trainer.checkpoint(), settings, metrics);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            finalModel = directoryRun.finalModel();
            valAccuracy = directoryRun.bestEpoch() > 0 ? directoryRun.bestValAccuracy() : Double.NaN;
        }
        double testAccuracy = Double.NaN;
        if (sets.test() != null) {
            Model best = Checkpoint.of(finalModel.toString(), ModelFile.read(finalModel)).model();
            try (Evaluator evaluator = new Evaluator(best, kernels, threads)) {
                testAccuracy = evaluator.evaluate(sets.test()).accuracy();
            }
        }
        double trainSeconds = history.stream().mapToDouble(EpochMetrics::seconds).sum();
        double imagesPerSecond = (double) train.count() * history.size() / trainSeconds;
        return new RunResult(run.id(), run.options(), valAccuracy, testAccuracy, seconds(start), imagesPerSecond,
                finalModel.getFileName().toString(), null);
    }

    private static RunResult withModel(RunResult r, String model, double seconds) {
        return new RunResult(r.run(), r.options(), r.valAccuracy(), r.testAccuracy(), seconds, r.imagesPerSecond(), model, null);
    }

    private static double seconds(long start) { return (System.nanoTime() - start) * 1e-9; }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
