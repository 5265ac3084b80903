package dev.vecnn.kernels.check;

import dev.vecnn.kernels.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "gemm:m64n7744k288", "gemm:m5n3k7ta1tb1alpha0.5beta-2lda9ldb8ldc4",
            "im2col:ic3ih13iw11kh3sh2ph1", "col2im:ic1ih5kh5kw1sw2",
            "conv:mb64ic32ih13oc64kh3", "conv-bwd-data:mb2ic19ih13oc33kh3ph1", "conv-bwd-weights:ic1ih28oc32kh3bias0",
            "maxpool:mb64ic32ih26kh2", "maxpool-bwd:ic3ih7kh3sh1", "avgpool:ic2ih9kh3kw2sw1ph1pw0", "avgpool-bwd:ic1ih4kh2",
            "dense:mb64ic1600oc128", "dense-bwd-data:ic7oc3", "dense-bwd-weights:mb3ic7oc3bias0",
            "relu:n1000", "relu-bwd:n17", "leakyrelu:n9alpha0.2", "leakyrelu-bwd:n9", "prelu:mb2ic3sp5", "prelu-bwd:ic3sp5",
            "sigmoid:n5", "sigmoid-bwd:n5", "tanh:n5", "tanh-bwd:n5",
            "softmax:mb64c10", "softmax-bwd:c10", "softmax-xent:mb64c10", "softmax-xent:mb2c3scale1", "mse:mb4c3",
            "bnorm-sum:mb64ic32sp676", "bnorm-sumsq:ic3sp1", "bnorm-norm:ic3sp4", "bnorm-bwd-reduce:mb2ic3sp4",
            "bnorm-bwd-data:mb2ic3sp4", "dropout:n100", "dropout-channel:mb2ic3sp4p0.25",
            "sgd:n10", "sgd:n10lr0.1wd0.001", "momentum:n10mom0.5", "nesterov:n10", "adam:n10t7", "adamw:n10beta10.8beta20.99eps1.0E-6wd0.01",
            "taps:n784k25s28"})
    void canonicalDescriptorsParseToThemselves(String descriptor) {
        assertEquals(descriptor, Problem.parse(descriptor).descriptor());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "conv:mb64ic32ih13oc64kh3sh1ph0; conv:mb64ic32ih13oc64kh3",
            "conv:ic3ih5iw5oc2kh3kw3sh2sw2ph1pw1; conv:ic3ih5oc2kh3sh2ph1",
            "maxpool:ic3ih8kh2sh2sw2; maxpool:ic3ih8kh2",
            "gemm:k3n2m1ta0alpha1; gemm:m1n2k3",
            "  relu:n4  ; relu:n4"})
    void defaultsAreLeftOutOfTheCanonicalForm(String given, String canonical) {
        assertEquals(canonical, Problem.parse(given).descriptor());
    }

    @Test
    void defaultsFollowOneDnn() {
        ConvProblem conv = (ConvProblem) Problem.parse("conv:ic3ih13iw7oc4kh3sh2ph1");
        assertEquals(new dev.vecnn.kernels.ConvShape(1, 3, 13, 7, 4, 3, 3, 2, 2, 1, 1), conv.shape);
        PoolProblem pool = (PoolProblem) Problem.parse("maxpool:ic1ih6kh3");
        assertEquals(3, pool.shape.strideH());
        assertEquals(3, pool.shape.strideW());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "conv:ic3ih5oc2kh3x4; unknown parameter at 'x4'",
            "conv:ic3ih5oc2; 'kh' is missing",
            "conv:ic0ih5oc2kh3; 'ic0' must be >= 1",
            "conv:ic3ih5oc2kh9; kernel larger than the padded input",
            "conv:ic3ih5ih6oc2kh3; 'ih' is given twice",
            "gemm:m2n2; 'k' is missing",
            "gemm:m2n2k2ta2; 'ta2' must be ta0 or ta1",
            "gemm:m2n4k2ldc3; ldc3 is below the n columns of C",
            "gemm:m2nk2; 'n' needs a number at 'nk2'",
            "matmul:m2; unknown kind 'matmul'",
            "relu; expected relu:parameters",
            "dropout:n4p1; 'p1.0' must be in [0, 1)",
            "taps:n4k3; 's' is missing",
            "maxpool:ic1ih4kh2ph2; padding must be at most half the window"})
    void badDescriptorsNameTheBadPart(String descriptor, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Problem.parse(descriptor));
        assertTrue(e.getMessage().startsWith("bad problem '" + descriptor.trim() + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void flopsCountMultiplyAddsTwice() {
        assertEquals(2.0 * 64 * 7744 * 288, Problem.parse("gemm:m64n7744k288").flops());
        assertEquals(2.0 * 64 * 64 * 11 * 11 * 32 * 9, Problem.parse("conv:mb64ic32ih13oc64kh3").flops());
        assertEquals(2.0 * 64 * 1600 * 128, Problem.parse("dense-bwd-weights:mb64ic1600oc128").flops());
        assertEquals(64 * 32 * 13 * 13 * 4.0, Problem.parse("maxpool:mb64ic32ih26kh2").flops());
    }

    @Test
    void everyKindBelongsToARegisteredFamily() {
        for (String kind : Problem.kinds()) {
            assertTrue(Registry.FAMILIES.stream().anyMatch(f -> f.name().equals(familyOf(kind))), kind);
        }
    }

    @Test
    void aBoundCallRunsTheNamedImplementationOnSeededOperands() {
        Problem<?> problem = Problem.parse("gemm:m3n2k4");
        Call call = problem.bind("SgemmReference", 7);
        call.run();
        Operands o = call.operands();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++) {
                float expected = 0f;
                for (int p = 0; p < 4; p++) expected += o.f(0)[i * 4 + p] * o.f(1)[p * 2 + j];
                assertEquals(expected, o.f(2)[i * 2 + j]);
            }
        assertSame(problem, call.problem());
        assertEquals(problem.prepare(7).f(0)[5], o.f(0)[5]);
    }

    private static String familyOf(String kind) {
        return Problem.parse(kind + ":" + sample(kind)).family().name();
    }

    private static String sample(String kind) {
        return switch (kind) {
            case "gemm" -> "m1n1k1";
            case "im2col", "col2im" -> "ic1ih1kh1";
            case "conv", "conv-bwd-data", "conv-bwd-weights", "conv-relu-pool", "conv-relu-pool-bwd-weights" -> "ic1ih1oc1kh1";
            case "maxpool", "maxpool-bwd", "maxpoolrelu", "maxpoolrelu-bwd", "avgpool", "avgpool-bwd" -> "ic1ih1kh1";
            case "dense", "dense-bwd-data", "dense-bwd-weights" -> "ic1oc1";
            case "prelu", "prelu-bwd", "dropout-channel" -> "ic1sp1";
            case "softmax", "softmax-bwd", "softmax-xent", "mse" -> "c1";
            case "taps" -> "n1k1s1";
            default -> kind.startsWith("bnorm") ? "ic1sp1" : "n1";
        };
    }
}
