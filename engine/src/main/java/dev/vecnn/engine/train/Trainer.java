package dev.vecnn.engine.train;

import dev.vecnn.engine.CounterRandom;
import dev.vecnn.engine.augment.Augmenter;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.layers.Param;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;
import dev.vecnn.kernels.Optimizers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Mini-batch training on a ForkJoin pool. Each epoch visits the training set in an order shuffled
 * from (seed, epoch); each mini-batch is cut into chunks of {@code chunkSize} samples that run
 * forward and backward as parallel tasks, each into its own buffers and gradient arrays. Then, in
 * the same parallel run, fixed slices of the parameters are reduced and updated: the chunks'
 * gradients added in chunk order, or, for a layer that computes its gradient per batch (dense),
 * that gradient computed slice by slice from every chunk's input and output gradient
 * ({@link TrainingPlan} decides which and cuts the slices); then the optimiser. Nothing here depends on the thread count, so one seed gives the same parameters, bit
 * for bit, on 1 thread or 16; and every buffer is allocated once, before the first step. Given a
 * {@link StepProfile}, it times every operation of its steps there.
 */
public final class Trainer implements AutoCloseable {
    /** The shuffles' and the augmentations' random streams; dropout's use the (non-negative) step in this place. */
    private static final long SHUFFLE_STREAM = -1, AUGMENT_STREAM = -2;

    private final Model model;
    private final Kernels kernels;
    private final TrainerConfig config;
    private final Parallel parallel;
    private final BatchRunner runner;
    private final Optimizer optimizer;
    private final Evaluator evaluator;
    /** Loads the training images through the run's augmentation; null without one. */
    private final Augmenter augmenter;
    /** The tasks of a step's parameter phase: each sums a slice of a parameter's gradient, then updates it. */
    private final GradientSlice[] slices;
    private final StepProfile profile;
    /** The profile's counters of parameter slice 0, and the optimiser's row. */
    private final int firstSliceLane;
    private final int optimizerRow;
    private final IntConsumer reduceAndUpdate;
    /** With {@link #keepEpochGradients}: copies of the gradients of the last step of the latest epoch, in parameter order. */
    private float[][] epochGradients;
    /** True during the step whose gradients are copied into epochGradients. */
    private boolean copyingGradients;
    private float lr;
    private int epoch;
    private long step;
    /** Where training stands inside the current epoch: its start, or where a stop left it. */
    private EpochProgress progress = EpochProgress.START;
    private volatile boolean stopRequested;
    private boolean stopped;
    /** The epoch with the highest validation accuracy so far (0: none yet) and that accuracy, for the patience. */
    private int topEpoch;
    private double topValAccuracy = Double.NaN;

    public Trainer(Model model, Kernels kernels, TrainerConfig config) {
        this(model, kernels, config, null);
    }

    /** A trainer that times every operation of its steps into {@code profile}, which must be new. */
    public Trainer(Model model, Kernels kernels, TrainerConfig config, StepProfile profile) {
        if (model.parameterCount() == 0)
            throw new IllegalArgumentException("the network '" + model.spec() + "' has no parameters to train");
        this.model = model;
        this.kernels = kernels;
        this.config = config;
        this.parallel = new Parallel(config.threads());
        int chunks = (config.batchSize() + config.chunkSize() - 1) / config.chunkSize();
        TrainingPlan plan = new TrainingPlan(model, kernels, config.loss(),
                Math.min(config.chunkSize(), config.batchSize()), chunks, profile);
        this.runner = new BatchRunner(plan, parallel);
        this.optimizer = new Optimizer(config.optimizer(), model.parameters());
        // Validation reports the plain loss, comparable between runs whatever their label smoothing.
        this.evaluator = new Evaluator(model, kernels, parallel, false, config.loss().withLabelSmoothing(0));
        this.augmenter = config.augment().isNone() ? null
                : config.augment().augmenter(kernels.taps(), chunks, model.input().height(), model.input().width());
        if (augmenter != null) plan.loadImagesWith(augmenter);
        this.slices = plan.slices();
        this.profile = profile;
        if (profile == null) {
            firstSliceLane = optimizerRow = -1;
            reduceAndUpdate = this::reduceAndUpdate;
        } else {
            firstSliceLane = profile.lanes(slices.length);
            optimizerRow = profile.row(0, config.optimizer().kind().label(), StepProfile.Part.OPTIMIZER, 0);
            profile.allocate();
            reduceAndUpdate = this::reduceAndUpdateTimed;
        }
    }

    /**
     * Continues from a checkpoint: its network, tensors, optimiser state and position, also one
     * between two batches of an epoch. The seed comes from the checkpoint (every random draw is a
     * function of the seed and the step, so there is no other generator state); the optimiser
     * named in {@code config} must be the one it saved.
     */
    public static Trainer resume(Checkpoint checkpoint, Kernels kernels, TrainerConfig config) {
        if (!checkpoint.optimizer().equals(config.optimizer().kind().label()))
            throw new IllegalArgumentException("the checkpoint was trained with " + checkpoint.optimizer()
                    + ", not " + config.optimizer().kind().label());
        Trainer trainer = new Trainer(checkpoint.model(), kernels, config.withSeed(checkpoint.seed()));
        trainer.optimizer.loadState(checkpoint.optimizerTensors(), checkpoint.step());
        trainer.epoch = checkpoint.epoch();
        trainer.step = checkpoint.step();
        trainer.progress = checkpoint.progress();
        return trainer;
    }

    public Model model() { return model; }

    public TrainerConfig config() { return config; }

    public Optimizer optimizer() { return optimizer; }

    /** Completed epochs. */
    public int epoch() { return epoch; }

    /**
     * From now on, keeps a copy of the summed parameter gradients of every epoch's last step, for
     * statistics between epochs (gradient flow). Each parameter slice copies its own part in the
     * step's parallel run, between the reduction and the update, so it costs one copy of the
     * parameters per epoch and no pass of its own; the buffers are allocated here, once.
     */
    public void keepEpochGradients() {
        if (epochGradients != null) return;
        List<Param> params = model.parameters();
        epochGradients = new float[params.size()][];
        for (int p = 0; p < params.size(); p++) epochGradients[p] = new float[params.get(p).size()];
    }

    /**
     * The gradients of the last step of the latest completed epoch, in {@link Model#parameters()}
     * order (zeros before the first); null unless {@link #keepEpochGradients} was called. Live
     * arrays, overwritten in the next epoch's last step.
     */
    public float[][] epochGradients() { return epochGradients; }

    /**
     * Tells a resumed trainer which earlier epoch had the highest validation accuracy (0: none), so
     * that its patience counts from there.
     */
    public void rememberTop(int epoch, double valAccuracy) {
        this.topEpoch = epoch;
        this.topValAccuracy = valAccuracy;
    }

    /** Completed steps. */
    public long step() { return step; }

    /** Where training stands inside the epoch after the completed ones. */
    public EpochProgress progress() { return progress; }

    /**
     * Asks {@link #fit} to return after the batch it is training, from any thread (a signal
     * handler's): the trainer then stands between two steps, where {@link #checkpoint()} can be
     * taken and resumed from. A stop asked for during an epoch's last batch lets that epoch finish,
     * validation and {@code epochEnded} included.
     */
    public void requestStop() { stopRequested = true; }

    /** True when the last {@link #fit} returned because a stop was asked for, before its last epoch. */
    public boolean stopped() { return stopped; }

    /** A snapshot of everything a model file stores, taken between steps. */
    public Checkpoint checkpoint() {
        return new Checkpoint(model.spec(), model.input(), model.classes(), model.copyTensors(),
                optimizer.config().kind().label(), optimizer.copyState(), config.seed(), epoch, step, progress);
    }

    /**
     * Trains from the current position up to {@code config.epochs()}, validating on
     * {@code validation} (may be null) after each epoch, and returns the metrics of the epochs it
     * finished. Returns early, between two batches, once {@link #requestStop()} was called. With a
     * patience of N and validation data, it stops early once N epochs in a row have not beaten the
     * highest validation accuracy, and tells the listener.
     */
    public List<EpochMetrics> fit(Dataset train, Dataset validation, TrainingListener listener) {
        DataCheck.fits(model, train);
        if (validation != null && validation.count() > 0) DataCheck.fits(model, validation);
        int n = train.count();
        int batches = (n + config.batchSize() - 1) / config.batchSize();
        if (step != (long) epoch * batches + progress.batches() || progress.batches() >= batches)
            throw new IllegalArgumentException("the training position (epoch " + epoch + " done, step " + step + ", "
                    + progress.batches() + " batches into the next epoch) does not fit " + n + " training images in "
                    + batches + " batches per epoch: the data is not the data the run started with");
        int[] order = new int[n];
        List<EpochMetrics> history = new ArrayList<>();
        stopped = false;
        while (epoch < config.epochs()) {
            if (stopRequested) {
                stopped = true;
                return history;
            }
            epochOrder(config.seed(), epoch, order);
            long start = System.nanoTime();
            double secondsBefore = progress.seconds();
            double lossSum = progress.lossSum();
            int correct = progress.correct();
            float firstLr = progress.firstLr();
            for (int b = progress.batches(); b < batches; b++) {
                int from = b * config.batchSize();
                int count = Math.min(config.batchSize(), n - from);
                copyingGradients = epochGradients != null && b == batches - 1;
                double batchLoss = trainBatch(train, order, from, count, batches, b);
                copyingGradients = false;
                if (b == 0) firstLr = lr;
                lossSum += batchLoss * count;
                correct += runner.correct();
                int images = from + count;
                double seconds = secondsBefore + (System.nanoTime() - start) * 1e-9;
                listener.batchEnded(new BatchProgress(epoch + 1, config.epochs(), b + 1, batches, images,
                        lossSum / images, (double) correct / images, seconds));
                if (stopRequested && b + 1 < batches) {
                    progress = new EpochProgress(b + 1, lossSum, correct, seconds, firstLr);
                    stopped = true;
                    return history;
                }
            }
            double seconds = secondsBefore + (System.nanoTime() - start) * 1e-9;
            progress = EpochProgress.START;
            double valLoss = Double.NaN, valAccuracy = Double.NaN;
            if (validation != null && validation.count() > 0) {
                Evaluation e = evaluator.evaluate(validation);
                valLoss = e.loss();
                valAccuracy = e.accuracy();
            }
            epoch++;
            EpochMetrics metrics = new EpochMetrics(epoch, lossSum / n, (double) correct / n, valLoss, valAccuracy,
                    lr, seconds, n / seconds, firstLr, validation == null ? 0 : validation.count());
            history.add(metrics);
            listener.epochEnded(metrics);
            if (metrics.hasValidation() && (topEpoch == 0 || valAccuracy > topValAccuracy)) {
                topEpoch = epoch;
                topValAccuracy = valAccuracy;
            }
            if (config.patience() > 0 && topEpoch > 0 && epoch - topEpoch >= config.patience() && epoch < config.epochs()) {
                listener.stoppedEarly(epoch, topEpoch, topValAccuracy);
                break;
            }
        }
        return history;
    }

    /**
     * Fills {@code order} with the order in which {@link #fit} visits {@code order.length} training
     * images in epoch {@code epoch} (counted from 0) of a run with {@code seed}: for a caller that
     * drives {@link #step} itself, e.g. one of several trainers that each train on a part of every
     * batch, to visit the images as fit does.
     */
    public static void epochOrder(long seed, int epoch, int[] order) {
        for (int i = 0; i < order.length; i++) order[i] = i;
        CounterRandom.shuffle(order, CounterRandom.key(seed, SHUFFLE_STREAM, epoch));
    }

    /** The key of the augmentation draws of epoch {@code epoch} (counted from 0) of a run with {@code seed}: each epoch draws anew. */
    static long augmentationKey(long seed, long epoch) { return CounterRandom.key(seed, AUGMENT_STREAM, epoch); }

    /** The samples the last {@link #step} (or batch of {@link #fit}) predicted right, counted before its update. */
    public int lastStepCorrect() { return runner.correct(); }

    /**
     * One optimisation step on samples order[from .. from + count) of {@code data}, at the
     * scheduled learning rate; returns the batch's mean loss before the update.
     */
    public double step(Dataset data, int[] order, int from, int count) {
        DataCheck.fits(model, data);
        int batches = (data.count() + config.batchSize() - 1) / config.batchSize();
        return trainBatch(data, order, from, count, batches, (int) (step % batches));
    }

    private double trainBatch(Dataset data, int[] order, int from, int count, int batches, int batch) {
        lr = (float) config.schedule().lr(config.optimizer().lr(), step, batches, config.epochs());
        if (augmenter != null) augmenter.startEpoch(augmentationKey(config.seed(), step / batches));
        optimizer.beginStep();
        runner.run(data, order, from, count, config.seed(), step, slices.length, reduceAndUpdate);
        double loss = config.loss().mean(runner.lossSum(), count, model.classes());
        if (!Double.isFinite(loss)) {
            optimizer.cancelStep();
            runner.clearGradients();
            throw new TrainingDivergedException(loss, epoch + 1, batch + 1, batches);
        }
        step++;
        return loss;
    }

    /** Slice s: adds the chunks' gradients, updates the parameters; nothing when the batch's loss is not finite. */
    private void reduceAndUpdate(int s) {
        if (!Double.isFinite(runner.lossSum())) return;
        slices[s].sum(runner.activeChunks());
        if (copyingGradients) copyGradient(s);
        update(s);
    }

    private void reduceAndUpdateTimed(int s) {
        if (!Double.isFinite(runner.lossSum())) return;
        long start = System.nanoTime();
        slices[s].sum(runner.activeChunks());
        if (copyingGradients) copyGradient(s);
        long reduced = System.nanoTime();
        update(s);
        profile.add(firstSliceLane + s, slices[s].row, reduced - start);
        profile.add(firstSliceLane + s, optimizerRow, System.nanoTime() - reduced);
    }

    /** Slice s: copies its summed gradient into {@link #epochGradients}. */
    private void copyGradient(int s) {
        GradientSlice slice = slices[s];
        System.arraycopy(slice.total(), slice.from, epochGradients[slice.param], slice.from, slice.to - slice.from);
    }

    /** Slice s: updates the parameters from the summed gradients and clears them for the next step. */
    private void update(int s) {
        GradientSlice slice = slices[s];
        Optimizers kernel = kernels.optimizers();
        optimizer.update(kernel, slice.param, slice.from, slice.to, slice.total(), lr);
        if (slice.accumulates()) Arrays.fill(slice.total(), slice.from, slice.to, 0f);
    }

    /**
     * The bytes allocated so far by the calling thread and the trainer's worker threads, as the
     * JVM counts them per thread, or -1 where it does not: the difference across steps is what
     * they allocated.
     */
    public long allocatedBytes() { return parallel.allocatedBytes(); }

    /** Evaluates the current model on {@code data} with the trainer's pool and loss. */
    public Evaluation evaluate(Dataset data) { return evaluator.evaluate(data); }

    @Override
    public void close() { parallel.close(); }
}
