package dev.vecnn.cli;

import dev.vecnn.engine.data.ClassNames;
import dev.vecnn.engine.data.DataSource;
import dev.vecnn.engine.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvalCommandTest {
    @TempDir
    Path dir;

    @Test
    void jsonHoldsAccuracyLossCountAndAConsistentConfusionMatrix() throws IOException {
        Cli.Run run = Cli.ok("eval", "--model", TinyRun.model().toString(), "--json", "--threads", "1");
        Map<?, ?> json = assertInstanceOf(Map.class, JsonOutput.parse(run.out()));
        assertEquals(List.of("accuracy", "loss", "count", "confusion", "precision", "recall", "seconds", "imagesPerSecond",
                "model", "data", "classNames"), List.copyOf(json.keySet()));
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), json.get("classNames"));
        assertEquals("mnist", ModelFile.read(TinyRun.model()).options().get(ClassNames.DATASET_OPTION),
                "train stores the names of its data");
        assertEquals(1000.0, json.get("count"));
        List<?> confusion = assertInstanceOf(List.class, json.get("confusion"));
        assertEquals(10, confusion.size());
        double total = 0, diagonal = 0;
        for (int a = 0; a < 10; a++) {
            List<?> row = assertInstanceOf(List.class, confusion.get(a));
            assertEquals(10, row.size());
            for (int p = 0; p < 10; p++) {
                total += (Double) row.get(p);
                if (a == p) diagonal += (Double) row.get(p);
            }
        }
        assertEquals(1000, total);
        assertEquals(diagonal / 1000, (Double) json.get("accuracy"), 1e-6);
        assertTrue((Double) json.get("loss") > 0);
        assertEquals(10, assertInstanceOf(List.class, json.get("recall")).size());
    }

    @Test
    void twoTestFilesAreEnoughAndGiveTheSameResultAsTheBundledSample() throws IOException {
        for (String name : List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"))
            try (InputStream in = DataSource.class.getResourceAsStream("mnist-sample/" + name)) {
                assertNotNull(in, name);
                Files.copy(in, dir.resolve(name));
            }
        String bundled = Cli.ok("eval", "--model", TinyRun.model().toString()).out();
        String copied = Cli.ok("eval", "--model", TinyRun.model().toString(), "--data", dir.toString(), "--kernels", "reference").out();
        assertTrue(copied.contains("data   " + dir + "/t10k: 1,000 images"), copied);
        String accuracyLine = bundled.lines().filter(l -> l.startsWith("test accuracy")).findFirst().orElseThrow();
        assertTrue(copied.contains(accuracyLine.substring(0, accuracyLine.indexOf(')') + 1)), bundled + "\n" + copied);
        int table = bundled.indexOf("class  precision");
        assertEquals(bundled.substring(table), copied.substring(copied.indexOf("class  precision")));
    }

    @Test
    void textShowsPerClassPrecisionRecallAndTheConfusionMatrix() {
        List<String> lines = Cli.ok("eval", "--model", TinyRun.model().toString()).lines();
        int header = lines.indexOf("class  precision   recall   images");
        assertTrue(header > 0, String.join("\n", lines));
        for (int c = 0; c < 10; c++) assertTrue(lines.get(header + 1 + c).trim().startsWith(c + " "), lines.get(header + 1 + c));
        int matrix = lines.indexOf("confusion matrix (rows: actual class, columns: predicted class)");
        assertEquals(12, lines.size() - matrix, "title, column header and ten rows");
    }

    @Test
    void aModelTrainedOnFashionMnistNamesItsClasses() throws IOException {
        Path model = TinyRun.withClassNames(dir.resolve("fashion.vecnn"), ClassNames.FASHION_MNIST);
        List<String> lines = Cli.ok("eval", "--model", model.toString()).lines();
        int header = lines.indexOf(lines.stream().filter(l -> l.matches("class name +precision +recall +images")).findFirst()
                .orElseThrow(() -> new AssertionError(String.join("\n", lines))));
        assertTrue(header > 0, String.join("\n", lines));
        assertTrue(lines.get(header + 1).matches("\\s+0 T-shirt/top +\\S+ +\\S+ +\\d+"), lines.get(header + 1));
        assertTrue(lines.get(header + 10).matches("\\s+9 Ankle boot +\\S+ +\\S+ +\\d+"), lines.get(header + 10));
        assertTrue(lines.get(lines.size() - 1).endsWith("  Ankle boot"), lines.get(lines.size() - 1));
        Map<?, ?> json = assertInstanceOf(Map.class, JsonOutput.parse(
                Cli.ok("eval", "--model", model.toString(), "--json").out()));
        assertEquals(ClassNames.FASHION_MNIST.names(), json.get("classNames"));
    }

    @Test
    void badModelsAndDataGetOneLineAndExitCodeOne() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.vecnn"), "not a model");
        byte[] good = Files.readAllBytes(TinyRun.model());
        good[good.length / 2] ^= 1;
        Path damaged = Files.write(dir.resolve("damaged.vecnn"), good);
        Object[][] cases = {
                {1, "no such file", new String[] {"eval", "--model", dir.resolve("none.vecnn").toString()}},
                {1, "not a vecnn model file", new String[] {"eval", "--model", garbage.toString()}},
                {1, "checksum mismatch", new String[] {"eval", "--model", damaged.toString()}},
                {1, "no test set", new String[] {"eval", "--model", TinyRun.model().toString(), "--data", dir.toString()}},
                {2, "Missing required option: '--model=FILE'", new String[] {"eval"}},
        };
        for (Object[] c : cases) {
            String[] args = (String[]) c[2];
            Cli.Run run = Cli.run(args);
            assertEquals(c[0], run.exitCode(), String.join(" ", args) + "\n" + run.err());
            assertTrue(run.errorLine().contains((String) c[1]), run.err());
        }
    }
}
