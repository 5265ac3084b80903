package dev.vecnn.engine.train;

import dev.vecnn.engine.layers.Param;
import dev.vecnn.kernels.Optimizers;

import java.util.ArrayList;
import java.util.List;

/**
 * Updates a model's parameters from their gradients with the kernels' {@link Optimizers}, keeping
 * the per-parameter state (velocity, or Adam's first and second moments) and the step count.
 * Updates are element-wise, so a tensor can be updated in independent slices, in parallel.
 */
public final class Optimizer {
    private final OptimizerConfig config;
    private final List<Param> params;
    /** [slot][param]: the state tensors, slot-major, the order a checkpoint stores them in. */
    private final float[][][] state;
    private long step;

    public Optimizer(OptimizerConfig config, List<Param> params) {
        this.config = config;
        this.params = List.copyOf(params);
        this.state = new float[config.kind().slots()][this.params.size()][];
        for (float[][] slot : state)
            for (int p = 0; p < slot.length; p++) slot[p] = new float[this.params.get(p).size()];
    }

    public OptimizerConfig config() { return config; }

    /** Steps taken so far (Adam's t after the last update). */
    public long step() { return step; }

    /** Starts an update: Adam's bias corrections use the new step count. */
    void beginStep() { step++; }

    /** Takes back {@link #beginStep} of a step that was abandoned before any update. */
    void cancelStep() { step--; }

    /** Updates parameter p's elements [from, to) from gradient g at learning rate lr. */
    void update(Optimizers k, int p, int from, int to, float[] g, float lr) {
        float[] w = params.get(p).data();
        int n = to - from;
        float wd = config.weightDecay();
        switch (config.kind()) {
            case SGD -> k.sgd(n, w, from, g, from, lr, wd);
            case MOMENTUM -> k.momentum(n, w, from, g, from, state[0][p], from, lr, config.momentum(), wd);
            case NESTEROV -> k.nesterov(n, w, from, g, from, state[0][p], from, lr, config.momentum(), wd);
            case ADAM -> k.adam(n, w, from, g, from, state[0][p], from, state[1][p], from, lr,
                    config.beta1(), config.beta2(), config.eps(), (int) step, wd);
            case ADAMW -> k.adamW(n, w, from, g, from, state[0][p], from, state[1][p], from, lr,
                    config.beta1(), config.beta2(), config.eps(), (int) step, wd);
        }
    }

    /** Copies of the state tensors: for each slot (velocity; or first then second moment), one per parameter. */
    public List<float[]> copyState() {
        List<float[]> copies = new ArrayList<>();
        for (float[][] slot : state) for (float[] s : slot) copies.add(s.clone());
        return copies;
    }

    /** Restores state saved by {@link #copyState()} and the step count. */
    public void loadState(List<float[]> tensors, long step) {
        int expected = state.length * params.size();
        if (tensors.size() != expected)
            throw new IllegalArgumentException(config.kind().label() + " keeps " + expected + " state tensors, not " + tensors.size());
        int i = 0;
        for (float[][] slot : state)
            for (int p = 0; p < slot.length; p++, i++) {
                if (tensors.get(i).length != slot[p].length)
                    throw new IllegalArgumentException("optimizer state tensor " + i + " should hold " + slot[p].length
                            + " values, not " + tensors.get(i).length);
                System.arraycopy(tensors.get(i), 0, slot[p], 0, slot[p].length);
            }
        if (step < 0) throw new IllegalArgumentException("negative optimizer step " + step);
        this.step = step;
    }
}
