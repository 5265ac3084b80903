package dev.vecnn.engine.model;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.layers.Layer;
import dev.vecnn.engine.layers.LayerState;
import dev.vecnn.engine.layers.Pass;
import dev.vecnn.kernels.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FusionTest {
    private static final Shape INPUT = new Shape(1, 12, 11);
    private static final String SPEC = "conv(3,3) relu maxpool(2) relu flatten dense(4) relu dense(2)";

    @org.junit.jupiter.api.Test
    void onlyAReluDirectlyBeforeAMaxPoolIsFused() {
        Model model = Model.build(SPEC, INPUT, 1);
        List<String> kinds = Fusion.executionLayers(model).stream().map(Layer::kind).toList();
        assertEquals(List.of("conv", "relu+maxpool", "relu", "flatten", "dense", "relu", "dense"), kinds);
        assertEquals(model.layers().get(2).output(), Fusion.executionLayers(model).get(1).output());
        assertEquals("relu maxpool(2)", Fusion.executionLayers(model).get(1).text());
    }

    /** The fused layer against the relu and maxpool layers it replaces: same y, same dx, bit for bit. */
    @ParameterizedTest
    @ValueSource(strings = {"reference", "simd"})
    void theFusedLayerComputesWhatTheTwoLayersCompute(String kernels) {
        Model model = Model.build(SPEC, INPUT, 1);
        Layer relu = model.layers().get(1), pool = model.layers().get(2);
        Layer fused = Fusion.executionLayers(model).get(1);
        int batch = 3, in = relu.input().size() * batch, out = pool.output().size() * batch;
        SplittableRandom rng = new SplittableRandom(7);
        float[] x = new float[in], dy = new float[out];
        for (int i = 0; i < in; i++) x[i] = (float) rng.nextDouble(-1, 1);
        for (int i = 0; i < out; i++) dy[i] = (float) rng.nextDouble(-1, 1);
        Pass pass = new Pass(Kernels.named(kernels));

        float[] r = new float[in], y = new float[out], dr = new float[in], dx = new float[in];
        LayerState reluState = relu.newState(batch), poolState = pool.newState(batch);
        relu.forward(pass, batch, x, r, reluState);
        pool.forward(pass, batch, r, y, poolState);
        pool.backwardData(pass, batch, r, y, dy, dr, poolState);
        relu.backwardData(pass, batch, x, r, dr, dx, reluState);

        float[] fusedY = new float[out], fusedDx = new float[in];
        LayerState fusedState = fused.newState(batch);
        fused.forward(pass, batch, x, fusedY, fusedState);
        fused.backwardData(pass, batch, x, fusedY, dy, fusedDx, fusedState);
        assertArrayEquals(y, fusedY);
        assertArrayEquals(dx, fusedDx);
    }
}
