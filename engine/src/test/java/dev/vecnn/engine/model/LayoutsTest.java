package dev.vecnn.engine.model;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.layers.BatchGradient;
import dev.vecnn.engine.layers.Layer;
import dev.vecnn.engine.layers.LayerState;
import dev.vecnn.engine.layers.Pass;
import dev.vecnn.kernels.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayoutsTest {
    private static final String REFERENCE_NETWORK =
            "conv(32,3) relu maxpool(2) conv(64,3) relu maxpool(2) flatten dense(128) relu dense(10)";

    @Test
    void theConvolutionsRunChannelsLastUntilFlatten() {
        Model model = Model.build(REFERENCE_NETWORK, new Shape(1, 28, 28), 1);
        List<Layer> planned = Layouts.channelsLast(Fusion.executionLayers(model));
        assertEquals(List.of("conv+relu+maxpool", "conv+relu+maxpool", "layout", "flatten", "dense", "relu", "dense"),
                planned.stream().map(Layer::kind).toList(), "one channel needs no conversion at the input");
        assertEquals("(NHWC to NCHW)", planned.get(2).text());
        assertSame(model.layers().get(3).params().get(0), planned.get(1).params().get(0), "the twin shares its weights");
    }

    @Test
    void severalInputChannelsAreConvertedAtTheInputAndBatchNormStaysNchw() {
        Model model = Model.build("conv(4,3) relu batchnorm conv(4,3) flatten dense(3)", new Shape(3, 9, 9), 1);
        List<String> kinds = Layouts.channelsLast(Fusion.executionLayers(model)).stream().map(Layer::kind).toList();
        assertEquals(List.of("layout", "conv", "relu", "layout", "batchnorm", "conv", "flatten", "dense"), kinds);
    }

    @Test
    void aNetworkWithoutConvolutionsKeepsItsLayers() {
        Model model = Model.build("maxpool(2) flatten dense(3)", new Shape(2, 8, 8), 1);
        List<Layer> layers = Fusion.executionLayers(model);
        assertSame(layers, Layouts.channelsLast(layers));
    }

    /**
     * The channels-last plan against the NCHW layers it replaces, on the same random batch: the
     * same logits and the same input gradient within float rounding (the sums run in another
     * order), and the same gradients of the parameters whose gradients a chunk computes (dense
     * layers compute theirs once per batch, from the NCHW activations either way).
     */
    @ParameterizedTest
    @CsvSource({"reference, 'conv(6,3,pad=1) relu maxpool(2) conv(5,2,stride=2) tanh avgpool(2,stride=1) flatten dense(3)', 3x10x11",
            "simd, 'conv(6,3,pad=1) relu maxpool(2) conv(5,2,stride=2) tanh avgpool(2,stride=1) flatten dense(3)', 3x10x11",
            "simd, 'conv(32,3) relu maxpool(2) conv(64,3) relu maxpool(2) flatten dense(10)', 1x28x28"})
    void channelsLastComputesWhatNchwComputes(String kernels, String spec, String input) {
        Model model = Model.build(spec, Shape.parse(input), 3);
        List<Layer> nchw = Fusion.executionLayers(model), nhwc = Layouts.channelsLast(nchw);
        int batch = 5;
        SplittableRandom rng = new SplittableRandom(11);
        float[] x = random(rng, batch * model.input().size());
        float[] dy = random(rng, batch * model.classes());
        Pass pass = new Pass(Kernels.named(kernels));
        Run a = Run.of(nchw, pass, batch, x, dy), b = Run.of(nhwc, pass, batch, x, dy);
        assertClose(a.y, b.y, "logits");
        assertClose(a.dx, b.dx, "input gradient");
        for (int p = 0; p < a.grads.size(); p++) assertClose(a.grads.get(p), b.grads.get(p), "parameter gradient " + p);
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rng.nextDouble(-1, 1);
        return v;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (float e : expected) scale = Math.max(scale, Math.abs(e));
        assertTrue(scale > 0, what + " is all zeros: nothing was compared");
        for (int i = 0; i < expected.length; i++)
            assertTrue(Math.abs(expected[i] - actual[i]) <= 1e-5 * scale, what + "[" + i + "]: " + expected[i] + " vs " + actual[i]);
    }

    /** The forward pass through every layer, then the backward passes from dy: logits, input and parameter gradients. */
    private record Run(float[] y, float[] dx, List<float[]> grads) {
        static Run of(List<Layer> layers, Pass pass, int batch, float[] x, float[] dy) {
            int n = layers.size();
            float[][] outs = new float[n + 1][];
            LayerState[] states = new LayerState[n];
            outs[0] = x;
            for (int i = 0; i < n; i++) {
                Layer l = layers.get(i);
                states[i] = l.newState(batch);
                outs[i + 1] = l.aliasesInput(true) ? outs[i] : new float[batch * l.output().size()];
                l.forward(pass, batch, outs[i], outs[i + 1], states[i]);
            }
            java.util.ArrayList<float[]> grads = new java.util.ArrayList<>();
            float[] g = dy;
            for (int i = n - 1; i >= 0; i--) {
                Layer l = layers.get(i);
                float[][] pg = new float[l.params().size()][];
                for (int p = 0; p < pg.length; p++) pg[p] = new float[l.params().get(p).size()];
                if (pg.length > 0 && !(l instanceof BatchGradient)) {
                    l.backwardWeights(pass, batch, outs[i], outs[i + 1], g, pg, states[i]);
                    for (int p = pg.length - 1; p >= 0; p--) grads.add(0, pg[p]);
                }
                float[] dx = l.aliasesInput(true) ? g : new float[batch * l.input().size()];
                l.backwardData(pass, batch, outs[i], outs[i + 1], g, dx, states[i]);
                g = dx;
            }
            return new Run(outs[n], g, grads);
        }
    }
}
