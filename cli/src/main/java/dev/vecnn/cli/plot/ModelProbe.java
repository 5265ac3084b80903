package dev.vecnn.cli.plot;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.layers.Layer;
import dev.vecnn.engine.layers.LayerState;
import dev.vecnn.engine.layers.Pass;
import dev.vecnn.engine.model.InferenceLayers;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Runs a model's layers one by one at inference and keeps what the figures show, which the
 * engine's evaluator does not hand out: class probabilities and the features entering the last
 * layer with parameters (the penultimate layer's output), through the layers the evaluator runs
 * ({@link InferenceLayers}: fused, channels-last, and warm from the validation after each epoch);
 * and every layer's output for one image, through the model's own layers (NCHW, as the spec names
 * them). Images go in chunks of {@link #CHUNK}; each of {@code threads} workers takes every
 * threads-th chunk with its own buffers.
 */
final class ModelProbe {
    static final int CHUNK = 32;

    /** For images 0 .. count: probabilities (count x classes) and features (count x featureSize), row-major. */
    record Outputs(int count, int classes, float[] probabilities, int featureSize, float[] features, String featureLayer) {
        int predicted(int i) {
            int best = 0;
            for (int c = 1; c < classes; c++) if (probabilities[i * classes + c] > probabilities[i * classes + best]) best = c;
            return best;
        }

        float probability(int i, int c) { return probabilities[i * classes + c]; }

        /** confusion[true][predicted] over these images, whose labels {@code data} holds. */
        int[][] confusion(Dataset data) {
            int[][] confusion = new int[classes][classes];
            for (int i = 0; i < count; i++) confusion[data.label(i)][predicted(i)]++;
            return confusion;
        }
    }

    private ModelProbe() {}

    static Outputs run(Model model, Kernels kernels, Dataset data, int count, int threads) {
        List<Layer> layers = InferenceLayers.of(model);
        for (Layer layer : layers) layer.refresh(kernels);
        int featureLayer = lastWithParameters(layers);
        int featureSize = featureLayer == 0 ? model.input().size() : layers.get(featureLayer - 1).output().size();
        int classes = model.classes();
        float[] probabilities = new float[count * classes], features = new float[count * featureSize];
        int chunks = (count + CHUNK - 1) / CHUNK, workers = Math.max(1, Math.min(threads, chunks));
        IntStream.range(0, workers).parallel().forEach(w -> {
            Buffers buffers = new Buffers(model.input(), layers, kernels, CHUNK);
            for (int k = w; k < chunks; k += workers) {
                int from = k * CHUNK, n = Math.min(CHUNK, count - from);
                float[][] outputs = buffers.forward(data, from, n);
                float[] last = outputs[layers.size()];
                if (model.endsWithSoftmax()) System.arraycopy(last, 0, probabilities, from * classes, n * classes);
                else kernels.losses().softmax(n, classes, last, 0, probabilities, from * classes);
                System.arraycopy(outputs[featureLayer], 0, features, from * featureSize, n * featureSize);
            }
        });
        String name = featureLayer == 0 ? "the input" : layers.get(featureLayer - 1).text();
        return new Outputs(count, classes, probabilities, featureSize, features, name);
    }

    /** Image {@code index} of {@code data} ([0]) and the output of every layer for it ([1 + layer]). */
    static float[][] layerOutputs(Model model, Kernels kernels, Dataset data, int index) {
        float[][] outputs = new Buffers(model.input(), model.layers(), kernels, 1).forward(data, index, 1);
        float[][] copies = new float[outputs.length][];
        for (int i = 0; i < outputs.length; i++) copies[i] = outputs[i].clone();
        return copies;
    }

    private static int lastWithParameters(List<Layer> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) if (layers.get(i).parameterCount() > 0) return i;
        return 0;
    }

    /** One worker's input, outputs, layer states and workspace, for chunks of up to {@code max} images. */
    private static final class Buffers {
        final Shape input;
        final List<Layer> layers;
        final Pass pass;
        final float[][] outputs;
        final LayerState[] states;

        Buffers(Shape input, List<Layer> layers, Kernels kernels, int max) {
            this.input = input;
            this.layers = layers;
            this.pass = new Pass(kernels);
            this.outputs = new float[layers.size() + 1][];
            this.states = new LayerState[layers.size()];
            outputs[0] = new float[max * input.size()];
            for (int i = 0; i < layers.size(); i++) {
                Layer layer = layers.get(i);
                outputs[i + 1] = layer.aliasesInput(false) ? outputs[i] : new float[max * layer.output().size()];
                states[i] = layer.newState(max);
            }
        }

        /** outputs[0] = images from .. from + n, outputs[1 + i] = layer i's output; valid up to n images. */
        float[][] forward(Dataset data, int from, int n) {
            for (int i = 0; i < n; i++) data.imageAsFloats(from + i, outputs[0], i * input.size());
            pass.place(false, 0, 0, 0, n);
            for (int i = 0; i < layers.size(); i++) layers.get(i).forward(pass, n, outputs[i], outputs[i + 1], states[i]);
            return outputs;
        }
    }
}
