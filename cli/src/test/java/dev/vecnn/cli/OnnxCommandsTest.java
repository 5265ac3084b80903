package dev.vecnn.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.vecnn.engine.data.DataSource;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.train.Evaluator;
import dev.vecnn.kernels.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code vecnn export} and {@code vecnn import}, and the models they write, through the command line. */
class OnnxCommandsTest {
    /** Set to a model file to check that model instead of a freshly trained one (e.g. a full default ./vecnn train). */
    static final String MODEL_PROPERTY = "vecnn.onnx.model";

    @TempDir
    Path dir;

    /**
     * A model of the default training (the reference network, Adam, cosine schedule), exported and
     * scored by ONNX Runtime on the 1,000 held-out test digits, predicts what vecnn eval predicts.
     */
    @Test
    void anExportedDefaultModelScoredByOnnxRuntimePredictsWhatEvalPredicts() throws IOException, OrtException {
        String given = System.getProperty(MODEL_PROPERTY, "");
        Path model = given.isEmpty() ? dir.resolve("run/best.vecnn") : Path.of(given);
        if (given.isEmpty()) Cli.ok("train", "--epochs", "1", "--limit", "2000", "--out", dir.resolve("run").toString());
        Path onnx = dir.resolve("model.onnx");
        Cli.ok("export", "--model", model.toString(), "--out", onnx.toString());

        Dataset test = DataSource.bundledSample().test();
        int n = test.count(), classes = 10;
        float[] input = new float[n * test.imageSize()];
        for (int i = 0; i < n; i++) test.imageAsFloats(i, input, i * test.imageSize());
        float[] probabilities;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(Files.readAllBytes(onnx), new OrtSession.SessionOptions());
             OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {n, 1, 28, 28});
             OrtSession.Result result = session.run(Map.of("input", tensor))) {
            FloatBuffer out = ((OnnxTensor) result.get("probabilities").orElseThrow()).getFloatBuffer();
            probabilities = new float[out.remaining()];
            out.get(probabilities);
        }
        int[] ortPredicted = new int[n], vecnnPredicted = new int[n];
        int[][] ortConfusion = new int[classes][classes];
        float[][] vecnn;
        try (Evaluator evaluator = new Evaluator(SavedModel.read(model).model(), Kernels.named(Kernels.SIMD), 2)) {
            vecnn = evaluator.probabilities(test);
        }
        int correct = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 1; c < classes; c++) {
                if (probabilities[i * classes + c] > probabilities[i * classes + ortPredicted[i]]) ortPredicted[i] = c;
                if (vecnn[i][c] > vecnn[i][vecnnPredicted[i]]) vecnnPredicted[i] = c;
            }
            ortConfusion[test.label(i)][ortPredicted[i]]++;
            if (ortPredicted[i] == test.label(i)) correct++;
        }
        assertArrayEquals(vecnnPredicted, ortPredicted, "the predictions of vecnn's inference and ONNX Runtime's, image by image");

        Map<?, ?> eval = assertInstanceOf(Map.class, JsonOutput.parse(Cli.ok("eval", "--model", model.toString(), "--json").out()));
        List<?> confusion = assertInstanceOf(List.class, eval.get("confusion"));
        for (int a = 0; a < classes; a++)
            for (int p = 0; p < classes; p++)
                assertEquals(ortConfusion[a][p], ((Double) ((List<?>) confusion.get(a)).get(p)).intValue(),
                        "confusion matrix, actual " + a + ", predicted " + p);
        assertEquals((Double) eval.get("accuracy"), correct / (double) n, 1e-9);
        assertTrue(correct > 800, "a trained model: " + correct + " of " + n + " right");
        System.out.printf("%s: ONNX Runtime and vecnn eval agree on all %d test digits (accuracy %.2f %%)%n",
                model, n, 100.0 * correct / n);
    }

    @Test
    void anImportedModelIsEvaluatedSummarisedAndFineTuned() {
        Path onnx = dir.resolve("tiny.onnx"), back = dir.resolve("back.vecnn");
        Cli.ok("export", "--model", TinyRun.model().toString(), "--out", onnx.toString(), "--batch", "5", "--opset", "13");
        String line = Cli.ok("import", "--onnx", onnx.toString(), "--out", back.toString()).out();
        assertEquals("wrote " + back + ": " + TinyRun.SPEC + " (1x28x28 -> 10 classes, 6,810 parameters)", line.trim());
        Map<?, ?> original = assertInstanceOf(Map.class,
                JsonOutput.parse(Cli.ok("eval", "--model", TinyRun.model().toString(), "--json").out()));
        Map<?, ?> imported = assertInstanceOf(Map.class, JsonOutput.parse(Cli.ok("eval", "--model", back.toString(), "--json").out()));
        assertEquals(original.get("confusion"), imported.get("confusion"));
        assertEquals(original.get("loss"), imported.get("loss"));
        assertTrue(Cli.ok("summary", "--model", back.toString()).out().contains("6,810"));
        assertTrue(Cli.ok("predict", "--model", back.toString(), "--index", "3").out().contains("predicted"));
        Cli.Run tuned = Cli.ok("train", "--init", back.toString(), "--epochs", "1", "--limit", "300", "--val-split", "0",
                "--out", dir.resolve("tuned").toString());
        assertTrue(tuned.out().contains(TinyRun.SPEC), tuned.out());
        assertTrue(Files.exists(dir.resolve("tuned/last.vecnn")));
    }

    @Test
    void theExportCarriesTheSpecTheDataAndTheClassNames() throws IOException {
        Path onnx = dir.resolve("tiny.onnx");
        Cli.ok("export", "--model", TinyRun.model().toString(), "--out", onnx.toString());
        String bytes = new String(Files.readAllBytes(onnx), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String expected : List.of("vecnn.spec", TinyRun.SPEC, "vecnn.training_data", "mnist-sample",
                "vecnn.class_names", "0,1,2,3,4,5,6,7,8,9", "vecnn.input", "1x28x28"))
            assertTrue(bytes.contains(expected), expected);
    }

    @Test
    void badOptionsAndFilesGetOneLineAndNoFile() throws IOException {
        Path onnx = dir.resolve("x.onnx");
        Cli.Run opset = Cli.run("export", "--model", TinyRun.model().toString(), "--out", onnx.toString(), "--opset", "9");
        assertEquals(2, opset.exitCode());
        assertTrue(opset.errorLine().contains("opset 9 is not supported: vecnn writes opsets 13 to 22"), opset.err());
        Cli.Run batch = Cli.run("export", "--model", TinyRun.model().toString(), "--out", onnx.toString(), "--batch", "many");
        assertEquals(2, batch.exitCode());
        assertTrue(batch.errorLine().contains("--batch must be a number of images"), batch.err());
        assertFalse(Files.exists(onnx));

        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "not a model\n");
        Cli.Run notOnnx = Cli.run("import", "--onnx", text.toString(), "--out", dir.resolve("m.vecnn").toString());
        assertEquals(1, notOnnx.exitCode());
        assertTrue(notOnnx.errorLine().startsWith("vecnn: " + text + ": not an ONNX model"), notOnnx.err());
        assertFalse(Files.exists(dir.resolve("m.vecnn")));

        Cli.Run missing = Cli.run("import", "--onnx", dir.resolve("none.onnx").toString(), "--out", dir.resolve("m.vecnn").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.errorLine().endsWith("none.onnx: no such file"), missing.err());

        Cli.Run wrongInit = Cli.run("train", "--init", TinyRun.model().toString(), "--downscale", "14", "--epochs", "1",
                "--out", dir.resolve("t").toString());
        assertEquals(2, wrongInit.exitCode());
        assertTrue(wrongInit.errorLine().contains("takes 1x28x28 inputs, but the training images are 1x14x14"), wrongInit.err());
    }
}
