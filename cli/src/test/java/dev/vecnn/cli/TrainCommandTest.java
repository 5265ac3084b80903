package dev.vecnn.cli;

import dev.vecnn.engine.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainCommandTest {
    private static final Pattern TEST_ACCURACY = Pattern.compile("test accuracy (\\d+\\.\\d\\d)% .* model (\\S+)");

    @TempDir
    Path dir;

    @Test
    void writesCheckpointsAndMetricsAndReportsTheTestAccuracy() throws IOException {
        Path run = TinyRun.directory();
        assertTrue(Files.size(run.resolve("last.vecnn")) > 0);
        assertTrue(Files.size(run.resolve("best.vecnn")) > 0);
        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(List.of("epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "lr", "seconds",
                "images_per_second", "lr_first"), List.of(csv.get(0).split(",")));
        assertEquals(3, csv.size(), String.join("\n", csv));
        for (int epoch = 1; epoch <= 2; epoch++) {
            String[] row = csv.get(epoch).split(",");
            assertEquals(9, row.length, csv.get(epoch));
            assertEquals(Integer.toString(epoch), row[0]);
            for (int c = 1; c < 9; c++) assertTrue(Double.parseDouble(row[c]) >= 0, csv.get(epoch));
            assertTrue(Double.parseDouble(row[8]) > Double.parseDouble(row[5]), "the cosine falls within an epoch: " + csv.get(epoch));
        }
        assertEquals(0.01, Double.parseDouble(csv.get(1).split(",")[8]), 1e-9, "the first step runs at --lr");
        double lr1 = Double.parseDouble(csv.get(1).split(",")[5]), lr2 = Double.parseDouble(csv.get(2).split(",")[5]);
        assertTrue(0 <= lr2 && lr2 < lr1 && lr1 < 0.01, "the default cosine schedule decays from --lr 0.01: " + lr1 + ", " + lr2);
        assertTrue(Double.parseDouble(csv.get(2).split(",")[2]) > 0.5, "the tiny network learns: " + csv.get(2));
        String out = TinyRun.output();
        assertTrue(out.contains("data      mnist-sample: 300 training, 100 validation, 1,000 test images"), out);
        assertTrue(out.contains("loss      crossentropy (label smoothing 0.1), augmentation " + TrainCommand.SAMPLE_AUGMENTATION + "\n"), out);
        assertTrue(out.contains("epoch 2/2  loss "), out);
        assertTrue(TEST_ACCURACY.matcher(out).find(), out);
        assertTrue(out.contains(run.resolve("metrics.csv").toString()), out);
    }

    @Test
    void evalReproducesTheTestAccuracyTrainPrinted() {
        Matcher printed = TEST_ACCURACY.matcher(TinyRun.output());
        assertTrue(printed.find(), TinyRun.output());
        Cli.Run eval = Cli.ok("eval", "--model", printed.group(2), "--json");
        Map<?, ?> json = assertInstanceOf(Map.class, JsonOutput.parse(eval.out()));
        assertEquals(printed.group(1), String.format(java.util.Locale.ROOT, "%.2f", 100 * (Double) json.get("accuracy")));
        assertTrue(Cli.ok("eval", "--model", printed.group(2)).out().contains("test accuracy " + printed.group(1) + "% "));
    }

    @Test
    void jsonLinesDescribeTheStartEveryEpochAndTheEnd() {
        Cli.Run run = Cli.ok(TinyRun.args(dir.resolve("run"), 1, "--json"));
        List<String> lines = run.lines();
        assertEquals(3, lines.size(), run.out());
        Map<?, ?> start = assertInstanceOf(Map.class, JsonOutput.parse(lines.get(0)));
        Map<?, ?> epoch = assertInstanceOf(Map.class, JsonOutput.parse(lines.get(1)));
        Map<?, ?> end = assertInstanceOf(Map.class, JsonOutput.parse(lines.get(2)));
        assertEquals("start", start.get("event"));
        assertEquals(TinyRun.SPEC, start.get("spec"));
        assertEquals(300.0, start.get("train"));
        assertEquals(List.of("event", "spec", "parameters", "mflops", "input", "data", "train", "validation", "test",
                "firstEpoch", "epochs", "batchSize", "chunkSize", "optimizer", "lr", "momentum", "beta1", "beta2", "eps", "weightDecay",
                "schedule", "seed", "threads", "kernels", "vectorBits", "out", "loss", "labelSmoothing", "augment", "patience"),
                List.copyOf(start.keySet()));
        assertEquals(TrainCommand.SAMPLE_AUGMENTATION, start.get("augment"));
        assertEquals("crossentropy", start.get("loss"));
        assertEquals(0.01, start.get("lr"), "the lr as given, not rounded");
        assertEquals(0.0, start.get("weightDecay"));
        assertEquals(0.999, start.get("beta2"));
        assertTrue(start.containsKey("momentum") && start.get("momentum") == null, "adam has no momentum: " + start);
        assertEquals(List.of("event", "epoch", "trainLoss", "trainAccuracy", "valLoss", "valAccuracy", "lr", "seconds",
                "imagesPerSecond", "best"), List.copyOf(epoch.keySet()));
        assertEquals(1.0, epoch.get("epoch"));
        assertTrue((Double) epoch.get("seconds") > 0 && (Double) epoch.get("imagesPerSecond") > 0, lines.get(1));
        assertTrue((Double) epoch.get("lr") > 0 && (Double) epoch.get("lr") <= 0.01, lines.get(1));
        assertEquals("end", end.get("event"));
        assertEquals(List.of("event", "testAccuracy", "testLoss", "testCount", "evalImagesPerSecond", "model", "bestEpoch",
                "epochs", "secondsPerEpoch", "imagesPerSecond", "last", "best", "metrics"), List.copyOf(end.keySet()));
        for (String key : List.of("testAccuracy", "testLoss", "testCount", "evalImagesPerSecond", "secondsPerEpoch",
                "imagesPerSecond"))
            assertInstanceOf(Double.class, end.get(key), key);
        assertEquals(1000.0, end.get("testCount"));
        assertEquals(dir.resolve("run/best.vecnn").toString(), end.get("model"));
    }

    @Test
    void oneAndTwoThreadsWriteByteIdenticalModelFiles() throws IOException {
        Cli.ok(TinyRun.args(dir.resolve("one"), 1, "--threads", "1"));
        Cli.ok(TinyRun.args(dir.resolve("two"), 1, "--threads", "2"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("one/last.vecnn")), Files.readAllBytes(dir.resolve("two/last.vecnn")));
    }

    @Test
    void aResumedRunEndsWithTheModelOfAnUninterruptedOne() throws IOException {
        // Reference kernels: plain Java, whose bits never depend on when the JIT compiles them. A constant
        // rate: a cosine schedule spans the run, so one trained for 1 epoch and extended differs from one of 2.
        Path straight = dir.resolve("straight");
        Cli.ok(TinyRun.args(straight, 2, "--kernels", "reference", "--schedule", "constant"));
        Path interrupted = dir.resolve("interrupted");
        Cli.ok(TinyRun.args(interrupted, 1, "--kernels", "reference", "--schedule", "constant"));
        Cli.Run resumed = Cli.ok("train", "--resume", "--out", interrupted.toString(), "--epochs", "2", "--threads", "1",
                "--kernels", "reference");
        assertTrue(resumed.out().contains("training  epochs 2 to 2 (resumed)"), resumed.out());
        assertArrayEquals(Files.readAllBytes(straight.resolve("last.vecnn")), Files.readAllBytes(interrupted.resolve("last.vecnn")));
        assertArrayEquals(Files.readAllBytes(straight.resolve("best.vecnn")), Files.readAllBytes(interrupted.resolve("best.vecnn")));
        assertEquals(metricsWithoutTimes(straight), metricsWithoutTimes(interrupted));
    }

    /** The rows of a run's metrics.csv without their columns of seconds and images/s (the 7th and 8th). */
    static List<String> metricsWithoutTimes(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.csv")).stream().map(TrainCommandTest::withoutTimes).toList();
    }

    private static String withoutTimes(String row) {
        List<String> columns = new java.util.ArrayList<>(List.of(row.split(",", -1)));
        if (columns.size() > 8) columns.subList(6, 8).clear();
        return String.join(",", columns);
    }

    @Test
    void aResumedCosineWithMoreEpochsContinuesFromItsRate() throws IOException {
        Path run = dir.resolve("run");
        Cli.ok(TinyRun.args(run, 1, "--kernels", "reference", "--augment", "none"));
        // Make it a 2-epoch run that stopped after its first epoch.
        ModelFile.Contents saved = ModelFile.read(run.resolve("last.vecnn"));
        Map<String, String> options = new HashMap<>(saved.options());
        options.put("epochs", "2");
        ModelFile.write(run.resolve("last.vecnn"), new ModelFile.Contents(saved.spec(), saved.inputShape(), saved.classes(),
                saved.parameters(), saved.optimizerState(), saved.epoch(), saved.step(), saved.rngState(), options));
        Cli.ok("train", "--resume", "--out", run.toString(), "--epochs", "4", "--threads", "1", "--kernels", "reference");
        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(5, csv.size(), String.join("\n", csv));
        double[] first = new double[5], last = new double[5];
        for (int epoch = 1; epoch <= 4; epoch++) {
            String[] row = csv.get(epoch).split(",");
            last[epoch] = Double.parseDouble(row[5]);
            first[epoch] = Double.parseDouble(row[8]);
        }
        // Resumed after epoch 1 of a 2-epoch cosine (at half the rate), for 4: the rate goes on falling from there.
        assertEquals(0.005, first[2], 0.0005, String.join("\n", csv));
        for (int epoch = 2; epoch <= 4; epoch++) assertTrue(last[epoch] <= first[epoch], String.join("\n", csv));
        for (int epoch = 3; epoch <= 4; epoch++) assertTrue(first[epoch] <= last[epoch - 1], String.join("\n", csv));
        assertTrue(last[4] < 1e-4, "the cosine still ends near 0: " + last[4]);
        // A finished cosine stands at 0, where more epochs would change nothing.
        Cli.Run finished = Cli.run("train", "--resume", "--out", run.toString(), "--epochs", "6");
        assertEquals(2, finished.exitCode(), finished.err());
        assertTrue(finished.errorLine().contains("at a learning rate of 0, where its cosine(min=0.0) schedule ended"), finished.err());
    }

    @Test
    void trainingOptionsReachTheTrainer() throws IOException {
        Path run = dir.resolve("run");
        String out = Cli.ok(TinyRun.args(run, 1, "--loss", "mse", "--label-smoothing", "0.1", "--augment", "flip erase(0.5)",
                "--patience", "2", "--optimizer", "nesterov", "--momentum", "0.8")).out();
        assertTrue(out.contains("nesterov lr 0.01 (momentum 0.8, weight decay 0)"), out);
        assertTrue(out.contains("loss      mse (label smoothing 0.1), augmentation flip erase(0.5), patience 2 epochs"), out);
        Map<String, String> options = ModelFile.read(run.resolve("last.vecnn")).options();
        assertEquals("mse", options.get("loss"));
        assertEquals("0.1", options.get("label-smoothing"));
        assertEquals("flip erase(0.5)", options.get("augment"));
        assertEquals("2", options.get("patience"));
        assertEquals("0.8", options.get("momentum"));
        String none = Cli.ok(TinyRun.args(dir.resolve("none"), 1, "--augment", "none")).out();
        assertTrue(none.contains("augmentation none"), none);
    }

    @Test
    void patienceStopsTheRunAndSaysWhy() {
        // A rate so small that the validation accuracy cannot move after the first epoch.
        String[] tiny = {"train", "--spec", TinyRun.SPEC, "--limit", "400", "--val-split", "0.25", "--epochs", "10",
                "--batch-size", "32", "--lr", "1e-12", "--schedule", "constant", "--patience", "2"};
        Cli.Run run = Cli.ok(concat(tiny, "--out", dir.resolve("run").toString()));
        assertTrue(run.out().contains("stopped   after epoch 3: the validation accuracy has not beaten epoch 1's "), run.out());
        assertTrue(run.out().contains(" for 2 epochs (--patience 2)"), run.out());
        assertFalse(run.out().contains("epoch 4/10"), run.out());
        assertTrue(run.out().contains("test accuracy"), run.out());
        Cli.Run json = Cli.ok(concat(tiny, "--out", dir.resolve("json").toString(), "--json"));
        Map<?, ?> stopped = assertInstanceOf(Map.class, JsonOutput.parse(json.lines().get(4)));
        assertEquals("stopped", stopped.get("event"));
        assertEquals(3.0, stopped.get("epoch"));
        assertEquals(1.0, stopped.get("bestEpoch"));
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void aDirectoryWithoutTestFilesTrainsAndSkipsTheTest() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        for (String name : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"))
            try (java.io.InputStream in = dev.vecnn.engine.data.DataSource.class.getResourceAsStream("mnist-sample/" + name)) {
                Files.copy(in, data.resolve(name));
            }
        Cli.Run run = Cli.ok(TinyRun.args(dir.resolve("run"), 1, "--data", data.toString()));
        assertTrue(run.out().contains("300 training, 100 validation, 0 test images"), run.out());
        assertTrue(run.out().contains("test      skipped: " + data + " has no test files"), run.out());
        assertTrue(run.out().contains("augmentation none"), "no augmentation by default with --data: " + run.out());
        Cli.Run json = Cli.ok(TinyRun.args(dir.resolve("json"), 1, "--data", data.toString(), "--json"));
        Map<?, ?> end = assertInstanceOf(Map.class, JsonOutput.parse(json.lines().get(2)));
        assertEquals(0.0, end.get("testCount"));
        assertTrue(end.containsKey("testAccuracy") && end.get("testAccuracy") == null, end.toString());
    }

    @Test
    void optionsCanComeFromAnAtFile() throws IOException {
        Path options = Files.writeString(dir.resolve("options.txt"), """
                # a vecnn train configuration
                --spec "%s"
                --limit 400 --val-split 0.25
                --epochs 1 --batch-size 32 --lr 0.01
                --out %s
                """.formatted(TinyRun.SPEC, dir.resolve("run")));
        Cli.Run run = Cli.ok("train", "@" + options, "--seed", "5");
        assertTrue(run.out().contains("network   " + TinyRun.SPEC), run.out());
        assertTrue(run.out().contains("training  1 epoch of batch 32, adam lr 0.01 (betas 0.9, 0.999, eps 1E-8, weight decay 0), "
                + "cosine(min=0.0) schedule, seed 5, chunks of 32"), run.out());
        assertTrue(Files.exists(dir.resolve("run/last.vecnn")));
    }

    @Test
    void aDivergingRunStopsWithOneLineAndKeepsTheLastGoodCheckpoint() throws IOException {
        Path run = dir.resolve("run");
        // A constant rate: a finished cosine would continue at 0, where nothing diverges.
        Cli.ok(TinyRun.args(run, 1, "--schedule", "constant"));
        // Make the saved learning rate absurd: the resumed epoch blows up within a few batches.
        ModelFile.Contents saved = ModelFile.read(run.resolve("last.vecnn"));
        Map<String, String> options = new HashMap<>(saved.options());
        options.put("lr", "1e30");
        ModelFile.write(run.resolve("last.vecnn"), new ModelFile.Contents(saved.spec(), saved.inputShape(), saved.classes(),
                saved.parameters(), saved.optimizerState(), saved.epoch(), saved.step(), saved.rngState(), options));
        byte[] lastGood = Files.readAllBytes(run.resolve("last.vecnn"));

        Cli.Run diverged = Cli.run("train", "--resume", "--out", run.toString(), "--epochs", "2");
        assertEquals(1, diverged.exitCode(), diverged.err());
        String line = diverged.errorLine();
        assertTrue(line.matches("vecnn: training diverged: the loss became .* at epoch 2, batch \\d+ of 10 .*"), line);
        assertTrue(line.endsWith("the last good checkpoint stays in " + run.resolve("last.vecnn")), line);
        assertArrayEquals(lastGood, Files.readAllBytes(run.resolve("last.vecnn")));
        assertEquals(2, Files.readAllLines(run.resolve("metrics.csv")).size());
    }

    @Test
    void aRunThatDivergesInItsFirstEpochLeavesNoDirectory() {
        Path run = dir.resolve("never");
        Cli.Run diverged = Cli.run(TinyRun.args(run, 1, "--optimizer", "sgd", "--lr", "1e30", "--json"));
        assertEquals(1, diverged.exitCode(), diverged.err());
        assertTrue(diverged.errorLine().endsWith("no epoch had completed, so nothing was saved"), diverged.err());
        List<String> lines = diverged.lines();
        Map<?, ?> error = JsonOutput.object(lines.get(lines.size() - 1));
        assertEquals(List.of("event", "message", "kept"), List.copyOf(error.keySet()));
        assertEquals("error", error.get("event"));
        assertFalse(Files.exists(run), "no empty run directory");
    }

    @Test
    void aNetworkWithTheWrongClassCountIsRefusedBeforeTheRunStarts() {
        Path run = dir.resolve("wrong");
        Cli.Run refused = Cli.run("train", "--spec", "flatten dense(5)", "--out", run.toString());
        assertEquals(2, refused.exitCode(), refused.err());
        assertEquals("", refused.out(), "no header, no 'writing'");
        assertTrue(refused.errorLine().startsWith("vecnn: the network ends in 5 outputs but mnist-sample has 10 classes: "
                + "end the spec with dense(10)"), refused.err());
        assertFalse(Files.exists(run));
    }

    @Test
    void aNewRunNeverOverwritesASavedOne() throws IOException {
        Path run = TinyRun.directory();
        byte[] before = Files.readAllBytes(run.resolve("last.vecnn"));
        Cli.Run again = Cli.run(TinyRun.args(run, 2));
        assertEquals(1, again.exitCode());
        assertTrue(again.errorLine().contains("already holds a training run"), again.err());
        assertArrayEquals(before, Files.readAllBytes(run.resolve("last.vecnn")));
    }

    @Test
    void userMistakesGetOneLineAndTheRightExitCode() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path out = dir.resolve("out");
        Path notADirectory = Files.writeString(dir.resolve("file"), "a file where the output directory should go");
        Object[][] cases = {
                {2, "spec error at 'convv(3)'", new String[] {"train", "--spec", "conv(4,3) convv(3) flatten dense(10)", "--out", out.toString()}},
                {2, "window 9x9 is larger than", new String[] {"train", "--spec", "conv(4,3) maxpool(9) maxpool(9) flatten dense(10)", "--out", out.toString()}},
                {1, "missing.txt: no such file", new String[] {"train", "--spec-file", dir.resolve("missing.txt").toString(), "--out", out.toString()}},
                {1, "no such directory", new String[] {"train", "--data", dir.resolve("nowhere").toString(), "--out", out.toString()}},
                {1, "no training set", new String[] {"train", "--data", empty.toString(), "--out", out.toString()}},
                {2, "unknown optimizer 'adamax'", new String[] {"train", "--optimizer", "adamax"}},
                {2, "epochs must be at least 1", new String[] {"train", "--epochs", "0"}},
                {2, "validation split must lie in [0, 1)", new String[] {"train", "--val-split", "1.5"}},
                {2, "--threads must be between 1 and", new String[] {"train", "--threads", "0"}},
                {2, "--kernels must be simd or reference", new String[] {"train", "--kernels", "fast"}},
                {2, "unknown schedule 'warp'", new String[] {"train", "--schedule", "warp(3)"}},
                {2, "cosine's min 0.01 is not below the learning rate 0.002", new String[] {"train", "--schedule", "cosine(min=0.01)"}},
                {2, "gamma must lie in (0, 1], not 0", new String[] {"train", "--schedule", "exp(0)"}},
                {2, "unknown augmentation 'twist'", new String[] {"train", "--augment", "twist(3)"}},
                {2, "unknown loss 'hinge'", new String[] {"train", "--loss", "hinge"}},
                {2, "label smoothing must lie in [0, 1)", new String[] {"train", "--label-smoothing", "1"}},
                {2, "--momentum is for --optimizer momentum or nesterov, not adam", new String[] {"train", "--momentum", "0.5"}},
                {2, "momentum must lie in [0, 1)", new String[] {"train", "--optimizer", "momentum", "--momentum", "1"}},
                {2, "--patience needs validation images", new String[] {"train", "--patience", "3", "--val-split", "0"}},
                {2, "patience must be at least 0", new String[] {"train", "--patience", "-1"}},
                {2, "'x'", new String[] {"train", "--epochs", "x"}},
                {2, "--spec", new String[] {"train", "--spec", "dense(10)", "--spec-file", "f"}},
                {2, "cannot downscale", new String[] {"train", "--downscale", "40", "--out", out.toString()}},
                {2, "--downscale must be at least 1, not 0 (leave it out to keep the images' size)",
                        new String[] {"train", "--downscale", "0", "--out", out.toString()}},
                {2, "--limit must be at least 1, not 0 (leave it out to train on every image)",
                        new String[] {"train", "--limit", "0", "--out", out.toString()}},
                {2, "--limit must be at least 1, not -5", new String[] {"train", "--limit", "-5", "--out", out.toString()}},
                {2, "a limit of 9,000 training images is more than the 8,000 that mnist-sample holds",
                        new String[] {"train", "--limit", "9000", "--out", out.toString()}},
                {2, "--resume needs --out DIR", new String[] {"train", "--resume"}},
                {1, "no checkpoint to resume from", new String[] {"train", "--resume", "--out", empty.toString()}},
                {2, "--lr cannot be given with --resume", new String[] {"train", "--resume", "--out", empty.toString(), "--lr", "0.1"}},
                {2, "has already trained 2 of 2 epochs", new String[] {"train", "--resume", "--out", TinyRun.directory().toString()}},
                {2, "unknown option '--learning-rate'", new String[] {"train", "--learning-rate", "0.1"}},
                {1, notADirectory + "/run: cannot be written (", new String[] {"train", "--spec", TinyRun.SPEC, "--limit", "100",
                        "--out", notADirectory.resolve("run").toString()}},
        };
        for (Object[] c : cases) {
            String[] args = (String[]) c[2];
            Cli.Run run = Cli.run(args);
            String what = String.join(" ", args);
            assertEquals(c[0], run.exitCode(), what + "\n" + run.err());
            assertTrue(run.errorLine().contains((String) c[1]), what + "\n" + run.err());
            assertEquals("", run.out(), what);
        }
        assertFalse(Files.exists(out), "a rejected run leaves no output directory behind");
    }
}
