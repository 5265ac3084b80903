package dev.vecnn.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code vecnn bench --infer} at tiny sizes: the structure of its output, never its timings. */
class InferBenchCommandTest {
    private static final String[] TINY = {"bench", "--infer", "--batch", "20", "--warmup", "1", "--batches", "3"};

    private static String[] tiny(String... more) {
        List<String> args = new ArrayList<>(List.of(TINY));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    private static double number(Map<?, ?> object, String key) {
        return assertInstanceOf(Double.class, object.get(key), key + " in " + object);
    }

    @Test
    void jsonGivesThroughputAndOneEntryPerLayerAsThePlanRunsIt() {
        Cli.Run run = Cli.ok(tiny("--json", "--threads", "2", "--kernels", "reference"));
        Map<?, ?> root = assertInstanceOf(Map.class, JsonOutput.parse(run.out()), run.out());
        assertEquals(List.of("imagesPerSecond", "gflops", "peakGflops", "batch", "threads"),
                List.copyOf(root.keySet()).subList(0, 5));
        assertTrue(number(root, "imagesPerSecond") > 0);
        assertTrue(number(root, "gflops") > 0);
        assertEquals(20.0, number(root, "batch"));
        assertEquals(2.0, number(root, "threads"));
        assertEquals(3.0, number(root, "batches"));
        double accuracy = number(root, "accuracy");
        assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
        assertEquals("reference", root.get("kernels"));
        List<String> rows = new ArrayList<>();
        double timed = 0;
        for (Object entry : assertInstanceOf(List.class, root.get("layers"))) {
            Map<?, ?> layer = assertInstanceOf(Map.class, entry);
            assertEquals(List.of("name", "pass", "seconds", "gflops"), List.copyOf(layer.keySet()).subList(0, 4));
            String name = assertInstanceOf(String.class, layer.get("name"));
            timed += number(layer, "seconds");
            if (name.startsWith("conv") || name.startsWith("dense")) assertTrue(number(layer, "gflops") > 0, name);
            rows.add(name + " " + layer.get("pass"));
        }
        // conv + relu + maxpool run as one layer each, channels-last; dense + relu as one.
        assertEquals(List.of("input load", "conv(32,3) relu maxpool(2) forward", "conv(64,3) relu maxpool(2) forward",
                "(NHWC to NCHW) forward", "flatten forward", "dense(128) relu forward", "dense(10) forward", "score loss"), rows);
        double wall = number(root, "secondsPerBatch") * number(root, "batches");
        assertTrue(timed <= 2 * wall + 1e-4 * rows.size(), timed + " thread-seconds timed in " + wall + " s on 2 threads");
    }

    @Test
    void aTrainedModelIsMeasuredOnItsOwnTestData() {
        Cli.Run run = Cli.ok(tiny("--threads", "1", "--model", TinyRun.model().toString()));
        List<String> lines = run.lines();
        assertTrue(lines.get(0).startsWith("network     " + TinyRun.SPEC + " (" + TinyRun.model()), run.out());
        assertTrue(lines.get(1).startsWith("data        mnist-sample/t10k: 1,000 test images 1x28x28, accuracy "), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("throughput  ") && l.contains(" images/s")), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("compute     ") && l.contains("of peak")), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.contains("conv(4,3) relu maxpool(2)")), run.out());
        assertTrue(lines.get(lines.size() - 1).contains("(untimed: waiting, hand-off)"), run.out());
    }

    @Test
    void badOptionsGetOneLineAndTheUsageExitCode() {
        for (String[] args : List.of(tiny("--train"), tiny("--quick"), tiny("--batches", "0"), tiny("--batch", "5000"),
                new String[] {"bench", "--model", "m.vecnn"}, new String[] {"bench", "--train", "--model", "m.vecnn"})) {
            Cli.Run run = Cli.run(args);
            assertEquals(2, run.exitCode(), String.join(" ", args));
            assertTrue(run.errorLine().contains("--"), run.err());
            assertEquals("", run.out());
        }
    }
}
