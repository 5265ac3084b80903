package dev.vecnn.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code vecnn bench --train} at tiny sizes: the structure of its output, never its timings. */
class TrainBenchCommandTest {
    private static final String[] TINY = {"bench", "--train", "--batch", "16", "--warmup", "1", "--batches", "3"};

    private static String[] tiny(String... more) {
        List<String> args = new ArrayList<>(List.of(TINY));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    private static double number(Map<?, ?> object, String key) {
        return assertInstanceOf(Double.class, object.get(key), key + " in " + object);
    }

    @Test
    void jsonGivesThroughputAllocationAndOneEntryPerLayerPass() {
        Cli.Run run = Cli.ok(tiny("--json", "--threads", "2", "--kernels", "reference"));
        Map<?, ?> root = assertInstanceOf(Map.class, JsonOutput.parse(run.out()), run.out());
        assertEquals(List.of("imagesPerSecond", "gflops", "peakGflops", "allocatedBytesPerBatch", "gcCount",
                "secondsPerBatch", "flopsPerImage", "threads", "batchSize", "batches", "warmup", "kernels", "vectorBits",
                "spec", "data", "layers"), List.copyOf(root.keySet()));
        assertEquals(0.0, number(root, "vectorBits"), "the reference loops have no vectors");
        assertTrue(number(root, "imagesPerSecond") > 0);
        assertTrue(number(root, "gflops") > 0);
        assertTrue(number(root, "allocatedBytesPerBatch") >= 0);
        double gcCount = number(root, "gcCount");
        assertTrue(gcCount >= 0 && gcCount == Math.rint(gcCount), "gcCount " + gcCount);
        assertEquals(2.0, number(root, "threads"));
        assertEquals(16.0, number(root, "batchSize"));
        assertEquals(3.0, number(root, "batches"));
        assertEquals("reference", root.get("kernels"));

        List<String> rows = new ArrayList<>();
        double timed = 0;
        for (Object entry : assertInstanceOf(List.class, root.get("layers"))) {
            Map<?, ?> layer = assertInstanceOf(Map.class, entry);
            assertEquals(List.of("name", "pass", "seconds", "gflops"), List.copyOf(layer.keySet()).subList(0, 4));
            String name = assertInstanceOf(String.class, layer.get("name"));
            String pass = assertInstanceOf(String.class, layer.get("pass"));
            timed += number(layer, "seconds");
            if (name.startsWith("conv") || name.startsWith("dense")) number(layer, "gflops");
            rows.add(name + " " + pass);
        }
        // Each convolution runs fused with its "relu maxpool(2)", channels-last up to flatten.
        assertEquals(List.of("input load", "conv(32,3) relu maxpool(2) forward", "conv(64,3) relu maxpool(2) forward", "(NHWC to NCHW) forward", "flatten forward", "dense(128) forward",
                "relu forward", "dense(10) forward", "crossentropy loss", "dense(10) backward-weights",
                "dense(10) backward-data", "relu backward-data", "dense(128) backward-weights",
                "dense(128) backward-data", "flatten backward-data", "(NHWC to NCHW) backward-data",
                "conv(64,3) relu maxpool(2) backward-weights", "conv(64,3) relu maxpool(2) backward-data",
                "conv(32,3) relu maxpool(2) backward-weights",
                "gradients gradient-reduction", "adam optimizer"), rows);
        double wall = number(root, "secondsPerBatch") * number(root, "batches");
        // Printed with six decimals: allow their rounding.
        assertTrue(timed <= 2 * wall + 1e-4 * rows.size(), timed + " thread-seconds timed in " + wall + " s on 2 threads");
    }

    @Test
    void theTableShowsTheFiguresThenOneRowPerLayerPass() {
        Cli.Run run = Cli.ok(tiny("--threads", "1"));
        List<String> lines = run.lines();
        assertTrue(lines.get(0).startsWith("network     conv(32,3) relu maxpool(2)"), run.out());
        assertTrue(lines.get(1).startsWith("data        mnist-sample/train: 8,000 training images 1x28x28"), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("throughput  ") && l.contains(" images/s")), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("compute     ") && l.contains("of peak")), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("memory      ") && l.contains("garbage collection")), run.out());
        int header = lines.indexOf(lines.stream().filter(l -> l.contains("thread-s") && l.contains("% of step")
                && l.contains("GFLOP/s") && l.contains("pass")).reduce((a, b) -> b).orElseThrow());
        List<String> rows = lines.subList(header + 1, lines.size());
        assertEquals(22, rows.size(), run.out());
        assertTrue(rows.get(1).matches("\\s+1\\s+conv\\(32,3\\) relu maxpool\\(2\\)\\s+forward\\s+.*"), rows.get(1));
        assertTrue(rows.get(18).matches("\\s+1\\s+conv\\(32,3\\) relu maxpool\\(2\\)\\s+backward-weights\\s+.*"),
                rows.get(18));
        assertTrue(rows.get(21).contains("(untimed)"), rows.get(21));
        // The pass column starts at the same place on every row, the fused conv2's longer name included.
        int passColumn = lines.get(header).indexOf("pass");
        for (String row : rows)
            assertTrue(row.charAt(passColumn - 1) == ' ' && row.charAt(passColumn) != ' ', "pass column misplaced:\n" + run.out());
    }

    @Test
    void badOptionsGetOneLineAndTheUsageExitCode() {
        for (String[] args : List.of(tiny("--batches", "0"), tiny("--warmup", "-1"), tiny("--kernels", "fast"),
                tiny("--threads", "0"), tiny("--only", "gemm"), tiny("--quick"), tiny("--batch", "9000"),
                new String[] {"bench", "--batches", "5"}, new String[] {"bench", "--data", "somewhere"})) {
            Cli.Run run = Cli.run(args);
            assertEquals(2, run.exitCode(), String.join(" ", args));
            assertTrue(run.errorLine().contains("--"), run.err());
            assertEquals("", run.out());
        }
    }

    @Test
    void aMissingDataDirectoryIsOneLineAndExitCodeOne(@TempDir Path dir) {
        Cli.Run run = Cli.run(tiny("--data", dir.resolve("nowhere").toString()));
        assertEquals(1, run.exitCode());
        assertTrue(run.errorLine().contains("no such directory"), run.err());
        assertFalse(run.out().contains("throughput"));
    }

    @Test
    void aDirectoryWithoutTrainingImagesIsOneLineAndExitCodeOne(@TempDir Path dir) {
        Cli.Run run = Cli.run(tiny("--data", dir.toString()));
        assertEquals(1, run.exitCode());
        assertTrue(run.errorLine().contains("no training set"), run.err());
    }
}
