package dev.vecnn.engine.train;

import dev.vecnn.engine.data.Dataset;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs a {@link TrainingPlan}'s steps: places a mini-batch in the plan's chunks and runs its phases,
 * one ForkJoin task per chunk in the parallel ones, on the caller in the sequential ones; then
 * reports what the chunks computed (the loss, the correct answers), added in chunk order. Results
 * are the same on any number of threads.
 */
final class BatchRunner {
    private final TrainingPlan plan;
    private final Parallel parallel;
    private final TrainingPlan.Phase[] phases;
    private final StepInput input;
    private final IntConsumer lastPhaseThenTasks = this::lastPhaseThenTasks;
    /** Chunks of the current run through their last phase, and whether one failed. */
    private final AtomicInteger chunksDone = new AtomicInteger();
    private volatile boolean chunkFailed;
    private IntConsumer afterChunks;

    BatchRunner(TrainingPlan plan, Parallel parallel) {
        this.plan = plan;
        this.parallel = parallel;
        this.phases = plan.phases();
        this.input = plan.input();
    }

    TrainingPlan plan() { return plan; }

    int maxBatch() { return plan.chunkSize() * plan.maxChunks(); }

    int activeChunks() { return input.chunks; }

    /**
     * Places samples order[from .. from + count) (or from .. from + count themselves when order is
     * null) of {@code data} in the chunks and runs the plan: a training step's forward and backward
     * passes.
     */
    void run(Dataset data, int[] order, int from, int count, long seed, long step) {
        run(data, order, from, count, seed, step, 0, null);
    }

    /**
     * {@link #run}, then tasks 0 .. tasks - 1 of {@code afterChunks} in the same parallel run as
     * the chunks' last operations, each started once every chunk is done: the threads hand over
     * once per step instead of twice (measured on a 2-core machine in bench --train: 5 % more
     * images/s). The chunk indices are handed out first, so a thread waiting for the chunks waits
     * only for chunks that are running. After a failed chunk the tasks do not run.
     */
    void run(Dataset data, int[] order, int from, int count, long seed, long step, int tasks,
             IntConsumer afterChunks) {
        if (count < 1 || count > maxBatch())
            throw new IllegalArgumentException("batch of " + count + " outside 1.." + maxBatch());
        int chunkSize = plan.chunkSize();
        input.data = data;
        input.order = order;
        input.total = count;
        input.chunks = (count + chunkSize - 1) / chunkSize;
        for (int k = 0; k < input.chunks; k++) {
            Chunk c = plan.chunk(k);
            c.first = from + k * chunkSize;
            c.count = Math.min(chunkSize, count - k * chunkSize);
            input.counts[k] = c.count;
            c.pass.place(true, seed, step, k * chunkSize, count);
        }
        for (int p = 0; p < phases.length; p++) {
            TrainingPlan.Phase phase = phases[p];
            if (phase.parallel() == null) {
                phase.sequential().run();
            } else if (p == phases.length - 1 && tasks > 0) {
                this.afterChunks = afterChunks;
                chunksDone.set(0);
                chunkFailed = false;
                parallel.forEach(input.chunks + tasks, lastPhaseThenTasks);
            } else {
                parallel.forEach(input.chunks, phase.parallel());
            }
        }
    }

    private void lastPhaseThenTasks(int i) {
        int active = input.chunks;
        if (i < active) {
            try {
                phases[phases.length - 1].parallel().accept(i);
            } catch (RuntimeException | Error e) {
                chunkFailed = true;
                throw e;
            } finally {
                chunksDone.incrementAndGet();
            }
            return;
        }
        Parallel.await(chunksDone, active);
        if (!chunkFailed) afterChunks.accept(i - active);
    }

    /** The summed loss of the last run, added in chunk order. */
    double lossSum() {
        double sum = 0;
        for (int k = 0; k < input.chunks; k++) sum += plan.chunk(k).loss;
        return sum;
    }

    /** The correct answers of the last run. */
    int correct() {
        int sum = 0;
        for (int k = 0; k < input.chunks; k++) sum += plan.chunk(k).correct;
        return sum;
    }

    /** Zeroes every chunk's parameter gradients, after a step that was abandoned. */
    void clearGradients() {
        for (int k = 0; k < plan.maxChunks(); k++)
            for (float[][] layer : plan.chunk(k).paramGrads)
                for (float[] g : layer) Arrays.fill(g, 0f);
    }
}
