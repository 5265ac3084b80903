package dev.vecnn.engine.train;

/**
 * How to train: epochs, mini-batch size, the chunk size the batch is cut into (it decides the
 * arithmetic; the thread count never does), worker threads, the seed every random draw derives
 * from, the optimiser, the learning-rate schedule and the loss.
 */
public record TrainerConfig(int epochs, int batchSize, int chunkSize, int threads, long seed,
                            OptimizerConfig optimizer, LrSchedule schedule, Loss loss) {
    /** Bounds of the default chunk size (see {@link #chunkSizeFor}). */
    static final int MIN_CHUNK = 16, MAX_CHUNK = 32;

    /**
     * The default samples per parallel task for a batch on this machine: the batch shared among
     * its cores, from 16 to 32. On the 2-core machine this was tuned on, a batch of 64 runs as two
     * chunks of 32, which trains the reference network 8-10 % faster than chunks of 16 on one
     * thread and 10-20 % faster on two (bench --train, Fashion-MNIST): fewer per-chunk costs and
     * larger products. With four cores or more a batch of 64 runs as four chunks of 16, so four
     * threads can work on it. It depends on the machine's core count, never on the thread count,
     * so one seed still gives the same model on any number of threads; a run saves its chunk size
     * and a resumed run keeps it.
     */
    public static int chunkSizeFor(int batchSize) {
        int share = batchSize / Runtime.getRuntime().availableProcessors();
        return Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, share));
    }

    public TrainerConfig {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be at least 1, not " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        if (chunkSize < 1) throw new IllegalArgumentException("chunk size must be at least 1, not " + chunkSize);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }

    /** The reference setting of DESIGN.md: Adam at 1e-3, batch 64, constant rate, cross-entropy, every core. */
    public static TrainerConfig defaults() {
        return new TrainerConfig(5, 64, chunkSizeFor(64), Runtime.getRuntime().availableProcessors(), 1,
                OptimizerConfig.named("adam", 1e-3f), LrSchedule.CONSTANT, Loss.CROSS_ENTROPY);
    }

    public TrainerConfig withEpochs(int value) {
        return new TrainerConfig(value, batchSize, chunkSize, threads, seed, optimizer, schedule, loss);
    }

    public TrainerConfig withBatchSize(int value) {
        return new TrainerConfig(epochs, value, chunkSize, threads, seed, optimizer, schedule, loss);
    }

    public TrainerConfig withChunkSize(int value) {
        return new TrainerConfig(epochs, batchSize, value, threads, seed, optimizer, schedule, loss);
    }

    public TrainerConfig withThreads(int value) {
        return new TrainerConfig(epochs, batchSize, chunkSize, value, seed, optimizer, schedule, loss);
    }

    public TrainerConfig withSeed(long value) {
        return new TrainerConfig(epochs, batchSize, chunkSize, threads, value, optimizer, schedule, loss);
    }

    public TrainerConfig withOptimizer(OptimizerConfig value) {
        return new TrainerConfig(epochs, batchSize, chunkSize, threads, seed, value, schedule, loss);
    }

    public TrainerConfig withSchedule(LrSchedule value) {
        return new TrainerConfig(epochs, batchSize, chunkSize, threads, seed, optimizer, value, loss);
    }

    public TrainerConfig withLoss(Loss value) {
        return new TrainerConfig(epochs, batchSize, chunkSize, threads, seed, optimizer, schedule, value);
    }
}
