package dev.vecnn.engine.train;

import dev.vecnn.engine.data.ImageLoader;
import dev.vecnn.engine.layers.BatchCoupled;
import dev.vecnn.engine.layers.BatchGradient;
import dev.vecnn.engine.layers.Layer;
import dev.vecnn.engine.layers.LayerState;
import dev.vecnn.engine.layers.Pass;
import dev.vecnn.engine.model.Fusion;
import dev.vecnn.engine.model.Layouts;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;
import dev.vecnn.kernels.Workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The training plan of a model, built once for a chunk size and a number of chunks (inference has
 * its own, {@link InferencePlan}); the {@link BatchRunner} runs it. It decides everything the
 * layers do not: the layers as they run (relu + maxpool fused, channels-last where it pays, with
 * their conversions), every chunk's buffers (shared where a layer runs in place), the phases of a
 * step, and the tasks of its parameter phase. A parallel phase runs a list of operations on every
 * chunk (load, forward of some layers, loss, backward of some layers); a sequential phase reduces
 * what the chunks produced, in chunk order (batch-norm statistics, {@link BatchCoupled}). Without
 * batch norm a step is a single parallel phase. The parameters are then summed and updated in
 * {@link GradientSlice}s: the chunks' gradients added, or, for a {@link BatchGradient} layer
 * (dense), computed once per batch. The chunk size, not the thread count, decides the
 * arithmetic. With a {@link StepProfile} every operation is wrapped in a clock reading; without
 * one the plan holds the bare operations.
 */
final class TrainingPlan {
    /** Parameters are reduced and updated in slices of this many values, one task each. */
    private static final int SLICE = 1 << 14;
    /** Slices of a gradient computed per batch hold at most this many values. */
    private static final int BATCH_GRADIENT_SLICE = 1 << 17;

    /** One operation of a parallel phase, applied to a chunk. */
    private interface ChunkOp {
        void run(Chunk chunk);
    }

    /** A phase of a step: a body run on every chunk in parallel, or one sequential reduction. */
    record Phase(IntConsumer parallel, Runnable sequential) {}

    private final Model model;
    private final Kernels kernels;
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
    private final StepInput input;
    private final LayerState[][] statesByLayer;
    private final float[][][][] gradsByLayer;
    private final List<Phase> planned = new ArrayList<>();
    private final Phase[] phases;
    private final GradientSlice[] slices;
    private ImageLoader images = ImageLoader.AS_STORED;

    /** The plan for chunks of {@code chunkSize} samples, at most {@code maxChunks}; a profile (or null) times it. */
    TrainingPlan(Model model, Kernels kernels, Loss loss, int chunkSize, int maxChunks, StepProfile profile) {
        this.model = model;
        this.kernels = kernels;
        this.loss = loss;
        this.profile = profile;
        this.firstLane = profile == null ? 0 : profile.lanes(maxChunks + 1);
        this.chunkSize = chunkSize;
        this.layers = Layouts.channelsLast(Fusion.executionLayers(model)).toArray(new Layer[0]);
        this.runLayers = loss.foldsSoftmax() && model.endsWithSoftmax() ? layers.length - 1 : layers.length;
        this.classes = model.classes();
        this.input = new StepInput(maxChunks);
        this.chunks = new Chunk[maxChunks];
        for (int k = 0; k < maxChunks; k++) chunks[k] = newChunk(k);
        this.statesByLayer = new LayerState[layers.length][maxChunks];
        this.gradsByLayer = new float[layers.length][maxChunks][][];
        for (int i = 0; i < layers.length; i++)
            for (int k = 0; k < maxChunks; k++) {
                statesByLayer[i][k] = chunks[k].states[i];
                gradsByLayer[i][k] = chunks[k].paramGrads[i];
            }
        int[] batchGradientRows = new int[layers.length];
        planSteps(batchGradientRows);
        this.phases = planned.toArray(new Phase[0]);
        this.slices = planSlices(batchGradientRows);
    }

    int chunkSize() { return chunkSize; }

    int maxChunks() { return chunks.length; }

    Chunk chunk(int k) { return chunks[k]; }

    StepInput input() { return input; }

    /** The phases of a step, in order; the last is always a parallel one. */
    Phase[] phases() { return phases; }

    /** The tasks of the parameter phase, in parameter order. */
    GradientSlice[] slices() { return slices; }

    /** The layers as they run (relu + maxpool fused, channels-last where it pays, with their conversions). */
    Layer[] layers() { return layers; }

    /** Turns images into the chunks' inputs: as stored, or through a training augmentation. */
    void loadImagesWith(ImageLoader loader) { this.images = loader; }

    private Chunk newChunk(int index) {
        int n = layers.length;
        float[] in = new float[chunkSize * model.input().size()];
        float[][] outputs = new float[n][];
        for (int i = 0; i < n; i++)
            outputs[i] = layers[i].aliasesInput(true) ? (i == 0 ? in : outputs[i - 1])
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
            boolean own = index == 0 || !(layers[i] instanceof BatchGradient);
            for (int p = 0; p < paramGrads[i].length; p++)
                paramGrads[i][p] = new float[own ? layers[i].params().get(p).size() : 0];
        }
        return new Chunk(index, new Pass(kernels), in, new int[chunkSize], outputs, gradients, states, paramGrads,
                chunkSize, classes);
    }

    /** The phases; the backward-weights row of each layer whose gradient is computed per batch goes to {@code batchGradientRows}. */
    private void planSteps(int[] batchGradientRows) {
        List<ChunkOp> ops = new ArrayList<>();
        ops.add(timed(this::load, row(0, "input", StepProfile.Part.LOAD, 0)));
        for (int i = 0; i < runLayers; i++) {
            final int layer = i;
            int forwardRow = row(layer + 1, layers[i].text(), StepProfile.Part.FORWARD, layers[i].forwardFlops());
            if (layers[i] instanceof BatchCoupled bn) {
                ops.add(timed(c -> bn.partialSum(c.pass, c.count, input(c, layer), c.states[layer]), forwardRow));
                flush(ops);
                sequential(() -> bn.reduceMean(statesByLayer[layer], input.chunks, input.total), forwardRow);
                ops.add(timed(c -> bn.partialDeviation(c.pass, c.count, input(c, layer), c.states[layer]), forwardRow));
                flush(ops);
                sequential(() -> bn.reduceVariance(statesByLayer[layer], input.chunks, input.total), forwardRow);
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
                    sequential(() -> bn.reduceGradients(gradsByLayer[layer], input.chunks), weightsRow);
                } else if (l instanceof BatchGradient) {
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

    /**
     * Every parameter cut into slices, in model parameter order: of {@link #SLICE} values where the
     * chunks' gradients are added; for a gradient computed per batch, equal parts of whole units
     * (rows of dense's weight), each a product large enough to repay packing its chunks' x.
     */
    private GradientSlice[] planSlices(int[] batchGradientRows) {
        int reductionRow = row(0, "gradients", StepProfile.Part.GRADIENT_REDUCTION, 0);
        List<GradientSlice> list = new ArrayList<>();
        for (int i = 0, p = 0; i < layers.length; i++)
            for (int q = 0; q < layers[i].params().size(); q++, p++) {
                int size = layers[i].params().get(q).size();
                float[][] chunkGrads = new float[chunks.length][];
                for (int k = 0; k < chunks.length; k++) chunkGrads[k] = chunks[k].paramGrads[i][q];
                if (layers[i] instanceof BatchGradient layer) {
                    float[][] xs = new float[chunks.length][], dys = new float[chunks.length][];
                    for (int k = 0; k < chunks.length; k++) {
                        xs[k] = input(chunks[k], i);
                        dys[k] = chunks[k].gradients[i];
                    }
                    int unit = layer.gradientSliceAlignment(q), units = size / unit;
                    int parts = (size + BATCH_GRADIENT_SLICE - 1) / BATCH_GRADIENT_SLICE;
                    int step = (units + parts - 1) / parts * unit;
                    for (int from = 0; from < size; from += step)
                        list.add(new GradientSlice(p, from, Math.min(size, from + step), batchGradientRows[i], chunkGrads,
                                new GradientSlice.PerBatch(layer, q, kernels, new Workspace(), xs, dys, input.counts)));
                } else {
                    for (int from = 0; from < size; from += SLICE)
                        list.add(new GradientSlice(p, from, Math.min(size, from + SLICE), reductionRow, chunkGrads, null));
                }
            }
        return list.toArray(new GradientSlice[0]);
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

    private void load(Chunk c) {
        int size = model.input().size();
        for (int n = 0; n < c.count; n++) {
            int sample = input.order == null ? c.first + n : input.order[c.first + n];
            images.load(c.index, input.data, sample, c.input, n * size);
            c.labels[n] = input.data.label(sample);
        }
    }

    private void trainingLoss(Chunk c) {
        float[] out = c.outputs[runLayers - 1];
        c.loss = loss.sum(kernels, c.count, classes, out, c.labels, input.total, c.target, c.gradients[runLayers - 1]);
        c.correct = Predictions.correct(out, c.labels, c.count, classes);
    }
}
