package dev.vecnn.engine.train;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.Synthetic;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.layers.Layer;
import dev.vecnn.engine.layers.LayerState;
import dev.vecnn.engine.layers.Pass;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;
import dev.vecnn.kernels.check.Tolerance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The inference plan (batch norm folded, dropout gone, conv + ReLU + pooling fused, channels-last)
 * computes what the model's own layers compute one after the other in inference mode, the
 * training plan's forward pass, within DESIGN.md's tolerance rule: for every logit,
 * |plan - layers| <= atol + rtol * (|layers| + scale), where scale is the same network run on
 * the magnitudes of its tensors (|w|, |b|, a norm's |gamma| / sqrt(var + eps) applied to |z| plus
 * |gamma mean| / sqrt(var + eps) + |beta|), the sum of the terms' magnitudes behind each logit; and
 * rtol adds C sqrt(K) 2^-24 over the layers, K the length of each layer's sums, since every layer's
 * rounding is carried to the logits. The norms' running statistics, scales and shifts are drawn at
 * random, so folding them is not the identity.
 */
class InferencePlanTest {
    private static final int IMAGES = 37;

    @ParameterizedTest(name = "{0} on {1} ({2})")
    @CsvSource(delimiter = ';', value = {
            "conv(32,3) relu maxpool(2) conv(64,3) relu maxpool(2) flatten dense(128) relu dense(10); 1x28x28; simd",
            "conv(8,3) batchnorm relu maxpool(2) conv(16,3,pad=1) batchnorm relu maxpool(3) flatten dense(20) batchnorm relu "
                    + "dropout(0.5) dense(5); 1x14x14; simd",
            "conv(8,3) batchnorm relu maxpool(2) conv(16,3,pad=1) batchnorm relu maxpool(3) flatten dense(20) batchnorm relu "
                    + "dropout(0.5) dense(5); 1x14x14; reference",
            "conv(5,3,stride=2) spatialdropout(0.3) relu conv(17,2) batchnorm flatten dense(7) dense(3) softmax; 3x11x11; simd",
            "batchnorm conv(6,3) prelu maxpool(2) conv(4,1) relu avgpool(2) flatten dense(6) relu dense(4); 2x12x10; simd",
            "conv(19,3) relu maxpool(2,stride=1) conv(3,3) relu flatten dense(3); 2x9x9; simd"})
    void logitsMatchTheLayersForwardPassWithinTheToleranceRule(String spec, String input, String kernelsName) {
        Shape shape = Shape.parse(input);
        Model model = Model.build(spec, shape, 3);
        randomizeNorms(model, new SplittableRandom(5));
        Dataset data = Synthetic.noise(IMAGES, shape.channels(), shape.height(), shape.width(), model.classes(), 7);
        Kernels kernels = Kernels.named(kernelsName);
        float[] expected = layersForward(model, data, kernels);
        float[] scale = layersForward(magnitudes(model), data, kernels);
        double rtol = 0;
        for (Layer layer : model.layers()) rtol += Tolerance.C * Math.sqrt(reduction(layer)) * Tolerance.FLOAT_EPSILON;
        Tolerance tolerance = new Tolerance(Float.MIN_NORMAL, rtol);
        int classes = model.classes();
        try (Parallel parallel = new Parallel(2)) {
            InferencePlan plan = new InferencePlan(model, kernels, parallel, Loss.CROSS_ENTROPY, 8, 3, null);
            plan.refresh();
            int nonZero = 0;
            for (int from = 0; from < IMAGES; from += plan.maxBatch()) {
                plan.run(data, from, Math.min(plan.maxBatch(), IMAGES - from));
                for (int k = 0; k < plan.activePieces(); k++) {
                    Piece p = plan.piece(k);
                    float[] logits = logits(plan, p, model);
                    for (int e = 0; e < p.count * classes; e++) {
                        int at = p.first * classes + e;
                        if (expected[at] != 0) nonZero++;
                        if (!tolerance.accepts(logits[e], expected[at], scale[at]))
                            fail(spec + ": image " + (at / classes) + " class " + (at % classes) + ": plan " + logits[e]
                                    + ", layers " + expected[at] + ", allowed " + tolerance.bound(expected[at], scale[at]));
                    }
                }
            }
            assertTrue(nonZero > IMAGES * classes / 2, spec + ": mostly zero logits prove nothing");
        }
    }

    /** The plan's logits: its last output, or the input of a final softmax. */
    private static float[] logits(InferencePlan plan, Piece p, Model model) {
        int last = plan.layers().length - 1;
        return model.endsWithSoftmax() ? p.outputs[last - 1] : p.outputs[last];
    }

    /** The model's own layers, one after the other, in inference mode, over every image: the logits. */
    private static float[] layersForward(Model model, Dataset data, Kernels kernels) {
        int n = data.count(), size = model.input().size();
        float[] x = new float[n * size];
        for (int i = 0; i < n; i++) data.imageAsFloats(i, x, i * size);
        Pass pass = new Pass(kernels);
        pass.place(false, 0, 0, 0, n);
        List<Layer> layers = model.layers();
        int end = model.endsWithSoftmax() ? layers.size() - 1 : layers.size();
        for (int i = 0; i < end; i++) {
            Layer layer = layers.get(i);
            float[] y = layer.aliasesInput(false) ? x : new float[n * layer.output().size()];
            LayerState state = layer.newState(n);
            layer.forward(pass, n, x, y, state);
            x = y;
        }
        return x;
    }

    /** Random running statistics, scales and shifts for every batch norm of the model. */
    private static void randomizeNorms(Model model, SplittableRandom rng) {
        List<String> names = model.tensorNames();
        List<float[]> tensors = model.copyTensors();
        for (int t = 0; t < names.size(); t++) {
            String name = names.get(t);
            if (!name.contains(".batchnorm.")) continue;
            float[] v = tensors.get(t);
            for (int i = 0; i < v.length; i++)
                v[i] = name.endsWith("running_var") ? (float) rng.nextDouble(0.2, 3)
                        : name.endsWith("gamma") ? (float) rng.nextDouble(-2, 2) : (float) rng.nextDouble(-1, 1);
        }
        model.loadTensors(tensors);
    }

    /** The same network on the magnitudes of its tensors: every logit is then the sum of its terms' magnitudes. */
    private static Model magnitudes(Model model) {
        Model abs = Model.build(model.spec(), model.input(), 1);
        List<String> names = model.tensorNames();
        List<float[]> tensors = model.copyTensors(), result = new ArrayList<>();
        for (int t = 0; t < names.size(); t++) {
            String name = names.get(t);
            float[] v = tensors.get(t).clone();
            if (name.endsWith("running_mean")) java.util.Arrays.fill(v, 0f);
            else if (name.endsWith("beta")) {
                String layer = name.substring(0, name.length() - "beta".length());
                float[] gamma = tensors.get(names.indexOf(layer + "gamma")), mean = tensors.get(names.indexOf(layer + "running_mean"));
                float[] var = tensors.get(names.indexOf(layer + "running_var"));
                float eps = 1e-5f;
                for (int i = 0; i < v.length; i++)
                    v[i] = Math.abs(v[i]) + (float) (Math.abs(gamma[i] * mean[i]) / Math.sqrt(var[i] + eps));
            } else if (!name.endsWith("running_var")) {
                for (int i = 0; i < v.length; i++) v[i] = Math.abs(v[i]);
            }
            result.add(v);
        }
        abs.loadTensors(result);
        return abs;
    }

    /** The length of the longest sum behind one of the layer's outputs (1 for a formula without one). */
    private static int reduction(Layer layer) {
        long params = layer.parameterCount();
        if (params == 0) return 1 + layer.input().size() / Math.max(1, layer.output().size());
        return (int) Math.max(2, params / layer.output().channels() + 1);
    }
}
