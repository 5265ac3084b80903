package dev.vecnn.engine.train;

import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.layers.Layer;
import dev.vecnn.engine.layers.LayerState;
import dev.vecnn.engine.layers.Pass;
import dev.vecnn.engine.model.InferenceLayers;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The inference plan: a model's forward pass only ({@link InferenceLayers}: dropout gone, batch
 * norm folded, conv + bias + ReLU + pooling fused, channels-last), with no gradient buffers. A
 * batch is cut into pieces of a fixed size, handed out one at a time to whichever thread is free,
 * and each piece runs every layer on its own buffers, so a piece's activations stay in cache from
 * layer to layer. The piece size, not the thread count, decides the arithmetic: results are the
 * same on any number of threads. With a {@link StepProfile} every operation is timed.
 */
final class InferencePlan {
    /** One operation applied to a piece. */
    private interface PieceOp {
        void run(Piece piece);
    }

    private final Model model;
    private final Kernels kernels;
    private final Parallel parallel;
    private final Loss loss;
    private final StepProfile profile;
    private final int firstLane;
    private final int pieceSize;
    private final Layer[] layers;
    private final int classes;
    private final Piece[] pieces;
    private final PieceOp[] ops;
    private final java.util.function.IntConsumer runPiece = this::runPiece;
    private Dataset data;
    private int active;

    /** Batches of up to {@code maxPieces} pieces of {@code pieceSize} images; a profile (or null) times them. */
    InferencePlan(Model model, Kernels kernels, Parallel parallel, Loss loss, int pieceSize, int maxPieces,
                  StepProfile profile) {
        this.model = model;
        this.kernels = kernels;
        this.parallel = parallel;
        this.loss = loss;
        this.profile = profile;
        this.firstLane = profile == null ? 0 : profile.lanes(maxPieces);
        this.pieceSize = pieceSize;
        this.layers = InferenceLayers.of(model).toArray(new Layer[0]);
        this.classes = model.classes();
        this.pieces = new Piece[maxPieces];
        for (int k = 0; k < maxPieces; k++) pieces[k] = newPiece(k);
        List<PieceOp> planned = new ArrayList<>();
        planned.add(timed(this::load, row(0, "input", StepProfile.Part.LOAD, 0)));
        for (int i = 0; i < layers.length; i++) {
            int layer = i;
            planned.add(timed(p -> layers[layer].forward(p.pass, p.count, input(p, layer), p.outputs[layer], p.states[layer]),
                    row(i + 1, layers[i].text(), StepProfile.Part.FORWARD, layers[i].forwardFlops())));
        }
        planned.add(timed(this::score, row(0, "score", StepProfile.Part.LOSS, 0)));
        this.ops = planned.toArray(new PieceOp[0]);
        if (profile != null) profile.allocate();
    }

    /** The layers as they run. */
    Layer[] layers() { return layers; }

    int maxBatch() { return pieceSize * pieces.length; }

    Piece piece(int k) { return pieces[k]; }

    int activePieces() { return active; }

    /** Recomputes what the layers derive from the model's parameters: call it after they change. */
    void refresh() {
        for (Layer layer : layers) layer.refresh(kernels);
    }

    /** Runs images from .. from + count - 1 of {@code data}, at most {@link #maxBatch()}, in pieces on the threads. */
    void run(Dataset data, int from, int count) {
        if (count < 1 || count > maxBatch())
            throw new IllegalArgumentException("batch of " + count + " outside 1.." + maxBatch());
        this.data = data;
        this.active = (count + pieceSize - 1) / pieceSize;
        for (int k = 0; k < active; k++) {
            pieces[k].first = from + k * pieceSize;
            pieces[k].count = Math.min(pieceSize, count - k * pieceSize);
        }
        parallel.forEach(active, runPiece);
    }

    /** Class probabilities of piece {@code k}'s images after a run. */
    float[] probabilities(int k) {
        return model.endsWithSoftmax() ? pieces[k].outputs[layers.length - 1] : pieces[k].probabilities;
    }

    private void runPiece(int k) {
        Piece piece = pieces[k];
        for (PieceOp op : ops) op.run(piece);
    }

    private Piece newPiece(int index) {
        int n = layers.length;
        float[] input = new float[pieceSize * model.input().size()];
        float[][] outputs = new float[n][];
        LayerState[] states = new LayerState[n];
        for (int i = 0; i < n; i++) {
            outputs[i] = layers[i].aliasesInput(false) ? (i == 0 ? input : outputs[i - 1])
                    : new float[pieceSize * layers[i].output().size()];
            states[i] = layers[i].newState(pieceSize);
        }
        return new Piece(index, new Pass(kernels), input, outputs, states, pieceSize, classes);
    }

    private float[] input(Piece p, int layer) { return layer == 0 ? p.input : p.outputs[layer - 1]; }

    private void load(Piece p) {
        int size = model.input().size();
        for (int n = 0; n < p.count; n++) {
            data.imageAsFloats(p.first + n, p.input, n * size);
            p.labels[n] = data.label(p.first + n);
        }
    }

    /**
     * The loss on the logits (before a final softmax for cross-entropy), class probabilities,
     * correct answers and this piece's confusion counts.
     */
    private void score(Piece p) {
        boolean softmaxEnd = model.endsWithSoftmax();
        float[] out = p.outputs[layers.length - 1];
        float[] logits = loss.foldsSoftmax() && softmaxEnd ? input(p, layers.length - 1) : out;
        p.loss = loss.sum(kernels, p.count, classes, logits, p.labels, p.count, p.target, p.lossScratch);
        if (!softmaxEnd) kernels.losses().softmax(p.count, classes, out, 0, p.probabilities, 0);
        Arrays.fill(p.confusion, 0);
        p.correct = 0;
        for (int n = 0; n < p.count; n++) {
            int predicted = Predictions.argmax(out, n * classes, classes);
            p.confusion[p.labels[n] * classes + predicted]++;
            if (predicted == p.labels[n]) p.correct++;
        }
    }

    /** The profile's row for an operation, or -1 without a profile. */
    private int row(int layer, String name, StepProfile.Part part, double flopsPerImage) {
        return profile == null ? -1 : profile.row(layer, name, part, flopsPerImage);
    }

    /** The operation itself, or, with a profile, the operation timed into its piece's counter of {@code row}. */
    private PieceOp timed(PieceOp op, int row) {
        if (profile == null) return op;
        return p -> {
            long start = System.nanoTime();
            op.run(p);
            profile.add(firstLane + p.index, row, System.nanoTime() - start);
        };
    }
}
