package dev.vecnn.engine.train;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.io.BadFileException;
import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.model.Model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a model file holds, in memory: the spec (canonical form) and input shape that rebuild
 * the network, its class count, the model's tensors in {@link Model#tensors()} order, the
 * optimiser's name and state tensors in {@link Optimizer#copyState()} order, and the training
 * position: the seed (all random draws derive from it, so it is the whole RNG state), completed
 * epochs and steps (also the optimiser's step count: Adam's t).
 */
public record Checkpoint(String spec, Shape input, int classes, List<float[]> modelTensors,
                         String optimizer, List<float[]> optimizerTensors, long seed, int epoch, long step) {
    /** The model-file option naming the optimiser whose state the file holds. */
    public static final String OPTIMIZER_OPTION = "optimizer";

    public Checkpoint {
        modelTensors = List.copyOf(modelTensors);
        optimizerTensors = List.copyOf(optimizerTensors);
        if (epoch < 0 || step < 0)
            throw new IllegalArgumentException("negative training position: epoch " + epoch + ", step " + step);
    }

    /** What {@link ModelFile#write} stores; {@code options} (learning rate, batch size, ...) are kept beside the optimiser's name. */
    public ModelFile.Contents toContents(Map<String, String> options) {
        Map<String, String> all = new HashMap<>(options);
        all.put(OPTIMIZER_OPTION, optimizer);
        return new ModelFile.Contents(spec, new int[] {input.channels(), input.height(), input.width()}, classes,
                modelTensors, optimizerTensors, epoch, step, new long[] {seed}, all);
    }

    /** The checkpoint a model file holds; {@code source} names the file in messages. */
    public static Checkpoint of(String source, ModelFile.Contents c) throws BadFileException {
        if (c.inputShape().length != 3)
            throw new BadFileException(source, "input shape of rank " + c.inputShape().length + ", expected 3 (CxHxW)");
        if (c.rngState().length != 1)
            throw new BadFileException(source, "random state of " + c.rngState().length + " numbers, expected 1 (the seed)");
        String optimizer = c.options().get(OPTIMIZER_OPTION);
        if (optimizer == null) throw new BadFileException(source, "no '" + OPTIMIZER_OPTION + "' option");
        Shape input;
        try {
            input = new Shape(c.inputShape()[0], c.inputShape()[1], c.inputShape()[2]);
        } catch (IllegalArgumentException e) {
            throw new BadFileException(source, e.getMessage());
        }
        return new Checkpoint(c.spec(), input, c.classes(), c.parameters(), optimizer, c.optimizerState(),
                c.rngState()[0], c.epoch(), c.step());
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
