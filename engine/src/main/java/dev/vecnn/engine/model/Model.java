package dev.vecnn.engine.model;

import dev.vecnn.engine.CounterRandom;
import dev.vecnn.engine.Shape;
import dev.vecnn.engine.layers.Layer;
import dev.vecnn.engine.layers.Param;
import dev.vecnn.engine.layers.SoftmaxLayer;
import dev.vecnn.engine.layers.TensorAllowance;
import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.spec.LayerCall;
import dev.vecnn.engine.spec.SpecException;
import dev.vecnn.engine.spec.SpecParser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A network: the layers a spec describes, with shapes inferred from the input shape, and their
 * tensors. It holds parameters, not kernels: trainers and evaluators bring the kernels and the
 * per-chunk buffers. Its tensors (parameters, then saved state such as running statistics) come in
 * a fixed order, the order a model file stores them in.
 */
public final class Model {
    private final String spec;
    private final Shape input;
    private final List<Layer> layers;
    private final List<Param> parameters = new ArrayList<>();
    private final List<Param> buffers = new ArrayList<>();
    private final List<String> parameterNames = new ArrayList<>();
    private final List<String> bufferNames = new ArrayList<>();

    private Model(String spec, Shape input, List<Layer> layers) {
        this.spec = spec;
        this.input = input;
        this.layers = List.copyOf(layers);
        for (Layer layer : layers) {
            String prefix = (layer.index() + 1) + "." + layer.kind() + ".";
            for (Param p : layer.params()) {
                parameters.add(p);
                parameterNames.add(prefix + p.name());
            }
            for (Param p : layer.buffers()) {
                buffers.add(p);
                bufferNames.add(prefix + p.name());
            }
        }
    }

    /**
     * The most tensor values a network may have: what one model file holds with two optimiser
     * moments (Adam's) for every value, 4 bytes each. A larger network could be trained but never saved.
     */
    public static final long MAX_VALUES = ModelFile.MAX_BYTES / 12;

    /**
     * Builds {@code spec} for samples of shape {@code input} with weights drawn from {@code seed}.
     * Throws {@link SpecException} naming the offending call when the spec cannot be built, also
     * when its tensors would hold more than {@link #MAX_VALUES} values.
     */
    public static Model build(String spec, Shape input, long seed) {
        return build(spec, input, seed, MAX_VALUES, "the most one model file holds");
    }

    /**
     * Builds {@code spec} as {@link #build(String, Shape, long)} does, refusing it before its
     * tensors are allocated once they would hold more than {@code maxValues} values ({@code limit}
     * says why in the message): for a spec read from a model file, whose tensors must all be in it.
     */
    public static Model build(String spec, Shape input, long seed, long maxValues, String limit) {
        List<LayerCall> calls = SpecParser.parse(spec);
        List<Layer> layers = maxValues < MAX_VALUES
                ? TensorAllowance.within(maxValues, limit, () -> layers(calls, input))
                : TensorAllowance.within(MAX_VALUES, "the most one model file holds", () -> layers(calls, input));
        Shape shape = layers.get(layers.size() - 1).output();
        if (!shape.isFlat())
            throw new SpecException("the network ends with a " + shape + " output; a classifier must end flat:"
                    + " add flatten and dense(classes)");
        if (shape.channels() < 2)
            throw new SpecException("the network ends with a single output; a classifier needs at least two classes");
        Model model = new Model(SpecParser.normalize(spec), input, layers);
        model.initialize(seed);
        return model;
    }

    /** The layers of {@code calls} on {@code input}; a layer that cannot be built names its call. */
    private static List<Layer> layers(List<LayerCall> calls, Shape input) {
        List<Layer> layers = new ArrayList<>();
        Shape shape = input;
        for (int i = 0; i < calls.size(); i++) {
            Layer layer;
            try {
                layer = LayerFactory.build(calls, i, shape);
            } catch (SpecException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw calls.get(i).error(e.getMessage());
            }
            layer.setIndex(i);
            layers.add(layer);
            shape = layer.output();
        }
        return layers;
    }

    /** Draws every tensor afresh: tensor i from the random stream (seed, i). */
    public void initialize(long seed) {
        List<Param> all = tensors();
        for (int i = 0; i < all.size(); i++) all.get(i).init().fill(all.get(i).data(), CounterRandom.key(seed, i));
    }

    /** The spec in canonical form: calls as written, single spaces, no comments. */
    public String spec() { return spec; }

    public Shape input() { return input; }

    public Shape output() { return layers.get(layers.size() - 1).output(); }

    /** The number of classes: the size of the (flat) output. */
    public int classes() { return output().channels(); }

    public List<Layer> layers() { return layers; }

    /** True when the last layer is a softmax, which training with cross-entropy folds into the loss. */
    public boolean endsWithSoftmax() { return layers.get(layers.size() - 1) instanceof SoftmaxLayer; }

    /** Trainable tensors, in model order. */
    public List<Param> parameters() { return Collections.unmodifiableList(parameters); }

    /** Saved, untrained tensors (batch-norm running statistics), in model order. */
    public List<Param> buffers() { return Collections.unmodifiableList(buffers); }

    /** Every saved tensor: the parameters, then the buffers. */
    public List<Param> tensors() {
        List<Param> all = new ArrayList<>(parameters);
        all.addAll(buffers);
        return all;
    }

    /** Names for {@link #tensors()}, e.g. {@code 1.conv.weight}, {@code 4.batchnorm.running_var}. */
    public List<String> tensorNames() {
        List<String> all = new ArrayList<>(parameterNames);
        all.addAll(bufferNames);
        return all;
    }

    /** Copies of {@link #tensors()}' values. */
    public List<float[]> copyTensors() {
        List<float[]> copies = new ArrayList<>();
        for (Param p : tensors()) copies.add(p.data().clone());
        return copies;
    }

    /** Loads values saved by {@link #copyTensors()}: as many arrays as tensors, each of the right length. */
    public void loadTensors(List<float[]> values) {
        List<Param> all = tensors();
        List<String> names = tensorNames();
        if (values.size() != all.size())
            throw new IllegalArgumentException("expected " + all.size() + " tensors for this spec, got " + values.size());
        for (int i = 0; i < all.size(); i++)
            if (values.get(i).length != all.get(i).size())
                throw new IllegalArgumentException("tensor " + names.get(i) + " should hold " + all.get(i).size()
                        + " values, not " + values.get(i).length);
        for (int i = 0; i < all.size(); i++)
            System.arraycopy(values.get(i), 0, all.get(i).data(), 0, all.get(i).size());
    }

    public long parameterCount() {
        long count = 0;
        for (Param p : parameters) count += p.size();
        return count;
    }

    public Summary summary() {
        List<Summary.Row> rows = new ArrayList<>();
        long params = 0;
        double mflops = 0;
        for (Layer layer : layers) {
            double layerMflops = layer.forwardFlops() / 1e6;
            rows.add(new Summary.Row(layer.text(), layer.output(), layer.parameterCount(), layerMflops));
            params += layer.parameterCount();
            mflops += layerMflops;
        }
        return new Summary(input, rows, params, mflops);
    }
}
