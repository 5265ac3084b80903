package dev.vecnn.spark;

import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.train.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data-parallel training on local[2], on 400 of the bundled sample's digits: two workers learn and
 * give the same model file on a rerun; one worker is vecnn train, bit for bit; and a checkpoint of
 * either continues with the other.
 */
class DataParallelTest {
    private static final String SPEC = "conv(4,3) relu maxpool(2) flatten dense(10)";
    /** vecnn train's options for the runs compared with it (its default augmentation on the bundled sample is vecnn-spark's none). */
    private static final List<String> VECNN_TRAIN = List.of("--limit", "400", "--spec", SPEC, "--batch-size", "32",
            "--schedule", "constant", "--augment", "none", "--threads", "1", "--no-plots");

    @TempDir
    Path dir;

    @Test
    void twoWorkersLearnAndARerunGivesTheSameModel() throws IOException {
        Map<String, String> options = Map.of("limit", "400", "spec", SPEC, "epochs", "3", "batch-size", "32");
        DataParallelResult first = train(dir.resolve("first"), options, 2, 2);
        DataParallelResult again = train(dir.resolve("again"), options, 2, 2);

        assertEquals(3, first.epochs().size());
        double firstLoss = loss(first.epochs().get(0)), lastLoss = loss(first.epochs().get(2));
        assertTrue(lastLoss < 0.8 * firstLoss, "the training loss falls: " + first.epochs());
        assertTrue(first.testAccuracy() > 0.5, "test accuracy " + first.testAccuracy());
        for (String file : List.of(RunDirectory.LAST, RunDirectory.BEST))
            assertEquals(-1, Files.mismatch(dir.resolve("first").resolve(file), dir.resolve("again").resolve(file)),
                    file + " differs on a rerun with the same seed, workers and --sync-every");
        assertEquals(first.epochs().stream().map(DataParallelTest::withoutTimes).toList(),
                again.epochs().stream().map(DataParallelTest::withoutTimes).toList());
    }

    @Test
    void oneWorkerTrainsAsVecnnTrainAndCheckpointsContinueWithEither() throws IOException {
        Map<String, String> options = Map.of("limit", "400", "spec", SPEC, "epochs", "1", "batch-size", "32",
                "schedule", "constant");
        // The reference: vecnn train for one epoch, continued by vecnn train for a second.
        Path vecnn = dir.resolve("vecnn");
        vecnnTrain(vecnn, "--epochs", "1");
        Path sparkFirst = dir.resolve("spark-first");
        train(sparkFirst, options, 1, 3);
        assertEquals(-1, Files.mismatch(vecnn.resolve(RunDirectory.LAST), sparkFirst.resolve(RunDirectory.LAST)),
                "one worker trains vecnn train's model");
        Path vecnnFirst = copy(vecnn, dir.resolve("vecnn-first"));
        VecnnCli.run("train", "--resume", "--out", vecnn.toString(), "--epochs", "2", "--threads", "1", "--no-plots");

        // vecnn-spark's checkpoint, continued by vecnn train; vecnn train's, continued by vecnn-spark.
        VecnnCli.run("train", "--resume", "--out", sparkFirst.toString(), "--epochs", "2", "--threads", "1", "--no-plots");
        Path vecnnThenSpark = copy(vecnnFirst, dir.resolve("vecnn-then-spark"));
        resume(vecnnThenSpark, 1, 2);
        for (Path continued : List.of(sparkFirst, vecnnThenSpark))
            assertEquals(-1, Files.mismatch(vecnn.resolve(RunDirectory.LAST), continued.resolve(RunDirectory.LAST)),
                    continued + ": the continued run is vecnn train's");
        assertEquals(Files.readAllLines(vecnn.resolve(RunDirectory.METRICS)).stream().map(DataParallelTest::withoutTimes).toList(),
                Files.readAllLines(vecnnThenSpark.resolve(RunDirectory.METRICS)).stream().map(DataParallelTest::withoutTimes).toList());

        // Two workers continue vecnn train's checkpoint too, and vecnn train theirs.
        Path twoWorkers = copy(vecnnFirst, dir.resolve("two-workers"));
        DataParallelResult resumed = resume(twoWorkers, 2, 2);
        assertEquals(1, resumed.epochs().size());
        assertTrue(resumed.epochs().get(0).startsWith("2,"), resumed.epochs().toString());
        VecnnCli.run("train", "--resume", "--out", twoWorkers.toString(), "--epochs", "3", "--threads", "1", "--no-plots");
        assertEquals(4, Files.readAllLines(twoWorkers.resolve(RunDirectory.METRICS)).size(), "header and three epochs");
        ModelFile.read(twoWorkers.resolve(RunDirectory.LAST));
    }

    private static DataParallelResult train(Path out, Map<String, String> options, int workers, int syncEvery) throws IOException {
        Map<String, String> values = new LinkedHashMap<>(options);
        return DataParallel.run(LocalSpark.session(), new DataParallel.Request(new TrainOptions(values), null, out.toString(),
                workers, syncEvery, false, null), quiet());
    }

    private static DataParallelResult resume(Path out, int workers, int epochs) throws IOException {
        return DataParallel.run(LocalSpark.session(), new DataParallel.Request(new TrainOptions(Map.of()), null, out.toString(),
                workers, 1, true, epochs), quiet());
    }

    private static void vecnnTrain(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--out", out.toString()));
        args.addAll(VECNN_TRAIN);
        args.addAll(List.of(more));
        VecnnCli.run(args.toArray(String[]::new));
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String file : List.of(RunDirectory.LAST, RunDirectory.BEST, RunDirectory.METRICS))
            if (Files.exists(from.resolve(file))) Files.copy(from.resolve(file), to.resolve(file));
        return to;
    }

    private static double loss(String metricsRow) {
        return Double.parseDouble(metricsRow.split(",")[1]);
    }

    /** A metrics.csv row without its seconds and images/s. */
    private static String withoutTimes(String row) {
        String[] cells = row.split(",", -1);
        cells[6] = "";
        cells[7] = "";
        return String.join(",", cells);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
