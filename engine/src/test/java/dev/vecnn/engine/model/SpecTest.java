package dev.vecnn.engine.model;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecTest {
    private static final Shape MNIST = new Shape(1, 28, 28);
    private static final String REFERENCE =
            "conv(32,3) relu maxpool(2) conv(64,3) relu maxpool(2) flatten dense(128) relu dense(10)";

    @Test
    void theReferenceNetworkHasTheExpectedShapesParametersAndFlops() {
        Summary s = Model.build(REFERENCE, MNIST, 1).summary();
        List<String> shapes = s.rows().stream().map(r -> r.output().toString()).toList();
        assertEquals(List.of("32x26x26", "32x26x26", "32x13x13", "64x11x11", "64x11x11", "64x5x5", "1600", "128",
                "128", "10"), shapes);
        assertEquals(List.of(320L, 0L, 0L, 18496L, 0L, 0L, 0L, 204928L, 0L, 1290L),
                s.rows().stream().map(Summary.Row::parameters).toList());
        assertEquals(225_034L, s.parameters());
        // conv1: 2 * 32*26*26 * 9 multiply-adds + a bias per output = 0.411 MFLOP.
        assertEquals((2.0 * 32 * 26 * 26 * 9 + 32 * 26 * 26) / 1e6, s.rows().get(0).mflops(), 1e-9);
        double total = 0;
        for (Summary.Row r : s.rows()) total += r.mflops();
        assertEquals(total, s.mflops(), 1e-9);
        assertEquals("conv(32,3)", s.rows().get(0).layer());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "conv(8,3,stride=2,pad=1) flatten dense(10); 1x28x28; 1568",
            "conv(8, 5, pad=same) maxpool(3,stride=2) flatten dense(10); 1x28x28; 8x13x13",
            "CONV(filters=4,size=3) avgpool flatten dense(10); 3x9x9; 4x3x3",
            "conv(4,3) avgpool(2,stride=1,pad=1) flatten dense(10); 1x6x6; 4x5x5",
            "flatten dense(20) leakyrelu(0.2) prelu dropout(0.1) batchnorm sigmoid tanh dense(10) softmax; 1x4x4; 20",
            "conv(4,3) batchnorm spatialdropout(0.2) prelu flatten dense(10); 1x6x6; 4x4x4",
    })
    void goodSpecsBuild(String spec, String input, String secondShape) {
        Model model = Model.build(spec, Shape.parse(input), 1);
        assertEquals(secondShape, model.layers().get(1).output().toString());
        assertEquals(10, model.classes());
    }

    @Test
    void commentsAndNewlinesAreAllowedAndTheCanonicalSpecRebuildsTheSameModel() {
        Model model = Model.build("# a small net\nconv(4, 3)   relu # rectifier\n flatten\n dense(10)\n", MNIST, 3);
        assertEquals("conv(4,3) relu flatten dense(10)", model.spec());
        Model again = Model.build(model.spec(), MNIST, 3);
        for (int i = 0; i < model.tensors().size(); i++)
            assertTrue(java.util.Arrays.equals(model.tensors().get(i).data(), again.tensors().get(i).data()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "conv(32,3) relu convv(3) flatten dense(10); convv(3); unknown layer 'convv': did you mean 'conv'?",
            "conv(32) flatten dense(10); conv(32); missing argument 'size'",
            "conv(32,3,strid=2) flatten dense(10); conv(32,3,strid=2); unknown argument 'strid'",
            "conv(0,3) flatten dense(10); conv(0,3); filters must be between 1",
            "conv(8,x) flatten dense(10); conv(8,x); size must be a whole number, not 'x'",
            "conv(8,3,pad=same,stride=2) flatten dense(10); conv(8,3,pad=same,stride=2); pad=same needs",
            "conv(8,3) maxpool(2) maxpool(2) maxpool(2) maxpool(2) maxpool(2) flatten dense(10); maxpool(2); larger than its 1x1 input",
            "maxpool(30) flatten dense(10); maxpool(30); window 30x30 is larger than its 28x28 input",
            "conv(8,3) dense(10); dense(10); dense needs a flat input but gets 8x26x26: put flatten before it",
            "flatten conv(8,3) dense(10); conv(8,3); conv after flatten",
            "flatten dropout(1.5) dense(10); dropout(1.5); p must lie in [0.0, 1.0)",
            "flatten dense(10,3,4); dense(10,3,4); dense takes at most 2 positional arguments",
            "flatten(2) dense(10); flatten(2); flatten takes no arguments",
            "flatten dense(units=10,init=lecun); dense(units=10,init=lecun); init must be one of he, xavier",
            "conv(8,stride=1,3) flatten dense(10); conv(8,stride=1,3); positional argument '3' after a named one",
            "conv(8,3 flatten dense(10); conv(8,3; expected ',' or ')'",
            "flatten dense(10) relu); relu); unexpected ')'",
            "maxpool(2,pad=2) flatten dense(10); maxpool(2,pad=2); pad must be between 0 and 1",
    })
    void badSpecsNameTheOffendingTokenAndWhy(String spec, String token, String reason) {
        SpecException e = assertThrows(SpecException.class, () -> Model.build(spec, MNIST, 1));
        assertEquals(token, e.token(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void theErrorSaysWhereTheTokenIs() {
        SpecException e = assertThrows(SpecException.class, () -> Model.build("flatten densee(10)", MNIST, 1));
        assertEquals("spec error at 'densee(10)' (layer 2, column 9): unknown layer 'densee': did you mean 'dense'?"
                + " (known: conv, maxpool, avgpool, dense, flatten, relu, leakyrelu, prelu, sigmoid, tanh, softmax,"
                + " dropout, spatialdropout, batchnorm)", e.getMessage());
    }

    @Test
    void networksMustEndFlatWithTwoOrMoreClasses() {
        assertTrue(assertThrows(SpecException.class, () -> Model.build("conv(4,3)", MNIST, 1))
                .getMessage().contains("must end flat"));
        assertTrue(assertThrows(SpecException.class, () -> Model.build("flatten dense(1)", MNIST, 1))
                .getMessage().contains("at least two classes"));
        assertTrue(assertThrows(SpecException.class, () -> Model.build("  # nothing\n", MNIST, 1))
                .getMessage().contains("empty"));
    }

    @Test
    void initialWeightsFollowHeOrXavierBounds() {
        Model model = Model.build("flatten dense(50) relu dense(10)", new Shape(1, 10, 10), 7);
        float[] he = model.parameters().get(0).data();
        float[] xavier = model.parameters().get(2).data();
        double heBound = Math.sqrt(6.0 / 100), xavierBound = Math.sqrt(6.0 / (50 + 10));
        double heMax = 0, xavierMax = 0;
        for (float v : he) heMax = Math.max(heMax, Math.abs(v));
        for (float v : xavier) xavierMax = Math.max(xavierMax, Math.abs(v));
        assertTrue(heMax <= heBound && heMax > 0.95 * heBound, "He weights reach " + heMax + " of " + heBound);
        assertTrue(xavierMax <= xavierBound && xavierMax > 0.9 * xavierBound, "Xavier weights reach " + xavierMax);
        for (float b : model.parameters().get(1).data()) assertEquals(0f, b);
    }
}
