package dev.vecnn.engine.train;

import dev.vecnn.engine.augment.Augmentation;

/**
 * How to train: epochs, mini-batch size, the chunk size the batch is cut into (it decides the
 * arithmetic; the thread count never does), worker threads, the seed every random draw derives
 * from, the optimiser, the learning-rate schedule, the loss, the training images' augmentation and
 * the patience: stop once the validation accuracy has not improved for that many epochs (0: never).
 */
public record TrainerConfig(int epochs, int batchSize, int chunkSize, int threads, long seed,
                            OptimizerConfig optimizer, LrSchedule schedule, Loss loss, Augmentation augment,
                            int patience) {
    /**
     * Samples per parallel task unless a run asks for another size: a constant, so one seed gives
     * the same model on every machine (a size that followed the core count gave another model on
     * 8 cores than on 2). 32 was measured fastest for the reference network at batch 64 on a 2-core
     * machine: 8-10 % faster than 16 on one thread, 10-20 % on two (git log of ced57fa and 21f09b8:
     * fewer per-chunk costs, larger products). Its price: a batch of 64 has two chunks, so its
     * forward and backward passes keep at most two threads busy; {@code --chunk-size 16} lets four
     * work on it. A run saves its chunk size, and a resumed run keeps it.
     */
    public static final int DEFAULT_CHUNK_SIZE = 32;

    public TrainerConfig {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be at least 1, not " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        if (chunkSize < 1) throw new IllegalArgumentException("chunk size must be at least 1, not " + chunkSize);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        if (patience < 0) throw new IllegalArgumentException("patience must be at least 0, not " + patience);
        schedule.check(optimizer.lr());
    }

    /**
     * The reference setting of docs/DESIGN.md: Adam at 1e-3, batch 64, constant rate, cross-entropy, every
     * core; no augmentation, no early stop.
     */
    public static TrainerConfig defaults() {
        return new TrainerConfig(5, 64, DEFAULT_CHUNK_SIZE, Runtime.getRuntime().availableProcessors(), 1,
                OptimizerConfig.named("adam", 1e-3f), LrSchedule.CONSTANT, Loss.CROSS_ENTROPY, Augmentation.NONE, 0);
    }

    /** Steps in an epoch over {@code images} training images: the last batch may be short. */
    public int stepsPerEpoch(int images) { return (images + batchSize - 1) / batchSize; }

    /**
     * This run changed, at {@code step}, to {@code value} epochs, with epochs of {@code stepsPerEpoch}
     * steps: the schedule's rate continues from where it stands ({@link LrSchedule#extend}).
     */
    public TrainerConfig extendedTo(int value, long step, int stepsPerEpoch) {
        return withEpochs(value).withSchedule(schedule.extend(optimizer.lr(), step, stepsPerEpoch, epochs, value));
    }

    public TrainerConfig withEpochs(int value) {
        return new TrainerConfig(value, batchSize, chunkSize, threads, seed, optimizer, schedule, loss, augment, patience);
    }

    public TrainerConfig withBatchSize(int value) {
        return new TrainerConfig(epochs, value, chunkSize, threads, seed, optimizer, schedule, loss, augment, patience);
    }

    public TrainerConfig withChunkSize(int value) {
        return new TrainerConfig(epochs, batchSize, value, threads, seed, optimizer, schedule, loss, augment, patience);
    }

    public TrainerConfig withThreads(int value) {
        return new TrainerConfig(epochs, batchSize, chunkSize, value, seed, optimizer, schedule, loss, augment, patience);
    }

    public TrainerConfig withSeed(long value) {
        return new TrainerConfig(epochs, batchSize, chunkSize, threads, value, optimizer, schedule, loss, augment, patience);
    }

    public TrainerConfig withOptimizer(OptimizerConfig value) {
        return new TrainerConfig(epochs, batchSize, chunkSize, threads, seed, value, schedule, loss, augment, patience);
    }

    public TrainerConfig withSchedule(LrSchedule value) {
        return new TrainerConfig(epochs, batchSize, chunkSize, threads, seed, optimizer, value, loss, augment, patience);
    }

    public TrainerConfig withLoss(Loss value) {
        return new TrainerConfig(epochs, batchSize, chunkSize, threads, seed, optimizer, schedule, value, augment, patience);
    }

    public TrainerConfig withAugment(Augmentation value) {
        return new TrainerConfig(epochs, batchSize, chunkSize, threads, seed, optimizer, schedule, loss, value, patience);
    }

    public TrainerConfig withPatience(int value) {
        return new TrainerConfig(epochs, batchSize, chunkSize, threads, seed, optimizer, schedule, loss, augment, value);
    }
}
