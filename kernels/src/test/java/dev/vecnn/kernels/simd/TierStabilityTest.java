package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.ChannelShape;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.DenseShape;
import dev.vecnn.kernels.Kernels;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.Workspace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The simd kernels that reduce across lanes or call exp/tanh give the same bits in the interpreter
 * as after C2 compiled them, so a training run does not depend on when the JIT kicked in. A child
 * JVM runs seeded problems under -Xint and prints every output's bits; this JVM runs the same
 * problems after a warm-up long enough for C2 and compares them bit for bit.
 */
class TierStabilityTest {
    private static final int WARM_UP_ROUNDS = 400;

    @Test
    void interpretedAndCompiledKernelsGiveTheSameBits() throws Exception {
        assumeTrue(Registry.SIMD_ENABLED, "simd kernels are off (-Dvecnn.simd=0)");
        Map<String, String> interpreted = runInterpreted();
        for (int round = 0; round < WARM_UP_ROUNDS; round++) outputs();
        Map<String, String> compiled = outputs();
        assertEquals(compiled.keySet(), interpreted.keySet());
        for (String name : compiled.keySet())
            assertEquals(interpreted.get(name), compiled.get(name), name + ": -Xint and C2 differ at " + Simd.SPECIES);
    }

    /** The child JVM's entry: one line per problem, its name and its outputs' bits. */
    public static void main(String[] args) {
        outputs().forEach((name, bits) -> System.out.println(name + " " + bits));
    }

    private static Map<String, String> runInterpreted() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xint", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path")));
        // This JVM's width, forced: the child's preferred one may differ (-XX:MaxVectorSize or UseAVX given here only).
        command.add("-Dvecnn.simd=" + Simd.SPECIES.vectorBitSize());
        command.add(TierStabilityTest.class.getName());
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the -Xint child did not finish");
        assertEquals(0, child.exitValue(), "the -Xint child failed: " + out);
        Map<String, String> result = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) result.put(line.substring(0, space), line.substring(space + 1));
        }
        return result;
    }

    /** Every problem, seeded, by name; the value lists the raw bits of all its outputs. */
    private static Map<String, String> outputs() {
        Kernels k = Kernels.named("simd");
        Workspace ws = new Workspace();
        Map<String, String> out = new LinkedHashMap<>();

        float[] x = random(1, 1000, 12f);
        x[0] = 90f;
        x[1] = -90f;
        x[2] = -0f;
        float[] y = new float[x.length];
        k.activations().sigmoid(x.length, x, 0, y, 0);
        out.put("sigmoid", bits(y));
        k.activations().tanh(x.length, x, 0, y, 0);
        out.put("tanh", bits(y));

        for (int classes : new int[]{10, 37}) {
            int rows = 13;
            float[] logits = random(2, rows * classes, 8f);
            int[] labels = new int[rows];
            for (int r = 0; r < rows; r++) labels[r] = (r * 7) % classes;
            float[] dLogits = new float[logits.length];
            double loss = k.losses().softmaxCrossEntropy(rows, classes, logits, 0, labels, 0, 1f / rows, dLogits, 0);
            out.put("softmaxCrossEntropy" + classes, Long.toHexString(Double.doubleToRawLongBits(loss)) + bits(dLogits));
        }

        ChannelShape planes = new ChannelShape(3, 4, 53);
        float[] bx = random(3, 3 * 4 * 53, 2f), bdy = random(4, bx.length, 1f);
        float[] mean = new float[4], deviation = new float[4], invStd = {1f, 0.5f, 2f, 0.25f};
        float[] dGamma = new float[4], dBeta = new float[4];
        k.batchNorm().sum(planes, bx, 0, mean);
        for (int c = 0; c < 4; c++) mean[c] /= 3 * 53;
        k.batchNorm().sumSquaredDeviation(planes, bx, 0, mean, deviation);
        k.batchNorm().backwardReduce(planes, bx, 0, bdy, 0, mean, invStd, dGamma, dBeta);
        out.put("batchNorm", bits(mean) + bits(deviation) + bits(dGamma) + bits(dBeta));

        DenseShape dense = new DenseShape(5, 29, 11);
        float[] dw = new float[11 * 29], db = new float[11];
        k.dense().backwardWeights(dense, random(5, 5 * 29, 1f), 0, random(6, 5 * 11, 1f), 0, dw, 0, db, 0, ws);
        out.put("denseWeights", bits(dw) + bits(db));

        ConvShape conv = new ConvShape(2, 1, 13, 13, 5, 3, 3, 1, 1, 1, 1);
        float[] cw = new float[conv.weightSize()], cb = new float[5];
        k.conv2d().backwardWeights(conv, random(7, conv.inputSize(), 1f), 0, random(8, conv.outputSize(), 1f), 0,
                cw, 0, cb, 0, ws);
        out.put("convWeights", bits(cw) + bits(cb));
        return out;
    }

    private static float[] random(long seed, int n, float scale) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (random.nextDouble(-1, 1) * scale);
        return a;
    }

    private static String bits(float[] a) {
        StringBuilder sb = new StringBuilder();
        for (float v : a) sb.append(',').append(Integer.toHexString(Float.floatToRawIntBits(v)));
        return sb.toString();
    }
}
