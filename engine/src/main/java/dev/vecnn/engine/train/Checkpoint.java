package dev.vecnn.engine.train;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.model.Model;

import java.util.List;

/**
 * Everything a model file holds, in memory: the spec (canonical form) and input shape that rebuild
 * the network, its class count, the model's tensors in {@link Model#tensors()} order, the
 * optimiser's name, state tensors in {@link Optimizer#copyState()} order and step count, and the
 * training position: the seed (all random draws derive from it, so it is the whole RNG state),
 * completed epochs and steps.
 */
public record Checkpoint(String spec, Shape input, int classes, List<float[]> modelTensors,
                         String optimizer, List<float[]> optimizerTensors, long optimizerStep,
                         long seed, int epoch, long step) {
    public Checkpoint {
        modelTensors = List.copyOf(modelTensors);
        optimizerTensors = List.copyOf(optimizerTensors);
        if (epoch < 0 || step < 0 || optimizerStep < 0)
            throw new IllegalArgumentException("negative training position: epoch " + epoch + ", step " + step);
    }

    /** Rebuilds the network and loads its tensors; fails with a clear message if they do not fit the spec. */
    public Model model() {
        Model model = Model.build(spec, input, seed);
        if (model.classes() != classes)
            throw new IllegalArgumentException("the spec gives " + model.classes() + " classes but the file says " + classes);
        model.loadTensors(modelTensors);
        return model;
    }
}
