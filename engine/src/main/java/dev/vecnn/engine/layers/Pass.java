package dev.vecnn.engine.layers;

import dev.vecnn.kernels.Kernels;
import dev.vecnn.kernels.Workspace;

/**
 * What a layer needs to know about the chunk it is running on: the kernels, the chunk's own
 * scratch workspace, training or inference, and where the chunk sits in the mini-batch and in
 * training, which addresses its random draws (dropout masks).
 */
public final class Pass {
    private final Kernels kernels;
    private final Workspace workspace = new Workspace();
    private boolean training;
    private long seed;
    private long step;
    private int batchStart;
    private int batchTotal;

    public Pass(Kernels kernels) { this.kernels = kernels; }

    /** Places this chunk: samples [batchStart, batchStart + its count) of a mini-batch of batchTotal, at a training step. */
    public void place(boolean training, long seed, long step, int batchStart, int batchTotal) {
        this.training = training;
        this.seed = seed;
        this.step = step;
        this.batchStart = batchStart;
        this.batchTotal = batchTotal;
    }

    public Kernels kernels() { return kernels; }

    public Workspace workspace() { return workspace; }

    public boolean training() { return training; }

    public long seed() { return seed; }

    /** The training step (0-based over the whole run). */
    public long step() { return step; }

    /** The position of this chunk's first sample in its mini-batch. */
    public int batchStart() { return batchStart; }

    /** The number of samples in the whole mini-batch. */
    public int batchTotal() { return batchTotal; }
}
