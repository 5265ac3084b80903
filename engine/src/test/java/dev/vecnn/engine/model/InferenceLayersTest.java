package dev.vecnn.engine.model;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.layers.Layer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which layers the inference plan runs: dropout gone, norms folded, conv + relu + pooling fused, channels-last. */
class InferenceLayersTest {
    @Test
    void normsFoldReluAndPoolingFuseAndDropoutGoes() {
        Model model = Model.build("conv(8,3) batchnorm relu maxpool(2) conv(16,3) relu dropout(0.2) maxpool(2) flatten "
                + "dense(32) batchnorm relu dropout(0.5) dense(10)", new Shape(1, 28, 28), 1);
        List<Layer> layers = InferenceLayers.of(model);
        assertEquals(List.of("conv(8,3) batchnorm relu maxpool(2)", "conv(16,3) relu maxpool(2)", "(NHWC to NCHW)", "flatten",
                "dense(32) batchnorm relu", "dense(10)"), layers.stream().map(Layer::text).toList());
        assertEquals(List.of("fused conv", "fused conv", "layout", "flatten", "fused dense", "dense"),
                layers.stream().map(Layer::kind).toList());
        assertEquals(new Shape(8, 13, 13), layers.get(0).output());
        assertEquals(new Shape(16, 5, 5), layers.get(1).output());
    }

    @Test
    void whatCannotFuseRunsAsInTraining() {
        Model model = Model.build("batchnorm conv(4,3) maxpool(2) relu conv(4,3) relu avgpool(2) flatten dense(3) sigmoid "
                + "dense(2)", new Shape(2, 16, 16), 1);
        assertEquals(List.of("batchnorm", "conv(4,3)", "maxpool(2)", "relu", "conv(4,3) relu", "avgpool(2)", "flatten",
                "dense(3)", "sigmoid", "dense(2)"), InferenceLayers.of(model).stream().map(Layer::text).toList());
    }
}
