package dev.vecnn.spark;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.data.TrainingData;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.MetricsCsv;
import dev.vecnn.engine.train.RunDirectory;
import dev.vecnn.engine.train.RunSettings;
import dev.vecnn.engine.train.TrainerConfig;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.SparkSession;
import scala.Function1;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code vecnn-spark train --workers N [--sync-every K]}: data-parallel training as one barrier
 * stage of N tasks ({@link DataParallelWorker}), all running at once or none. The driver checks
 * the options, the data and the network first, so a mistake is one line rather than a failed job.
 */
public final class DataParallel {
    private DataParallel() {}

    /** The run's settings as the driver checked them, and what the workers are told. */
    public record Request(TrainOptions options, String data, String out, int workers, int syncEvery, boolean resume,
                          Integer epochs) {}

    public static DataParallelResult run(SparkSession spark, Request request, PrintStream log) throws IOException {
        if (request.workers() < 1) throw new UserError("--workers must be at least 1, not " + request.workers());
        if (request.syncEvery() < 1) throw new UserError("--sync-every must be at least 1, not " + request.syncEvery());
        HadoopFiles files = HadoopFiles.of(spark.sparkContext().getConf());
        if (request.data() != null && !(files.exists(request.data()) && files.isDirectory(request.data())))
            throw new UserError("no data directory " + request.data());
        DataParallelWorker.Job job = request.resume() ? resumed(request, files) : fresh(request, files);
        String master = spark.sparkContext().master();
        int slots = spark.sparkContext().defaultParallelism();
        if (master.startsWith("local") && request.workers() > slots)
            throw new UserError("--workers " + request.workers() + " needs as many task slots at once, and " + master + " has "
                    + slots + ": give --master local[" + request.workers() + "] or fewer workers");
        log.printf("vecnn-spark: training on %d workers (a barrier stage), averaging every %d steps, into %s%n",
                request.workers(), request.syncEvery(), request.out());
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        context.setJobDescription("vecnn data-parallel training into " + request.out());
        RDD<Integer> workers = context.parallelize(IntStream.range(0, request.workers()).boxed().toList(), request.workers()).rdd();
        ClassTag<DataParallelResult> tag = ClassTag$.MODULE$.apply(DataParallelResult.class);
        Function1<scala.collection.Iterator<Integer>, scala.collection.Iterator<DataParallelResult>> work =
                (Function1<scala.collection.Iterator<Integer>, scala.collection.Iterator<DataParallelResult>> & Serializable) ignored -> {
                    try {
                        DataParallelResult result = DataParallelWorker.run(job, files, BarrierTaskContext.get());
                        Iterator<DataParallelResult> it = result == null ? Collections.emptyIterator() : List.of(result).iterator();
                        return CollectionConverters.asScala(it);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                };
        List<DataParallelResult> results = new JavaRDD<>(workers.barrier().mapPartitions(work, false, tag), tag).collect();
        return results.get(0);
    }

    private static DataParallelWorker.Job fresh(Request request, HadoopFiles files) throws IOException {
        if (files.exists(HadoopFiles.resolve(request.out(), RunDirectory.LAST)))
            throw new UserError(request.out() + " already holds a training run (" + RunDirectory.LAST
                    + "): continue it with --resume or choose another output directory");
        Path data = request.data() == null ? null : files.localData(request.data());
        TrainOptions.Plan plan;
        TrainingData.Sets sets;
        try {
            plan = request.options().plan(data, 1);
            sets = plan.data().load(plan.config().seed());
            Dataset train = sets.train();
            Model model = Model.build(plan.spec(), new Shape(train.channels(), train.height(), train.width()), plan.config().seed());
            if (model.classes() != train.classes())
                throw new UserError("the network ends in " + model.classes() + " outputs but the data has " + train.classes()
                        + " classes: end the spec with dense(" + train.classes() + ")");
            if (model.parameterCount() == 0) throw new UserError("the network '" + model.spec() + "' has no parameters to train");
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        checkShares(plan.config(), sets.train().count(), request.workers());
        RunSettings settings = new RunSettings(plan.config(), plan.data(), plan.data().source().classNames());
        return DataParallelWorker.Job.of(plan.spec(), settings, sets.train().classes(), request.data(), request.out(),
                request.syncEvery(), false, plan.kernels());
    }

    /** A run continued from the checkpoint in --out, with its own settings; --epochs may extend it, as vecnn train's. */
    private static DataParallelWorker.Job resumed(Request request, HadoopFiles files) throws IOException {
        String last = HadoopFiles.resolve(request.out(), RunDirectory.LAST);
        if (!files.exists(last)) throw new UserError("no checkpoint " + last + " to resume from");
        Path local = Files.createTempDirectory("vecnn-resume-");
        try {
            files.download(last, local.resolve(RunDirectory.LAST));
            RunDirectory.Saved saved = RunDirectory.resume(local, 1);
            saved.run().close();
            RunSettings settings = saved.settings();
            String data = request.data() != null ? request.data()
                    : settings.data().directory() == null ? null : settings.data().directory().toUri().toString();
            Path localData = data == null ? null : files.localData(data);
            TrainingData trainingData = new TrainingData(localData, settings.data().limit(), settings.data().downscale(),
                    settings.data().valSplit());
            int images;
            try {
                images = trainingData.load(saved.checkpoint().seed()).train().count();
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            TrainerConfig config = settings.config();
            if (request.epochs() != null && request.epochs() < 1)
                throw new UserError("--epochs must be at least 1, not " + request.epochs());
            int target = request.epochs() != null ? request.epochs() : config.epochs();
            if (saved.checkpoint().epoch() >= target)
                throw new UserError(request.out() + " has already trained " + saved.checkpoint().epoch() + " of " + target
                        + " epochs: give --epochs above " + saved.checkpoint().epoch() + " to train further");
            if (request.epochs() != null) {
                int steps = config.stepsPerEpoch(images);
                config = config.extendedTo(request.epochs(), saved.checkpoint().step(), steps);
                // As vecnn train: a schedule that has ended would train on at a rate of 0, changing nothing.
                if (config.schedule().lr(config.optimizer().lr(), saved.checkpoint().step(), steps, request.epochs()) == 0)
                    throw new UserError("--epochs " + request.epochs() + " would continue " + request.out() + " at a learning rate "
                            + "of 0, where its " + config.schedule() + " schedule ended: more epochs would not change the model; "
                            + "start a new run with --epochs " + request.epochs() + " instead");
            }
            checkShares(config, images, request.workers());
            String kernels = request.options().get("kernels");
            return DataParallelWorker.Job.of(saved.checkpoint().spec(), new RunSettings(config, trainingData, settings.classNames()),
                    saved.checkpoint().classes(), data, request.out(), request.syncEvery(), true, kernels);
        } finally {
            try (var paths = Files.walk(local)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** Every worker needs a share of every batch, the last one's included. */
    private static void checkShares(TrainerConfig config, int images, int workers) {
        int last = images % config.batchSize() == 0 ? config.batchSize() : images % config.batchSize();
        if (Math.min(config.batchSize(), last) < workers)
            throw new UserError("a batch of " + Math.min(config.batchSize(), last) + " images (" + (last < config.batchSize()
                    ? "the last of each epoch, of " + images + " training images" : "batch-size") + ") cannot be shared by "
                    + workers + " workers: a larger batch, another limit or fewer workers");
    }

    /** The summary the driver prints. */
    static String describe(DataParallelResult result) {
        List<String> lines = new ArrayList<>();
        lines.add(MetricsCsv.HEADER);
        lines.addAll(result.epochs());
        lines.add(String.format(java.util.Locale.ROOT, "test accuracy %s, %.0f images/s over all workers; model %s",
                Double.isNaN(result.testAccuracy()) ? "-" : String.format(java.util.Locale.ROOT, "%.2f %%", 100 * result.testAccuracy()),
                result.imagesPerSecond(), result.model()));
        return String.join("\n", lines) + "\n";
    }
}
