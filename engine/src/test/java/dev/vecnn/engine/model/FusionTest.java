package dev.vecnn.engine.model;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.layers.Layer;
import dev.vecnn.engine.layers.LayerState;
import dev.vecnn.engine.layers.Pass;
import dev.vecnn.kernels.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FusionTest {
    private static final Shape INPUT = new Shape(1, 12, 11);
    private static final String SPEC = "conv(3,3) relu maxpool(2) relu flatten dense(4) relu dense(2)";

    @Test
    void onlyAReluDirectlyBeforeAMaxPoolIsFused() {
        Model model = Model.build(SPEC, INPUT, 1);
        List<Layer> fused = Fusion.reluMaxPool(model.layers());
        assertEquals(List.of("conv", "relu+maxpool", "relu", "flatten", "dense", "relu", "dense"),
                fused.stream().map(Layer::kind).toList());
        assertEquals(model.layers().get(2).output(), fused.get(1).output());
        assertEquals("relu maxpool(2)", fused.get(1).text());
    }

    /**
     * Into a conv go only a ReLU and max pooling with windows side by side:
     * not overlapping, not padded, not average.
     */
    @Test
    void aConvolutionAbsorbsTheReluAndMaxPoolingAfterItWhenTheirWindowsLieSideBySide() {
        Shape twoChannels = new Shape(2, 12, 11);
        List<Layer> fused = Fusion.executionLayers(Model.build(SPEC, twoChannels, 1));
        assertEquals(List.of("conv+relu+maxpool", "relu", "flatten", "dense", "relu", "dense"),
                fused.stream().map(Layer::kind).toList());
        assertEquals("conv(3,3) relu maxpool(2)", fused.get(0).text());
        assertEquals(new Shape(3, 5, 4), fused.get(0).output());
        assertEquals("conv+relu+maxpool", Fusion.executionLayers(Model.build(SPEC, INPUT, 1)).get(0).kind(),
                "one input channel");
        for (String apart : List.of("conv(3,3) relu maxpool(3,2) flatten dense(2)", "conv(3,3) relu maxpool(2,pad=1) flatten dense(2)",
                "conv(3,3) relu avgpool(2) flatten dense(2)", "conv(3,3) maxpool(2) flatten dense(2)"))
            assertEquals("conv", Fusion.executionLayers(Model.build(apart, twoChannels, 1)).get(0).kind(), apart);
    }

    /**
     * The fused convolution against the conv and relu + maxpool layers it replaces: same y, dx and
     * parameter gradients, bit for bit (the same sums, winners and backward kernels), with the
     * reference kernels in both layouts and with the simd kernels channels-last, the layout the
     * plan gives every convolution (the simd kernels hand an NCHW fused convolution to the
     * reference, whose sums round differently from their NCHW convolution's). Over one input
     * channel the simd kernels run the direct fused kernel and, apart, the implicit GEMM: y is the
     * same (both add the taps in order to the bias), but the direct weight gradient sums the batch
     * in another order, so dW and db agree only to rounding there.
     */
    @ParameterizedTest
    @CsvSource({"reference,false,3", "reference,true,3", "simd,true,3", "reference,true,1", "simd,true,1"})
    void theFusedConvolutionComputesWhatItsLayersCompute(String kernels, boolean channelsLast, int channels) {
        // Over one channel 32 filters, which the direct kernel's fast weight gradient takes.
        String filters = channels == 1 ? "32" : "5";
        Model model = Model.build("conv(" + filters + ",3,pad=1) relu maxpool(2) flatten dense(2)",
                new Shape(channels, 9, 8), 1);
        List<Layer> parts = Fusion.reluMaxPool(model.layers());
        Layer conv = parts.get(0), pool = parts.get(1), fused = Fusion.executionLayers(model).get(0);
        if (channelsLast) {
            conv = conv.channelsLast();
            pool = pool.channelsLast();
            fused = fused.channelsLast();
        }
        int batch = 3, in = conv.input().size() * batch, mid = conv.output().size() * batch;
        int out = pool.output().size() * batch;
        SplittableRandom rng = new SplittableRandom(11);
        for (var p : model.parameters()) for (int i = 0; i < p.size(); i++) p.data()[i] = (float) rng.nextDouble(-1, 1);
        float[] x = new float[in], dy = new float[out];
        for (int i = 0; i < in; i++) x[i] = (float) rng.nextDouble(-1, 1);
        for (int i = 0; i < out; i++) dy[i] = (float) rng.nextDouble(-1, 1);
        Pass pass = new Pass(Kernels.named(kernels));

        float[] z = new float[mid], y = new float[out], dz = new float[mid], dx = new float[in];
        float[][] grads = {new float[conv.params().get(0).size()], new float[conv.params().get(1).size()]};
        LayerState convState = conv.newState(batch), poolState = pool.newState(batch);
        conv.forward(pass, batch, x, z, convState);
        pool.forward(pass, batch, z, y, poolState);
        pool.backwardData(pass, batch, z, y, dy, dz, poolState);
        conv.backwardWeights(pass, batch, x, z, dz, grads, convState);
        conv.backwardData(pass, batch, x, z, dz, dx, convState);

        float[] fusedY = new float[out], fusedDx = new float[in];
        float[][] fusedGrads = {new float[grads[0].length], new float[grads[1].length]};
        LayerState fusedState = fused.newState(batch);
        fused.forward(pass, batch, x, fusedY, fusedState);
        fused.backwardWeights(pass, batch, x, fusedY, dy, fusedGrads, fusedState);
        fused.backwardData(pass, batch, x, fusedY, dy, fusedDx, fusedState);
        assertArrayEquals(y, fusedY);
        float rounding = kernels.equals("simd") && channels == 1 ? 1e-4f : 0f;
        assertArrayEquals(grads[0], fusedGrads[0], rounding);
        assertArrayEquals(grads[1], fusedGrads[1], rounding);
        assertArrayEquals(dx, fusedDx);
    }

    /** The fused layer against the relu and maxpool layers it replaces: same y, same dx, bit for bit. */
    @ParameterizedTest
    @ValueSource(strings = {"reference", "simd"})
    void theFusedLayerComputesWhatTheTwoLayersCompute(String kernels) {
        Model model = Model.build(SPEC, INPUT, 1);
        Layer relu = model.layers().get(1), pool = model.layers().get(2);
        Layer fused = Fusion.reluMaxPool(model.layers()).get(1);
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
