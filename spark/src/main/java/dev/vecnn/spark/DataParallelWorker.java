package dev.vecnn.spark;

import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.data.TrainingData;
import dev.vecnn.engine.io.BadFileException;
import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.layers.Param;
import dev.vecnn.engine.train.Checkpoint;
import dev.vecnn.engine.train.EpochMetrics;
import dev.vecnn.engine.train.EpochProgress;
import dev.vecnn.engine.train.Evaluation;
import dev.vecnn.engine.train.Evaluator;
import dev.vecnn.engine.train.MetricsCsv;
import dev.vecnn.engine.train.RunDirectory;
import dev.vecnn.engine.train.RunSettings;
import dev.vecnn.engine.train.Trainer;
import dev.vecnn.engine.train.TrainerConfig;
import dev.vecnn.kernels.Kernels;
import org.apache.spark.BarrierTaskContext;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One of N data-parallel workers, a task of a barrier stage. Every worker holds the whole model
 * and visits the epoch's images in the order vecnn train would; of each batch it trains on its
 * own share (worker w of N: images [w b / N, (w + 1) b / N) of a batch of b) with the engine's
 * trainer at the run's batch size, so the learning-rate schedule and the step count are vecnn
 * train's. Every K steps, and at the end of every epoch, the workers average their state through
 * Spark ({@link ParameterAveraging}). After each epoch every worker validates (they hold the same
 * model, so they agree on the best epoch and on an early stop) and worker 0 writes the run's
 * files as vecnn train does: a checkpoint either of them can resume.
 */
final class DataParallelWorker {
    /**
     * What the driver tells every worker: the network, the run's settings as a model file stores
     * them (with the seed and the class count they are read back with), the data's URI, the output,
     * K, whether to resume from the output's checkpoint, and the kernels.
     */
    record Job(String spec, Map<String, String> settings, long seed, int classes, String data, String out, int syncEvery,
               boolean resume, String kernels) implements Serializable {
        Job {
            settings = new java.util.LinkedHashMap<>(settings);
        }

        static Job of(String spec, RunSettings settings, int classes, String data, String out, int syncEvery, boolean resume,
                      String kernels) {
            return new Job(spec, settings.toOptions(), settings.config().seed(), classes, data, out, syncEvery, resume, kernels);
        }

        RunSettings runSettings(int threads) throws BadFileException {
            return RunSettings.fromOptions("the driver's settings", settings, seed, threads, classes);
        }
    }

    private DataParallelWorker() {}

    /** Runs worker {@code context.partitionId()}; returns the run's summary from worker 0, null from the others. */
    static DataParallelResult run(Job job, HadoopFiles files, BarrierTaskContext context) throws IOException {
        int worker = context.partitionId(), workers = context.getTaskInfos().length, threads = context.cpus();
        Path local = Files.createTempDirectory("vecnn-worker-");
        try {
            Path data = job.data() == null ? null : files.localData(job.data());
            RunSettings given = job.runSettings(threads);
            TrainingData trainingData = new TrainingData(data, given.data().limit(), given.data().downscale(), given.data().valSplit());
            RunSettings settings = new RunSettings(given.config(), trainingData, given.classNames());
            Kernels kernels = Kernels.named(job.kernels());
            Path directory = local.resolve("run");
            RunDirectory run;
            Trainer trainer;
            TrainingData.Sets sets = trainingData.load(settings.config().seed());
            if (job.resume()) {
                Files.createDirectories(directory);
                for (String name : List.of(RunDirectory.LAST, RunDirectory.BEST, RunDirectory.METRICS)) {
                    String uri = HadoopFiles.resolve(job.out(), name);
                    if (files.exists(uri)) files.download(uri, directory.resolve(name));
                }
                RunDirectory.Saved saved = RunDirectory.resume(directory, threads);
                run = saved.run();
                trainer = Trainer.resume(saved.checkpoint(), kernels, settings.config());
            } else {
                Dataset train = sets.train();
                Model model = Model.build(job.spec(), new dev.vecnn.engine.Shape(train.channels(), train.height(), train.width()),
                        settings.config().seed());
                run = RunDirectory.create(directory);
                trainer = new Trainer(model, kernels, settings.config());
            }
            try (run; trainer) {
                return new Loop(job, settings, files, context, worker, workers, run, trainer, sets).train();
            }
        } finally {
            try (var paths = Files.walk(local)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** The epochs of one worker. */
    private record Loop(Job job, RunSettings settings, HadoopFiles files, BarrierTaskContext context, int worker, int workers,
                        RunDirectory run, Trainer trainer, TrainingData.Sets sets) {
        DataParallelResult train() throws IOException {
            TrainerConfig config = settings.config();
            Dataset train = sets.train();
            int n = train.count(), batches = config.stepsPerEpoch(n);
            int[] order = new int[n];
            List<EpochMetrics> history = new ArrayList<>();
            int topEpoch = run.topEpoch();
            double topAccuracy = run.topValAccuracy();
            EpochProgress progress = trainer.progress();
            long trained = 0;
            double trainingSeconds = 0;
            for (int epoch = trainer.epoch(); epoch < config.epochs(); epoch++) {
                Trainer.epochOrder(config.seed(), epoch, order);
                long start = System.nanoTime();
                // A checkpoint from inside an epoch (a stopped vecnn train) holds the whole batches' totals: counted once.
                double lossSum = worker == 0 ? progress.lossSum() : 0, epochLoss = 0;
                long correct = worker == 0 ? progress.correct() : 0, epochCorrect = 0, images = 0;
                int sinceSync = 0;
                for (int b = progress.batches(); b < batches; b++) {
                    int from = b * config.batchSize(), count = Math.min(config.batchSize(), n - from);
                    int lo = from + (int) ((long) count * worker / workers), hi = from + (int) ((long) count * (worker + 1) / workers);
                    double loss = trainer.step(train, order, lo, hi - lo);
                    lossSum += loss * (hi - lo);
                    correct += trainer.lastStepCorrect();
                    images += hi - lo;
                    if (++sinceSync == job.syncEvery() || b == batches - 1) {
                        ParameterAveraging.Totals totals = synchronise(images, lossSum, correct);
                        epochLoss += totals.lossSum();
                        epochCorrect += totals.correct();
                        trained += totals.images();
                        images = 0;
                        lossSum = 0;
                        correct = 0;
                        sinceSync = 0;
                    }
                }
                double seconds = progress.seconds() + (System.nanoTime() - start) * 1e-9;
                trainingSeconds += (System.nanoTime() - start) * 1e-9;
                progress = EpochProgress.START;
                Evaluation validation = sets.validation() == null || sets.validation().count() == 0 ? null
                        : trainer.evaluate(sets.validation());
                long last = trainer.step() - 1, first = (long) epoch * batches;
                EpochMetrics metrics = new EpochMetrics(epoch + 1, epochLoss / n, (double) epochCorrect / n,
                        validation == null ? Double.NaN : validation.loss(), validation == null ? Double.NaN : validation.accuracy(),
                        lr(config, last, batches), seconds, n / seconds, lr(config, first, batches),
                        validation == null ? 0 : validation.count());
                history.add(metrics);
                if (worker == 0) save(metrics, epoch + 1);
                if (metrics.hasValidation() && (topEpoch == 0 || metrics.valAccuracy() > topAccuracy)) {
                    topEpoch = epoch + 1;
                    topAccuracy = metrics.valAccuracy();
                }
                if (config.patience() > 0 && topEpoch > 0 && epoch + 1 - topEpoch >= config.patience()) break;
            }
            if (worker != 0) return null;
            double testAccuracy = Double.NaN;
            Path finalModel = run.finalModel();
            if (sets.test() != null && Files.exists(finalModel)) {
                Model model = Checkpoint.of(finalModel.toString(), ModelFile.read(finalModel)).model();
                try (Evaluator evaluator = new Evaluator(model, Kernels.named(job.kernels()), config.threads())) {
                    testAccuracy = evaluator.evaluate(sets.test()).accuracy();
                }
            }
            List<String> rows = new ArrayList<>();
            for (EpochMetrics m : history) rows.add(MetricsCsv.row(m));
            return new DataParallelResult(rows, testAccuracy, trained / trainingSeconds, run.bestEpoch(),
                    HadoopFiles.resolve(job.out(), finalModel.getFileName().toString()));
        }

        /** The state averaged over the workers, and their totals; one worker's average is its own state, bit for bit. */
        private ParameterAveraging.Totals synchronise(long images, double lossSum, long correct) {
            if (workers == 1) return new ParameterAveraging.Totals(images, lossSum, correct);
            Model model = trainer.model();
            List<float[]> state = new ArrayList<>();
            for (Param p : model.tensors()) state.add(p.data());
            List<float[]> optimizer = trainer.optimizer().copyState();
            state.addAll(optimizer);
            ParameterAveraging.Totals totals = ParameterAveraging.synchronise(context, state, images, lossSum, correct);
            trainer.optimizer().loadState(optimizer, trainer.optimizer().step());
            return totals;
        }

        /** The rate of step {@code step} (counted from 0), as the trainer computed it. */
        private static double lr(TrainerConfig config, long step, int batches) {
            return (float) config.schedule().lr(config.optimizer().lr(), step, batches, config.epochs());
        }

        /** Worker 0: the epoch's checkpoint and metrics, written as vecnn train writes them, then copied to the output. */
        private void save(EpochMetrics metrics, int epoch) throws IOException {
            Model model = trainer.model();
            Checkpoint checkpoint = new Checkpoint(model.spec(), model.input(), model.classes(), model.copyTensors(),
                    trainer.optimizer().config().kind().label(), trainer.optimizer().copyState(), settings.config().seed(),
                    epoch, trainer.step(), EpochProgress.START);
            boolean best = run.saveEpoch(checkpoint, settings, metrics);
            if (best) files.uploadReplacing(run.best(), HadoopFiles.resolve(job.out(), RunDirectory.BEST));
            files.uploadReplacing(run.last(), HadoopFiles.resolve(job.out(), RunDirectory.LAST));
            files.uploadReplacing(run.metrics(), HadoopFiles.resolve(job.out(), RunDirectory.METRICS));
            PrintStream err = System.err;
            err.printf(Locale.ROOT, "vecnn-spark: epoch %d/%d  loss %.4f  accuracy %.2f %%  validation %s  %.1f s  %.0f images/s%n",
                    epoch, settings.config().epochs(), metrics.trainLoss(), 100 * metrics.trainAccuracy(),
                    metrics.hasValidation() ? String.format(Locale.ROOT, "%.2f %%", 100 * metrics.valAccuracy()) : "-",
                    metrics.seconds(), metrics.imagesPerSecond());
        }
    }
}
