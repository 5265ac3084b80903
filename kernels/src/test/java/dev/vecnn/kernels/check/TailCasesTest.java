package dev.vecnn.kernels.check;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Named problems aimed at the tails of vectorised code, as XNNPACK's and benchdnn's shape lists:
 * sizes one below, at and one above the vector length L and the GEMM register tile (8 rows by 2L
 * columns), every GEMM sub-tile, one input channel, 1x1 outputs. Each runs every implementation
 * of its family with float and, where exact, integer inputs.
 */
class TailCasesTest {
    private static final int L = RandomProblems.lanes();
    private static final int TILE_ROWS = 8;

    @ParameterizedTest(name = "{0}")
    @MethodSource({"gemmSubTiles", "gemmDepths", "convolutions", "fusedConvolutions", "pooling", "dense", "elementWise", "perRow", "taps"})
    void matchesTheReference(String descriptor) {
        List<CaseResult> failures = new Verifier().runProblem(Problem.parse(descriptor), 1).stream()
                .filter(r -> !r.passed()).toList();
        assertTrue(failures.isEmpty(), () -> failures.stream().map(CaseResult::report).collect(Collectors.joining("\n")));
    }

    /** Every m x n corner of an 8 x 2L tile, and one more of each; beta 1 on odd n so C is read as well. */
    static List<String> gemmSubTiles() {
        List<String> cases = new ArrayList<>();
        for (int m = 1; m <= TILE_ROWS + 1; m++)
            for (int n = 1; n <= 2 * L + 1; n++) cases.add("gemm:m" + m + "n" + n + "k5" + (n % 2 == 1 ? "beta1" : ""));
        return cases;
    }

    /** The depth k around the vector length, transposes, leading dimensions with gaps, two tiles and a bit. */
    static List<String> gemmDepths() {
        List<String> cases = new ArrayList<>();
        for (int k : new int[]{1, 2, L - 1, L, L + 1, 2 * L + 1})
            cases.add("gemm:m" + TILE_ROWS + "n" + 2 * L + "k" + k);
        for (String flags : new String[]{"ta1", "tb1", "ta1tb1", "lda40ldb70ldc70", "alpha-2beta0.5"})
            cases.add("gemm:m" + (2 * TILE_ROWS + 1) + "n" + (4 * L + 1) + "k" + (L + 1) + flags);
        for (int m : new int[]{2 * TILE_ROWS - 1, 2 * TILE_ROWS, 2 * TILE_ROWS + 1})
            cases.add("gemm:m" + m + "n" + (2 * L - 1) + "k" + (3 * L));
        return cases;
    }

    static List<String> convolutions() {
        List<String> shapes = new ArrayList<>(List.of(
                "ic1ih28oc32kh3", "mb2ic1ih" + (L + 2) + "oc" + (L + 1) + "kh3",
                "mb2ic3ih3oc5kh3", "ic2ih5oc3kh5ph2", "mb3ic4ih1oc7kh1",
                "ic5ih9oc" + (TILE_ROWS + 1) + "kh3sh2ph1", "ic3ih" + (L + 1) + "oc" + (L - 1) + "kh1",
                "mb2ic" + (L + 1) + "ih7oc" + TILE_ROWS + "kh3ph1", "ic2ih11iw6oc4kh4kw2sh3sw1ph1pw0"));
        for (int side : new int[]{L - 1, L, L + 1}) shapes.add("ic2ih" + (side + 2) + "oc" + (TILE_ROWS - 1) + "kh3");
        // One input channel (the direct path): odd widths off the vector length, channels and taps left
        // over by its blocks of three, padding, strideH 2, a 1x1 kernel, fewer pixels than lanes.
        shapes.addAll(List.of("ic1ih" + (L + 4) + "iw" + (2 * L + 3) + "oc5kh3", "mb3ic1ih7iw" + (L + 1) + "oc4kh3ph1",
                "mb2ic1ih11iw" + (L + 3) + "oc7kh3sh2", "ic1ih9oc3kh5kw2", "ic1ih3oc2kh3", "mb2ic1ih6iw5oc4kh1",
                "ic1ih" + (L + 3) + "iw" + (L + 2) + "oc3kh3"));
        List<String> cases = new ArrayList<>();
        for (String pass : new String[]{"conv", "conv-bwd-data", "conv-bwd-weights", "im2col", "col2im"})
            for (String shape : shapes)
                cases.add(pass + ":" + (pass.startsWith("conv") ? shape : shape.replaceAll("mb\\d+", "").replaceAll("oc\\d+", "")));
        return cases;
    }

    /**
     * The conv + relu + max pooling, channels-last and NCHW, for inference, with the winners for
     * training, and its weight gradient: the reference network's layers, channel tails around
     * the vector length, pooling windows that leave rows and columns over, windows that need
     * several row blocks, padding and strides; over one channel, the direct kernel's 3x3, 2x2
     * path on two and four vectors of channels, padded and strided, and its general path.
     */
    static List<String> fusedConvolutions() {
        List<String> shapes = List.of("mb2ic1ih28oc32kh3pool2", "mb3ic32ih13oc64kh3pool2", "mb2ic3ih9oc" + (L + 1) + "kh3pool2",
                "ic2ih" + (L + 4) + "oc" + (L - 1) + "kh3pool3", "mb2ic" + (L + 1) + "ih7oc" + (2 * L + 1) + "kh3ph1pool2",
                "ic5ih9iw12oc" + (4 * L + 3) + "kh3sh2ph1pool1", "mb5ic1ih30oc7kh3pool1", "mb3ic2ih1oc3kh1",
                "mb2ic2ih11iw6oc4kh4kw2sh3sw1ph1pw0pool2", "mb3ic1ih9oc" + 4 * L + "kh3ph1pool2",
                "mb2ic1ih11iw8oc" + 2 * L + "kh3sh2pool2", "mb2ic1ih10oc" + (2 * L + 3) + "kh2pool3");
        List<String> cases = new ArrayList<>();
        for (String shape : shapes) {
            cases.add("conv-relu-pool:" + shape + "nhwc1");
            cases.add("conv-relu-pool:" + shape);
            cases.add("conv-relu-pool:" + shape + "nhwc1argmax1");
            cases.add("conv-relu-pool-bwd-weights:" + shape + "nhwc1");
            cases.add("conv-relu-pool-bwd-weights:" + shape);
        }
        return cases;
    }

    static List<String> pooling() {
        List<String> shapes = List.of("mb2ic3ih" + 2 * L + "kh2", "ic2ih" + (2 * L + 2) + "kh2", "ic1ih" + (2 * L - 2) + "kh2",
                "ic4ih3kh3", "mb3ic1ih1kh1", "mb2ic3ih" + (2 * L + 1) + "iw" + (L + 3) + "kh2", "ic2ih" + (L + 1) + "kh3sh1ph1", "ic2ih7iw" + (L + 3) + "kh3kw2sh2sw1pw1",
                // Planes so narrow that a 2x2 step takes several of their rows.
                "mb2ic5ih11kh2", "mb3ic2ih7iw5kh2", "ic3ih4iw3kh2");
        List<String> cases = new ArrayList<>();
        for (String pass : new String[]{"maxpool", "maxpool-bwd", "maxpoolrelu", "maxpoolrelu-bwd", "avgpool", "avgpool-bwd"})
            for (String shape : shapes) cases.add(pass + ":" + shape);
        return cases;
    }

    static List<String> dense() {
        List<String> shapes = List.of("ic" + L + "oc" + L, "mb7ic" + (L - 1) + "oc" + (L + 1),
                "mb" + TILE_ROWS + "ic" + (L + 1) + "oc" + (L - 1), "mb" + (TILE_ROWS + 1) + "ic" + (2 * L + 1) + "oc10",
                "mb3ic1oc1", "mb5ic" + (L + 3) + "oc" + (4 * L + 7), "mb" + (2 * L) + "ic" + (3 * L + 1) + "oc" + (5 * L));
        List<String> cases = new ArrayList<>();
        for (String pass : new String[]{"dense", "dense-bwd-data", "dense-bwd-weights"})
            for (String shape : shapes) cases.add(pass + ":" + shape);
        return cases;
    }

    static List<String> elementWise() {
        List<String> cases = new ArrayList<>();
        int[] sizes = {1, L - 1, L, L + 1, 2 * L - 1, 2 * L + 1, 4 * L + 3};
        for (String kind : new String[]{"relu", "relu-bwd", "leakyrelu", "leakyrelu-bwd", "sigmoid", "sigmoid-bwd",
                "tanh", "tanh-bwd", "dropout", "sgd", "momentum", "nesterov", "adam", "adamw"})
            for (int n : sizes) cases.add(kind + ":n" + n);
        for (String kind : new String[]{"prelu", "prelu-bwd", "dropout-channel", "bnorm-sum", "bnorm-sumsq",
                "bnorm-norm", "bnorm-bwd-reduce", "bnorm-bwd-data"})
            for (int sp : new int[]{1, L - 1, L, L + 1}) cases.add(kind + ":mb2ic3sp" + sp);
        return cases;
    }

    /**
     * Outputs around one and four vectors (the blocks of the simd kernel), one tap and elastic
     * distortion's 25, taps one float apart (overlapping vectors) and a 28-float plane apart.
     */
    static List<String> taps() {
        List<String> cases = new ArrayList<>();
        for (int n : new int[]{1, L - 1, L, L + 1, 4 * L - 1, 4 * L, 4 * L + 1, 5 * L + 3, 784})
            for (String ks : new String[]{"k1s1", "k3s1", "k25s28", "k7s" + (L + 1)}) cases.add("taps:n" + n + ks);
        return cases;
    }

    static List<String> perRow() {
        List<String> cases = new ArrayList<>();
        for (String kind : new String[]{"softmax", "softmax-bwd", "softmax-xent", "mse"})
            IntStream.of(1, 2, L - 1, L, L + 1, 2 * L + 1).forEach(c -> cases.add(kind + ":mb3c" + c));
        return cases;
    }
}
