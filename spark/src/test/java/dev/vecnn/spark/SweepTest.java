package dev.vecnn.spark;

import dev.vecnn.engine.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A 4-run sweep on 300 of the bundled sample's digits, one of whose specs is bad, on local[2]. */
class SweepTest {
    private static final String GRID = """
            # three small networks and one with a typo, one epoch each
            spec = "conv(4,3) relu maxpool(2) flatten dense(10)", "flatten dense(16) relu dense(10)", \
            "flatten dense(10)", "conv(4,3) relu maxpol(2) flatten dense(10)"
            epochs = 1
            limit = 300   # a stratified subset
            batch-size = 32
            """;

    @Test
    void everyRunIsARowAndARerunSkipsTheFinishedOnes(@TempDir Path dir) throws Exception {
        Path grid = dir.resolve("grid.txt");
        Files.writeString(grid, GRID);
        Path out = dir.resolve("sweep");
        ResultsTable table = Sweep.run(LocalSpark.session(), grid.toString(), null, out.toUri().toString(), quiet());

        assertEquals(4, table.rows().size());
        assertEquals(List.of("spec", "epochs", "limit", "batch-size"), table.options());
        RunResult bad = table.rows().get(3);
        assertTrue(bad.error().contains("maxpol"), bad.error());
        assertNull(bad.model());
        for (RunResult good : table.rows().subList(0, 3)) {
            assertNull(good.error(), good.error());
            assertTrue(good.valAccuracy() > 0.1 && good.testAccuracy() > 0.1, good.toString());
            Path runDir = out.resolve(good.run());
            for (String file : List.of("last.vecnn", "best.vecnn", "metrics.csv", "result.json"))
                assertTrue(Files.isRegularFile(runDir.resolve(file)), runDir.resolve(file) + " missing");
            ModelFile.read(runDir.resolve("last.vecnn"));
        }
        for (int i = 1; i < 3; i++)
            assertTrue(table.rows().get(i - 1).valAccuracy() >= table.rows().get(i).valAccuracy(), "sorted by validation accuracy");
        List<String> csv = Files.readAllLines(out.resolve("results.csv"), StandardCharsets.UTF_8);
        assertEquals("run,spec,epochs,limit,batch-size,val_accuracy,test_accuracy,seconds,images_per_second,error", csv.get(0));
        assertEquals(5, csv.size());
        assertTrue(csv.get(4).contains("maxpol"), csv.get(4));

        // An interrupted sweep: one run's result is gone; the rerun trains that one only.
        RunResult redo = table.rows().get(1);
        Files.delete(out.resolve(redo.run()).resolve("result.json"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ResultsTable again = Sweep.run(LocalSpark.session(), grid.toString(), null, out.toUri().toString(),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("4 runs, 3 finished already, 1 to train"), log.toString());
        assertEquals(table.rows().stream().map(RunResult::run).toList(), again.rows().stream().map(RunResult::run).toList());
        RunResult retrained = again.rows().get(1);
        assertEquals(redo.valAccuracy(), retrained.valAccuracy(), "the same seed trains the same model");
        assertEquals(redo.testAccuracy(), retrained.testAccuracy());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
