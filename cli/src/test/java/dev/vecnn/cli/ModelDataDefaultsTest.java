package dev.vecnn.cli;

import dev.vecnn.engine.data.DataSource;
import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.train.RunSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** eval and predict default to the data a model was trained on, and take a run directory as --model. */
class ModelDataDefaultsTest {
    @TempDir
    Path dir;

    /** The bundled sample's two test files copied into {@code directory}: an MNIST-layout data directory. */
    private static Path testFilesIn(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (String name : List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"))
            try (InputStream in = DataSource.class.getResourceAsStream("mnist-sample/" + name)) {
                Files.copy(in, directory.resolve(name));
            }
        return directory;
    }

    private Path modelTrainedOn(Path data) throws IOException {
        Map<String, String> options = new HashMap<>(ModelFile.read(TinyRun.model()).options());
        options.put(RunSettings.DATA, data.toAbsolutePath().toString());
        return TinyRun.withOptions(dir.resolve("model.vecnn"), options);
    }

    @Test
    void evalUsesTheDirectoryTheModelWasTrainedOnAndSaysSo() throws IOException {
        Path data = testFilesIn(dir.resolve("digits"));
        String out = Cli.ok("eval", "--model", modelTrainedOn(data).toString()).out();
        assertTrue(out.contains("data   " + data.toAbsolutePath() + "/t10k: 1,000 images (the data the model was trained on)"), out);
    }

    @Test
    void aModelWithoutARecordedDirectoryWasTrainedOnTheBundledSample() {
        String out = Cli.ok("eval", "--model", TinyRun.model().toString()).out();
        assertTrue(out.contains("data   mnist-sample/t10k: 1,000 images (the bundled MNIST sample, which the model was "
                + "trained on"), out);
    }

    @Test
    void aDirectoryThatIsGoneAsksForData() throws IOException {
        Path model = modelTrainedOn(dir.resolve("gone-since"));
        Cli.Run run = Cli.run("eval", "--model", model.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("vecnn: the model was trained on " + dir.resolve("gone-since").toAbsolutePath() + ", which no longer "
                + "exists: give the test images with --data DIR", run.errorLine());
        Path data = testFilesIn(dir.resolve("here"));
        assertTrue(Cli.ok("eval", "--model", model.toString(), "--data", data.toString()).out().contains("(--data)"));
    }

    @Test
    void predictUsesTheSameDefault() throws IOException {
        Path data = testFilesIn(dir.resolve("digits"));
        String out = Cli.ok("predict", "--model", modelTrainedOn(data).toString(), "--index", "0").out();
        assertTrue(out.contains("data   " + data.toAbsolutePath() + "/t10k (the data the model was trained on)"), out);
    }

    @Test
    void aRunDirectoryStandsForItsBestModelElseItsLast() throws IOException {
        String fromDirectory = Cli.ok("eval", "--model", TinyRun.directory().toString()).out();
        assertTrue(fromDirectory.startsWith("model  " + TinyRun.directory().resolve("best.vecnn") + ": "), fromDirectory);
        Path onlyLast = Files.createDirectories(dir.resolve("run"));
        Files.copy(TinyRun.directory().resolve("last.vecnn"), onlyLast.resolve("last.vecnn"));
        assertTrue(Cli.ok("eval", "--model", onlyLast.toString()).out().startsWith("model  " + onlyLast.resolve("last.vecnn")));
        Cli.Run empty = Cli.run("eval", "--model", dir.toString());
        assertEquals(1, empty.exitCode());
        assertTrue(empty.errorLine().contains("a directory without best.vecnn or last.vecnn"), empty.err());
    }
}
