package dev.vecnn.cli.plot;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.data.DataSource;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.Evaluation;
import dev.vecnn.engine.train.Evaluator;
import dev.vecnn.kernels.Kernels;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ModelProbeTest {
    /** Inference paths of every kind: batch norm on running statistics, dropout off, pooling, a final dense layer. */
    private static final String NETWORK = "conv(4,3) batchnorm relu maxpool(2) dropout(0.3) flatten dense(16) relu dense(10)";

    @Test
    void theProbeSeesWhatTheEvaluatorSees() throws IOException {
        Dataset test = DataSource.bundledSample().test();
        Model model = Model.build(NETWORK, new Shape(1, 28, 28), 11);
        Kernels kernels = Kernels.named("simd");
        int count = 300;
        Dataset first = test.subset("first", IntStream.range(0, count).toArray());
        ModelProbe.Outputs outputs = ModelProbe.run(model, kernels, test, count, 2);
        float[][] expected;
        Evaluation evaluation;
        try (Evaluator evaluator = new Evaluator(model, kernels, 2)) {
            expected = evaluator.probabilities(first);
            evaluation = evaluator.evaluate(first);
        }
        for (int i = 0; i < count; i++)
            for (int c = 0; c < 10; c++)
                assertEquals(expected[i][c], outputs.probability(i, c), 1e-6, "image " + i + " class " + c);
        assertArrayEquals(evaluation.confusion(), outputs.confusion(test));
        // The features are what enters dense(10): the 16 outputs of dense(16) and its relu, none negative, some positive.
        assertEquals(16, outputs.featureSize());
        assertEquals("dense(16) relu", outputs.featureLayer());
        double sum = 0;
        for (float f : outputs.features()) {
            assertEquals(true, f >= 0, "a relu output");
            sum += f;
        }
        assertEquals(true, sum > 0);
    }

    @Test
    void layerOutputsFollowTheNetworkForOneImage() throws IOException {
        Dataset test = DataSource.bundledSample().test();
        Model model = Model.build(NETWORK, new Shape(1, 28, 28), 11);
        float[][] all = ModelProbe.layerOutputs(model, Kernels.named("simd"), test, 5);
        assertEquals(model.layers().size() + 1, all.length);
        float[] image = new float[784];
        test.imageAsFloats(5, image, 0);
        assertArrayEquals(image, all[0]);
        for (int i = 0; i < model.layers().size(); i++)
            assertEquals(model.layers().get(i).output().size(), all[i + 1].length, model.layers().get(i).text());
        ModelProbe.Outputs one = ModelProbe.run(model, Kernels.named("simd"), test.subset("six", new int[] {0, 1, 2, 3, 4, 5}), 6, 1);
        // The last layer's output for image 5, through a softmax, is the probe's probabilities for it.
        float[] logits = all[all.length - 1];
        double max = Double.NEGATIVE_INFINITY, z = 0;
        for (float v : logits) max = Math.max(max, v);
        for (float v : logits) z += Math.exp(v - max);
        for (int c = 0; c < 10; c++) assertEquals(Math.exp(logits[c] - max) / z, one.probability(5, c), 1e-5);
    }
}
