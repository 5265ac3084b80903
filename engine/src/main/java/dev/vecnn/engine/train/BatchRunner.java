package dev.vecnn.engine.train;

import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.data.ImageLoader;
import dev.vecnn.engine.layers.BatchCoupled;
import dev.vecnn.engine.layers.Layer;
import dev.vecnn.engine.layers.LayerState;
import dev.vecnn.engine.layers.Pass;
import dev.vecnn.engine.model.Fusion;
import dev.vecnn.engine.model.Layouts;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;
import dev.vecnn.kernels.Workspace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The training plan: runs a model's training steps over mini-batches cut into fixed-size chunks,
 * one ForkJoin task per chunk (inference has its own plan, {@link InferencePlan}). A batch goes
 * through a precomputed plan of phases: a parallel phase runs a list of operations on every
 * chunk (load, forward of some layers, loss, backward of some layers); a sequential phase reduces
 * what the chunks produced, in chunk order (batch-norm statistics). Without batch norm a training
 * step is a single parallel phase. The chunk size, not the thread count, decides the arithmetic, so
 * results are the same on any number of threads. With a {@link StepProfile} every operation of the
 * plan is wrapped in a clock reading; without one the plan holds the bare operations.
 */
final class BatchRunner {
    /** One operation of a parallel phase, applied to a chunk. */
    private interface ChunkOp {
        void run(Chunk chunk);
    }

    private record Phase(IntConsumer parallel, Runnable sequential) {}

    private final Model model;
    private final Kernels kernels;
    private final Parallel parallel;
    private final Loss loss;
    private final StepProfile profile;
    /** The profile's counters of chunk 0; the caller's (sequential phases) follow the last chunk's. */
    private final int firstLane;
    private final int chunkSize;
    private final Layer[] layers;
    /** Layers run before the loss: all, except a final softmax folded into cross-entropy. */
    private final int runLayers;
    private final int classes;
    private final Chunk[] chunks;
    private final LayerState[][] statesByLayer;
    private final float[][][][] gradsByLayer;
    private final List<Phase> planned = new ArrayList<>();
    private final int[] chunkCounts;
    private final float[][][] inputsByLayer;
    private final float[][][] outputGradientsByLayer;
    private final int[] batchGradientRows;
    private final Phase[] phases;
    private final IntConsumer lastPhaseThenTasks = this::lastPhaseThenTasks;
    /** Chunks of the current run through their last phase, and whether one failed. */
    private final AtomicInteger chunksDone = new AtomicInteger();
    private volatile boolean chunkFailed;
    private IntConsumer afterChunks;

    private Dataset data;
    private ImageLoader images = ImageLoader.AS_STORED;
    private int[] order;
    private int active;
    private int batchTotal;

    BatchRunner(Model model, Kernels kernels, Parallel parallel, Loss loss, int chunkSize, int maxChunks) {
        this(model, kernels, parallel, loss, chunkSize, maxChunks, null);
    }

    /** A runner that times its operations into {@code profile} (null: no timing). */
    BatchRunner(Model model, Kernels kernels, Parallel parallel, Loss loss, int chunkSize, int maxChunks,
                StepProfile profile) {
        this.model = model;
        this.kernels = kernels;
        this.parallel = parallel;
        this.loss = loss;
        this.profile = profile;
        this.firstLane = profile == null ? 0 : profile.lanes(maxChunks + 1);
        this.chunkSize = chunkSize;
        this.layers = Layouts.channelsLast(Fusion.executionLayers(model)).toArray(new Layer[0]);
        this.runLayers = loss.foldsSoftmax() && model.endsWithSoftmax() ? layers.length - 1 : layers.length;
        this.classes = model.classes();
        this.chunks = new Chunk[maxChunks];
        for (int k = 0; k < maxChunks; k++) chunks[k] = newChunk(k);
        this.statesByLayer = new LayerState[layers.length][maxChunks];
        this.gradsByLayer = new float[layers.length][maxChunks][][];
        for (int i = 0; i < layers.length; i++)
            for (int k = 0; k < maxChunks; k++) {
                statesByLayer[i][k] = chunks[k].states[i];
                gradsByLayer[i][k] = chunks[k].paramGrads[i];
            }
        this.chunkCounts = new int[maxChunks];
        this.inputsByLayer = new float[layers.length][maxChunks][];
        this.outputGradientsByLayer = new float[layers.length][maxChunks][];
        this.batchGradientRows = new int[layers.length];
        for (int i = 0; i < layers.length; i++)
            for (int k = 0; k < maxChunks; k++) {
                inputsByLayer[i][k] = input(chunks[k], i);
                outputGradientsByLayer[i][k] = chunks[k].gradients[i];
            }
        planTraining();
        this.phases = planned.toArray(new Phase[0]);
    }

    int chunkSize() { return chunkSize; }

    int maxBatch() { return chunkSize * chunks.length; }

    Chunk chunk(int k) { return chunks[k]; }

    int activeChunks() { return active; }

    int runLayers() { return runLayers; }

    /** The layers as they run (relu + maxpool fused, channels-last where it pays, with their conversions). */
    Layer[] layers() { return layers; }

    /**
     * grad[from .. to) = the gradient of parameter {@code param} of layer {@code layer} over the
     * last run's whole batch, for a layer whose gradient is computed per batch (see
     * {@link Layer#gradientPerBatch}), from every chunk's input and output gradient.
     */
    void batchGradient(int layer, int param, int from, int to, float[] grad, Workspace ws) {
        layers[layer].batchGradient(kernels, ws, param, from, to, inputsByLayer[layer], outputGradientsByLayer[layer],
                chunkCounts, active, grad);
    }

    /** With a profile, the row of layer i's backward-weights, where its per-batch gradient is timed. */
    int batchGradientRow(int layer) { return batchGradientRows[layer]; }

    private Chunk newChunk(int index) {
        int n = layers.length;
        float[] input = new float[chunkSize * model.input().size()];
        float[][] outputs = new float[n][];
        for (int i = 0; i < n; i++)
            outputs[i] = layers[i].aliasesInput(true) ? (i == 0 ? input : outputs[i - 1])
                    : new float[chunkSize * layers[i].output().size()];
        float[][] gradients = new float[n][];
        int top = runLayers - 1;
        gradients[top] = new float[chunkSize * layers[top].output().size()];
        for (int i = top - 1; i >= 0; i--)
            gradients[i] = layers[i + 1].aliasesInput(true) ? gradients[i + 1]
                    : new float[chunkSize * layers[i].output().size()];
        LayerState[] states = new LayerState[n];
        float[][][] paramGrads = new float[n][][];
        for (int i = 0; i < n; i++) {
            states[i] = layers[i].newState(chunkSize);
            paramGrads[i] = new float[layers[i].params().size()][];
            // A gradient computed per batch is written into chunk 0's arrays only.
            boolean own = index == 0 || !layers[i].gradientPerBatch();
            for (int p = 0; p < paramGrads[i].length; p++)
                paramGrads[i][p] = new float[own ? layers[i].params().get(p).size() : 0];
        }
        return new Chunk(index, new Pass(kernels), input, new int[chunkSize], outputs, gradients, states, paramGrads,
                chunkSize, classes);
    }

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
     * once per step instead of twice (on the 2-core machine: 9,888 -> 10,414 images/s in
     * bench --train). The chunk indices are handed out first, so a thread waiting for the chunks
     * waits only for chunks that are running. After a failed chunk the tasks do not run. (Every
     * plan ends with a parallel phase: {@link #flush} closes it.)
     */
    void run(Dataset data, int[] order, int from, int count, long seed, long step, int tasks,
             IntConsumer afterChunks) {
        if (count < 1 || count > maxBatch())
            throw new IllegalArgumentException("batch of " + count + " outside 1.." + maxBatch());
        this.data = data;
        this.order = order;
        this.batchTotal = count;
        this.active = (count + chunkSize - 1) / chunkSize;
        for (int k = 0; k < active; k++) {
            Chunk c = chunks[k];
            c.first = from + k * chunkSize;
            c.count = Math.min(chunkSize, count - k * chunkSize);
            chunkCounts[k] = c.count;
            c.pass.place(true, seed, step, k * chunkSize, count);
        }
        for (int p = 0; p < phases.length; p++) {
            Phase phase = phases[p];
            if (phase.parallel() == null) {
                phase.sequential().run();
            } else if (p == phases.length - 1 && tasks > 0) {
                this.afterChunks = afterChunks;
                chunksDone.set(0);
                chunkFailed = false;
                parallel.forEach(active + tasks, lastPhaseThenTasks);
            } else {
                parallel.forEach(active, phase.parallel());
            }
        }
    }

    private void lastPhaseThenTasks(int i) {
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
        for (int k = 0; k < active; k++) sum += chunks[k].loss;
        return sum;
    }

    int correct() {
        int sum = 0;
        for (int k = 0; k < active; k++) sum += chunks[k].correct;
        return sum;
    }

    /** Zeroes every chunk's parameter gradients, after a step that was abandoned. */
    void clearGradients() {
        for (Chunk c : chunks)
            for (float[][] layer : c.paramGrads)
                for (float[] g : layer) Arrays.fill(g, 0f);
    }

    private void planTraining() {
        List<ChunkOp> ops = new ArrayList<>();
        ops.add(timed(this::load, row(0, "input", StepProfile.Part.LOAD, 0)));
        for (int i = 0; i < runLayers; i++) {
            final int layer = i;
            int forwardRow = row(layer + 1, layers[i].text(), StepProfile.Part.FORWARD, layers[i].forwardFlops());
            if (layers[i] instanceof BatchCoupled bn) {
                ops.add(timed(c -> bn.partialSum(c.pass, c.count, input(c, layer), c.states[layer]), forwardRow));
                flush(ops);
                sequential(() -> bn.reduceMean(statesByLayer[layer], active, batchTotal), forwardRow);
                ops.add(timed(c -> bn.partialDeviation(c.pass, c.count, input(c, layer), c.states[layer]), forwardRow));
                flush(ops);
                sequential(() -> bn.reduceVariance(statesByLayer[layer], active, batchTotal), forwardRow);
            }
            ops.add(timed(c -> forward(c, layer), forwardRow));
        }
        ops.add(timed(this::trainingLoss, row(0, loss.label(), StepProfile.Part.LOSS, 0)));
        boolean[] needsInputGradient = new boolean[runLayers];
        boolean paramsBelow = false;
        for (int i = 0; i < runLayers; i++) {
            needsInputGradient[i] = paramsBelow;
            paramsBelow |= layers[i].parameterCount() > 0;
        }
        for (int i = runLayers - 1; i >= 0; i--) {
            final int layer = i;
            Layer l = layers[i];
            if (l.parameterCount() > 0) {
                int weightsRow = row(layer + 1, l.text(), StepProfile.Part.BACKWARD_WEIGHTS, l.backwardWeightsFlops());
                if (l instanceof BatchCoupled bn) {
                    ops.add(timed(c -> bn.partialGradients(c.pass, c.count, input(c, layer), c.gradients[layer],
                            c.paramGrads[layer], c.states[layer]), weightsRow));
                    flush(ops);
                    sequential(() -> bn.reduceGradients(gradsByLayer[layer], active), weightsRow);
                } else if (l.gradientPerBatch()) {
                    batchGradientRows[layer] = weightsRow;
                } else {
                    ops.add(timed(c -> l.backwardWeights(c.pass, c.count, input(c, layer), c.outputs[layer],
                            c.gradients[layer], c.paramGrads[layer], c.states[layer]), weightsRow));
                }
            }
            if (needsInputGradient[i]) {
                int dataRow = row(layer + 1, l.text(), StepProfile.Part.BACKWARD_DATA, l.backwardDataFlops());
                ops.add(timed(c -> l.backwardData(c.pass, c.count, input(c, layer), c.outputs[layer],
                        c.gradients[layer], c.gradients[layer - 1], c.states[layer]), dataRow));
            }
        }
        flush(ops);
    }

    /** The profile's row for an operation, or -1 without a profile. */
    private int row(int layer, String name, StepProfile.Part part, double flopsPerImage) {
        return profile == null ? -1 : profile.row(layer, name, part, flopsPerImage);
    }

    /** The operation itself, or, with a profile, the operation timed into its chunk's counter of {@code row}. */
    private ChunkOp timed(ChunkOp op, int row) {
        if (profile == null) return op;
        return c -> {
            long start = System.nanoTime();
            op.run(c);
            profile.add(firstLane + c.index, row, System.nanoTime() - start);
        };
    }

    /** Adds a sequential phase, timed with a profile into the caller's counter of {@code row}. */
    private void sequential(Runnable reduction, int row) {
        int lane = firstLane + chunks.length;
        planned.add(new Phase(null, profile == null ? reduction : () -> {
            long start = System.nanoTime();
            reduction.run();
            profile.add(lane, row, System.nanoTime() - start);
        }));
    }

    private void flush(List<ChunkOp> ops) {
        ChunkOp[] list = ops.toArray(new ChunkOp[0]);
        ops.clear();
        planned.add(new Phase(k -> {
            Chunk c = chunks[k];
            for (ChunkOp op : list) op.run(c);
        }, null));
    }

    private float[] input(Chunk c, int layer) { return layer == 0 ? c.input : c.outputs[layer - 1]; }

    private void forward(Chunk c, int layer) {
        layers[layer].forward(c.pass, c.count, input(c, layer), c.outputs[layer], c.states[layer]);
    }

    /** Turns images into the chunks' inputs: as stored, or through a training augmentation. */
    void loadImagesWith(ImageLoader loader) { this.images = loader; }

    private void load(Chunk c) {
        int size = model.input().size();
        for (int n = 0; n < c.count; n++) {
            int sample = order == null ? c.first + n : order[c.first + n];
            images.load(c.index, data, sample, c.input, n * size);
            c.labels[n] = data.label(sample);
        }
    }

    private void trainingLoss(Chunk c) {
        float[] out = c.outputs[runLayers - 1];
        c.loss = loss.sum(kernels, c.count, classes, out, c.labels, batchTotal, c.target, c.gradients[runLayers - 1]);
        c.correct = countCorrect(out, c.labels, c.count);
    }

    private int countCorrect(float[] out, int[] labels, int count) {
        int correct = 0;
        for (int n = 0; n < count; n++) if (argmax(out, n * classes) == labels[n]) correct++;
        return correct;
    }

    private int argmax(float[] out, int off) {
        int best = 0;
        for (int j = 1; j < classes; j++) if (out[off + j] > out[off + best]) best = j;
        return best;
    }
}
