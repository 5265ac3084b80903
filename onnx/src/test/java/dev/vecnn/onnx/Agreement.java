package dev.vecnn.onnx;

import ai.onnxruntime.OrtException;
import dev.vecnn.engine.Shape;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.layers.BatchNormLayer;
import dev.vecnn.engine.layers.Conv2dLayer;
import dev.vecnn.engine.layers.DenseLayer;
import dev.vecnn.engine.layers.Layer;
import dev.vecnn.engine.layers.Param;
import dev.vecnn.engine.layers.PoolLayer;
import dev.vecnn.engine.layers.SoftmaxLayer;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.Evaluator;
import dev.vecnn.kernels.Kernels;
import dev.vecnn.kernels.check.Tolerance;
import dev.vecnn.onnx.proto.Onnx.ModelProto;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks that ONNX Runtime, running an exported model, computes what vecnn's own inference
 * (the {@link Evaluator}) computes, within docs/DESIGN.md's tolerance rule.
 *
 * <p>vecnn's evaluator gives class probabilities p; ONNX Runtime gives logits z and their softmax
 * q. Each logit's rounding error is bounded by the rule, |dz_j| <= atol + rtol (|z_j| + scale_j),
 * with rtol = C sqrt(K) 2^-24, K the reduction lengths of all layers added up (errors add along
 * the chain), and scale_j the magnitude of the terms behind z_j: the same network run by ONNX
 * Runtime with every weight, bias and normalisation offset replaced by its absolute value (the
 * "absolute twin": for these layers it bounds every intermediate |value| from above, as benchdnn
 * does for convolutions). Since log softmax moves by at most 2 max_j |dz_j|, log p_i must lie
 * within 2 max_j bound_j of z_i - logsumexp(z), and q_i within q_i times that of p_i.
 */
final class Agreement {
    private Agreement() {}

    /** Random test images (bytes, as vecnn holds data) for {@code model}'s input. */
    static Dataset randomImages(Model model, int count, long seed) {
        Shape in = model.input();
        byte[] pixels = new byte[count * in.size()];
        new Random(seed).nextBytes(pixels);
        return new Dataset("random", in.channels(), in.height(), in.width(), model.classes(), pixels, new byte[count]);
    }

    /** The float32 input vecnn computes on: each byte / 255, N x C x H x W. */
    static float[] inputOf(Dataset data) {
        float[] input = new float[data.count() * data.imageSize()];
        for (int i = 0; i < data.count(); i++) data.imageAsFloats(i, input, i * data.imageSize());
        return input;
    }

    static long[] dims(Model model, int count) {
        Shape in = model.input();
        return in.isFlat() ? new long[] {count, in.channels()} : new long[] {count, in.channels(), in.height(), in.width()};
    }

    /** Gives the batch-norm layers random running statistics, scales and offsets, so inference normalises for real. */
    static void randomizeStatistics(Model model, long seed) {
        Random random = new Random(seed);
        for (Layer layer : model.layers())
            if (layer instanceof BatchNormLayer bn) {
                List<Param> all = List.of(bn.params().get(0), bn.params().get(1), bn.buffers().get(0), bn.buffers().get(1));
                for (int t = 0; t < 4; t++) {
                    float[] v = all.get(t).data();
                    for (int i = 0; i < v.length; i++)
                        v[i] = switch (t) {
                            case 0 -> 0.5f + random.nextFloat();
                            case 1, 2 -> (float) random.nextGaussian() * 0.3f;
                            default -> 0.2f + random.nextFloat() * 2f;
                        };
                }
            }
    }

    /** vecnn's class probabilities for {@code data}, by its own inference path. */
    static float[][] vecnnProbabilities(Model model, Dataset data) {
        try (Evaluator evaluator = new Evaluator(model, Kernels.named(Kernels.SIMD), 1)) {
            return evaluator.probabilities(data);
        }
    }

    /** The reduction lengths of every layer, added up: the K of the tolerance rule for a whole network. */
    static int reductionLength(Model model) {
        int k = 0;
        for (Layer layer : model.layers()) {
            k += switch (layer) {
                case Conv2dLayer conv -> conv.input().channels() * conv.size() * conv.size();
                case DenseLayer dense -> dense.input().size();
                case PoolLayer pool -> pool.size() * pool.size();
                case SoftmaxLayer softmax -> softmax.input().size();
                default -> 1;
            };
        }
        return k;
    }

    /** The absolute twin of {@code model}: every tensor's absolute value, running means negated. */
    static Model absoluteTwin(Model model) {
        Model twin = Model.build(model.spec(), model.input(), 0);
        List<float[]> values = model.copyTensors();
        List<String> names = model.tensorNames();
        for (int t = 0; t < values.size(); t++) {
            float[] v = values.get(t);
            boolean mean = names.get(t).endsWith(".running_mean");
            boolean var = names.get(t).endsWith(".running_var");
            for (int i = 0; i < v.length; i++) if (!var) v[i] = mean ? -Math.abs(v[i]) : Math.abs(v[i]);
        }
        twin.loadTensors(values);
        return twin;
    }

    /**
     * Exports {@code model}, runs it and its absolute twin in ONNX Runtime on {@code data}, and checks
     * both outputs against vecnn's probabilities; {@code label} names the case in failures.
     */
    static void check(String label, Model model, Dataset data, ExportSettings settings) throws OrtException {
        check(label, model, data, settings, OnnxExport.toProto(model, settings));
    }

    /** As above for {@code exported}, which should be {@code model}'s export (or a damaged one, to test the check). */
    static void check(String label, Model model, Dataset data, ExportSettings settings, ModelProto exported)
            throws OrtException {
        Map<String, float[]> out;
        try (OrtModel ort = new OrtModel(exported.toByteArray())) {
            out = ort.run(inputOf(data), dims(model, data.count()));
        }
        compare(label, model, data, out.get(OnnxExport.LOGITS), out.get(OnnxExport.PROBABILITIES));
    }

    /** The logits scale of the rule: {@code model}'s absolute twin, exported and run by ONNX Runtime. */
    static float[] scale(Model model, Dataset data) throws OrtException {
        ExportSettings settings = new ExportSettings(ExportSettings.DEFAULT_OPSET, 0, null, List.of(), 0);
        try (OrtModel twin = new OrtModel(OnnxExport.toProto(absoluteTwin(model), settings).toByteArray())) {
            return twin.run(inputOf(data), dims(model, data.count())).get(OnnxExport.LOGITS);
        }
    }

    /**
     * Checks ONNX Runtime's {@code logits} and probabilities {@code q} (null when the model has none)
     * for {@code data} against {@code model}'s own inference.
     */
    static void compare(String label, Model model, Dataset data, float[] logits, float[] q) throws OrtException {
        int n = data.count(), classes = model.classes();
        float[] scale = scale(model, data);
        assertEquals(n * classes, logits.length, label + ": logits");
        if (q != null) assertEquals(n * classes, q.length, label + ": probabilities");
        float[][] p = vecnnProbabilities(model, data);
        Tolerance tolerance = Tolerance.forSum(reductionLength(model));
        int spread = 0;
        for (int s = 0; s < n; s++) {
            int row = s * classes;
            double max = Double.NEGATIVE_INFINITY, worst = 0;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, logits[row + j]);
                double z = Math.abs(logits[row + j]);
                if (scale[row + j] < z * (1 - 1e-5) - Float.MIN_NORMAL)
                    fail(label + ": the absolute twin's logit " + scale[row + j] + " is below |logit| " + z + " (sample " + s + ")");
                worst = Math.max(worst, tolerance.bound(z, scale[row + j]));
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) sum += Math.exp(logits[row + j] - max);
            double logSumExp = max + Math.log(sum);
            float best = 0;
            for (int j = 0; j < classes; j++) {
                double ortLog = logits[row + j] - logSumExp, vecnnLog = Math.log(p[s][j]);
                double logBound = 2 * worst + tolerance.rtol() * Math.abs(ortLog);
                String where = label + ": sample " + s + ", class " + j;
                if (!(Math.abs(ortLog - vecnnLog) <= logBound))
                    fail(where + ": ONNX Runtime's log softmax " + ortLog + ", vecnn's log p " + vecnnLog + " (allowed "
                            + logBound + ", logits scale " + scale[row + j] + ")");
                double probBound = Float.MIN_NORMAL + p[s][j] * (Math.expm1(logBound));
                if (q != null && !(Math.abs(q[row + j] - p[s][j]) <= probBound))
                    fail(where + ": ONNX Runtime's probability " + q[row + j] + ", vecnn's " + p[s][j] + " (allowed " + probBound + ")");
                best = Math.max(best, p[s][j]);
            }
            if (best < 0.99f) spread++;
        }
        assertTrue(spread >= n / 2, label + ": only " + spread + " of " + n
                + " samples have a probability below 0.99 everywhere: saturated outputs prove little");
    }
}
