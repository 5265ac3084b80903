package dev.vecnn.onnx;

import ai.onnxruntime.OrtException;
import dev.vecnn.engine.Shape;
import dev.vecnn.engine.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

/**
 * ONNX Runtime loads the export of every layer the spec grammar knows, in every form its arguments
 * give it, and of the reference network, and computes what vecnn's own inference computes on random
 * images (see {@link Agreement} for the tolerance).
 */
class OnnxRuntimeAgreementTest {
    private static final List<String> CLASSES = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
    static final String REFERENCE_NETWORK =
            "conv(32,3) relu maxpool(2) conv(64,3) relu maxpool(2) flatten dense(128) relu dense(10)";

    private static ExportSettings settings(int opset, int batch, int classes) {
        return new ExportSettings(opset, batch, "random", CLASSES.subList(0, classes), 0);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = ';', value = {
            "conv(5,3) flatten dense(4); 1x12x12",
            "conv(4,3,stride=2,pad=1) flatten dense(3); 3x9x9",
            "conv(6,5,pad=same) relu flatten dense(3); 2x7x7",
            "maxpool(2) flatten dense(3); 3x11x11",
            "maxpool(3,stride=2,pad=1) flatten dense(3); 2x9x9",
            "avgpool(2) flatten dense(3); 3x11x11",
            "avgpool(3,stride=2,pad=1) flatten dense(3); 2x9x9",
            "conv(4,3) relu maxpool(2) flatten dense(3); 1x13x13",
            "flatten dense(6) relu dense(3); 1x8x8",
            "flatten dense(6) leakyrelu(0.2) dense(3); 1x8x8",
            "flatten dense(6) leakyrelu dense(3); 1x8x8",
            "conv(4,3) prelu(0.3) flatten dense(3); 2x8x8",
            "flatten dense(6) prelu dense(3); 1x8x8",
            "flatten dense(7) sigmoid dense(3); 1x8x8",
            "flatten dense(7) tanh dense(3); 1x8x8",
            "flatten dense(5) softmax; 1x8x8",
            "conv(4,3) batchnorm relu flatten dense(3); 2x8x8",
            "flatten dense(6) batchnorm(momentum=0.2,eps=1e-3) dense(3); 1x8x8",
            "conv(4,3) dropout(0.3) flatten dense(6) dropout dense(3); 1x8x8",
            "conv(4,3) spatialdropout(0.2) flatten dense(3); 1x8x8",
            "dense(6) relu dense(3); 20",
            "flatten dense(8) conv(4,1) dense(3); 1x6x6",
    })
    void everyLayerRunsInOnnxRuntimeAsInVecnn(String spec, String input) throws OrtException {
        Model model = Model.build(spec, Shape.parse(input), 7);
        Agreement.randomizeStatistics(model, 8);
        Agreement.check(spec, model, Agreement.randomImages(model, 9, 3), settings(ExportSettings.DEFAULT_OPSET, 0,
                model.classes()));
    }

    @Test
    void theReferenceNetworkRunsInOnnxRuntimeAsInVecnn() throws OrtException {
        Model model = Model.build(REFERENCE_NETWORK, new Shape(1, 28, 28), 11);
        Agreement.check("reference network", model, Agreement.randomImages(model, 33, 5), settings(17, 0, 10));
    }

    /** The oldest and newest opsets written, and a fixed batch dimension, load and compute the same. */
    @ParameterizedTest(name = "opset {0}")
    @ValueSource(ints = {ExportSettings.MIN_OPSET, ExportSettings.MAX_OPSET})
    void everyOpsetWrittenRunsInOnnxRuntime(int opset) throws OrtException {
        Model model = Model.build("conv(4,3) batchnorm prelu avgpool(2) dropout(0.1) flatten dense(6) leakyrelu dense(3)",
                new Shape(2, 9, 9), 13);
        Agreement.randomizeStatistics(model, 14);
        Agreement.check("opset " + opset, model, Agreement.randomImages(model, 6, 15), settings(opset, 6, 3));
    }
}
