package dev.vecnn.engine.train;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.data.ClassNames;
import dev.vecnn.engine.data.TrainingData;
import dev.vecnn.engine.io.BadFileException;
import dev.vecnn.engine.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vecnn.engine.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunDirectoryTest {
    @TempDir
    Path dir;

    private static final RunSettings SETTINGS = new RunSettings(TrainerConfig.defaults().withEpochs(7).withBatchSize(20)
            .withOptimizer(OptimizerConfig.named("adamw", 3e-4f).withWeightDecay(0.05f))
            .withSchedule(LrSchedule.parse("cosine(min=0.0001,warmup=0.5)")).withSeed(42),
            new TrainingData(Path.of("some/data"), 500, 14, 0.2), new ClassNames("pets", List.of("cat", "dog", "fish")));

    private static Checkpoint checkpoint(int epoch) {
        Model model = Model.build("flatten dense(3)", new Shape(1, 2, 2), 5);
        return new Checkpoint(model.spec(), model.input(), 3, model.copyTensors(), "adamw",
                List.of(new float[15], new float[15], new float[3], new float[3]), 42, epoch, epoch * 10L);
    }

    private static EpochMetrics metrics(int epoch, double valAccuracy) {
        return new EpochMetrics(epoch, 1.0 / epoch, 0.5, 0.9, valAccuracy, 3e-4, 1.5, 1000, 2e-4, 400);
    }

    @Test
    void keepsTheBestEpochAndTheLastAndOneMetricsRowPerEpoch() throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        assertTrue(run.saveEpoch(checkpoint(1), SETTINGS, metrics(1, 0.80)));
        assertTrue(run.saveEpoch(checkpoint(2), SETTINGS, metrics(2, 0.85)));
        assertFalse(run.saveEpoch(checkpoint(3), SETTINGS, metrics(3, 0.80)), "two standard errors below");
        assertEquals(2, run.bestEpoch());
        assertEquals(run.best(), run.finalModel());
        run.close();
        List<String> csv = Files.readAllLines(run.metrics());
        assertEquals(MetricsCsv.HEADER, csv.get(0));
        assertEquals(List.of("1", "2", "3"), csv.subList(1, 4).stream().map(l -> l.split(",")[0]).toList());
        assertEquals("2,0.500000,0.500000,0.900000,0.850000,0.000300000,1.500,1000.0,0.000200000", csv.get(2));

        RunDirectory.Saved saved = RunDirectory.resume(dir.resolve("run"), 3);
        assertEquals(3, saved.checkpoint().epoch());
        assertEquals(30, saved.checkpoint().step());
        assertEquals(2, saved.run().bestEpoch());
        assertEquals(SETTINGS.config().withThreads(3), saved.settings().config());
        assertEquals(SETTINGS.data(), saved.settings().data());
        assertEquals(SETTINGS.classNames(), saved.settings().classNames());
        assertArrayEquals(checkpoint(3).modelTensors().get(0), saved.checkpoint().modelTensors().get(0));
    }

    @Test
    void theBestEpochIsTheLatestWithinOneStandardErrorOfTheHighestAccuracy() throws IOException {
        RunDirectory run = RunDirectory.create(dir);
        run.saveEpoch(checkpoint(1), SETTINGS, metrics(1, 0.85));
        // On 400 images one standard error of 85 % is sqrt(0.85 * 0.15 / 400) = 1.79 points.
        assertTrue(run.saveEpoch(checkpoint(2), SETTINGS, metrics(2, 0.85)), "a tie goes to the later epoch");
        assertTrue(run.saveEpoch(checkpoint(3), SETTINGS, metrics(3, 0.8325)), "1.75 points below");
        assertFalse(run.saveEpoch(checkpoint(4), SETTINGS, metrics(4, 0.83)), "2 points below");
        assertEquals(3, run.bestEpoch());
        assertEquals(1, run.topEpoch());
        assertTrue(run.saveEpoch(checkpoint(5), SETTINGS, metrics(5, 0.86)));
        assertFalse(run.saveEpoch(checkpoint(6), SETTINGS, metrics(6, 0.84)), "below the new highest by more than its error");
        run.close();
        RunDirectory.Saved saved = RunDirectory.resume(dir, 1);
        saved.run().close();
        assertEquals(5, saved.run().bestEpoch());
        assertEquals(5, saved.run().topEpoch());
        assertEquals(0.86, saved.run().topValAccuracy());
    }

    @Test
    void resumingForgetsMetricsRowsPastTheCheckpoint() throws IOException {
        RunDirectory run = RunDirectory.create(dir);
        run.saveEpoch(checkpoint(1), SETTINGS, metrics(1, 0.8));
        run.close();
        // A crash between writing a metrics row and the next checkpoint leaves a row too many.
        Files.writeString(run.metrics(), Files.readString(run.metrics()) + "2,0.1,0.9,0.1,0.9,0.001,1.0,10.0\n");
        RunDirectory.Saved saved = RunDirectory.resume(dir, 1);
        saved.run().saveEpoch(checkpoint(2), SETTINGS, metrics(2, 0.7));
        List<String> csv = Files.readAllLines(run.metrics());
        assertEquals(3, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(2).startsWith("2,0.500000,"), csv.get(2));
        assertEquals(1, saved.run().bestEpoch());
    }

    @Test
    void withoutValidationThereIsNoBestModel() throws IOException {
        RunDirectory run = RunDirectory.create(dir);
        assertFalse(run.saveEpoch(checkpoint(1), SETTINGS, new EpochMetrics(1, 1, 0.5, Double.NaN, Double.NaN, 3e-4, 1.5, 1000, 3e-4, 0)));
        assertEquals(run.last(), run.finalModel());
        assertFalse(Files.exists(run.best()));
        assertTrue(Files.readAllLines(run.metrics()).get(1).startsWith("1,1.000000,0.500000,,,"));
    }

    @Test
    void refusesToStartOverASavedRunOrToResumeNothing() throws IOException {
        try (RunDirectory run = RunDirectory.create(dir)) {
            run.saveEpoch(checkpoint(1), SETTINGS, metrics(1, 0.5));
        }
        BadFileException e = assertThrows(BadFileException.class, () -> RunDirectory.create(dir));
        assertTrue(e.getMessage().contains("already holds a training run"), e.getMessage());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        e = assertThrows(BadFileException.class, () -> RunDirectory.resume(empty, 1));
        assertTrue(e.getMessage().endsWith("last.vecnn: no checkpoint to resume from (vecnn train writes one after every epoch)"),
                e.getMessage());
    }

    @Test
    void settingsWithoutAChunkSizeResumeWithTheDefaultOfEveryMachine() throws IOException {
        RunSettings chunksOf7 = new RunSettings(SETTINGS.config().withChunkSize(7), SETTINGS.data(), SETTINGS.classNames());
        Map<String, String> options = new HashMap<>(chunksOf7.toOptions());
        assertEquals("7", options.get(RunSettings.CHUNK_SIZE));
        assertEquals(7, RunSettings.fromOptions("old.vecnn", options, 42, 1, 3).config().chunkSize());
        options.remove(RunSettings.CHUNK_SIZE);
        assertEquals(TrainerConfig.DEFAULT_CHUNK_SIZE, RunSettings.fromOptions("old.vecnn", options, 42, 1, 3).config().chunkSize());
    }

    @Test
    void aRunKilledBetweenItsFirstBestAndLastFilesResumesFromTheBest() throws IOException {
        try (RunDirectory run = RunDirectory.create(dir)) {
            run.saveEpoch(checkpoint(1), SETTINGS, metrics(1, 0.5));
        }
        Files.delete(dir.resolve(RunDirectory.LAST));
        Files.delete(dir.resolve(RunDirectory.METRICS));
        RunDirectory.Saved saved = RunDirectory.resume(dir, 1);
        saved.run().close();
        assertEquals(1, saved.checkpoint().epoch());
        assertEquals(1, saved.run().bestEpoch());
    }

    @Test
    void aStoppedRunKeepsItsPositionInsideTheEpochAndLeavesBestAndMetricsAlone() throws IOException {
        Path runDir = dir.resolve("run");
        try (RunDirectory run = RunDirectory.create(runDir)) {
            run.saveEpoch(checkpoint(1), SETTINGS, metrics(1, 0.8));
            Checkpoint inside = new Checkpoint(checkpoint(1).spec(), checkpoint(1).input(), 3, checkpoint(1).modelTensors(),
                    "adamw", checkpoint(1).optimizerTensors(), 42, 1, 14, new EpochProgress(4, 2.5, 61, 0.75, 3e-4f));
            byte[] best = Files.readAllBytes(run.best());
            List<String> metrics = Files.readAllLines(run.metrics());
            run.saveStopped(inside, SETTINGS);
            assertArrayEquals(best, Files.readAllBytes(run.best()));
            assertEquals(metrics, Files.readAllLines(run.metrics()));
        }
        RunDirectory.Saved saved = RunDirectory.resume(runDir, 1);
        saved.run().close();
        assertEquals(1, saved.checkpoint().epoch());
        assertEquals(14, saved.checkpoint().step());
        assertEquals(new EpochProgress(4, 2.5, 61, 0.75, 3e-4f), saved.checkpoint().progress());
        assertEquals(1, saved.run().bestEpoch());
    }

    @Test
    void aSecondRunIntoALockedDirectoryIsRefusedUntilTheFirstEnds() throws IOException {
        RunDirectory first = RunDirectory.create(dir);
        BadFileException e = assertThrows(BadFileException.class, () -> RunDirectory.create(dir));
        assertEquals(dir + ": in use by another training run (this process): wait for it to end, or choose another "
                + "output directory", e.getMessage());
        first.saveEpoch(checkpoint(1), SETTINGS, metrics(1, 0.5));
        assertThrows(BadFileException.class, () -> RunDirectory.resume(dir, 1));
        first.close();
        RunDirectory.resume(dir, 1).run().close();
        assertTrue(Files.readString(dir.resolve(RunLock.FILE)).startsWith("process " + ProcessHandle.current().pid()));
    }

    /** Writes half of a file's bytes through {@link AtomicFiles}, then fails as a full disk does. */
    private static void failWhenFull(Path target, byte[] bytes) throws IOException {
        AtomicFiles.write(target, out -> {
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            throw new FileSystemException(target.toString(), null, "No space left on device");
        });
    }

    @Test
    void aFailedWriteNamesTheFileAndTheErrorAndKeepsTheLastCompleteCheckpoint() throws IOException {
        AtomicBoolean full = new AtomicBoolean();
        RunDirectory.FileWriter writer = (target, bytes) -> {
            if (full.get()) failWhenFull(target, bytes);
            else AtomicFiles.write(target, bytes);
        };
        try (RunDirectory run = RunDirectory.create(dir, writer)) {
            run.saveEpoch(checkpoint(1), SETTINGS, metrics(1, 0.5));
            byte[] last = Files.readAllBytes(run.last());
            full.set(true);
            BadFileException e = assertThrows(BadFileException.class, () -> run.saveEpoch(checkpoint(2), SETTINGS, metrics(2, 0.9)));
            assertEquals(run.best() + ": cannot be written (No space left on device); the last complete checkpoint stays in "
                    + run.last(), e.getMessage());
            e = assertThrows(BadFileException.class, () -> run.saveStopped(checkpoint(2), SETTINGS));
            assertTrue(e.getMessage().startsWith(run.last() + ": cannot be written (No space left on device)"), e.getMessage());
            assertArrayEquals(last, Files.readAllBytes(run.last()));
            assertEquals(1, run.bestEpoch(), "a best model that could not be written is not the best");
            assertEquals(List.of(".lock", "best.vecnn", "last.vecnn", "metrics.csv"), files(dir), "no temporary file stays");
        }
        RunDirectory.Saved saved = RunDirectory.resume(dir, 1);
        saved.run().close();
        assertEquals(1, saved.checkpoint().epoch());
    }

    @Test
    void aReadOnlyDirectoryIsNamedWithItsErrorAndKeepsTheLastCompleteCheckpoint() throws IOException, InterruptedException {
        try (RunDirectory run = RunDirectory.create(dir)) {
            run.saveEpoch(checkpoint(1), SETTINGS, metrics(1, 0.5));
        }
        byte[] last = Files.readAllBytes(dir.resolve(RunDirectory.LAST));
        try (ReadOnly readOnly = ReadOnly.make(dir)) {
            RunDirectory.Saved saved = RunDirectory.resume(dir, 1);
            try (RunDirectory run = saved.run()) {
                BadFileException e = assertThrows(BadFileException.class, () -> run.saveEpoch(checkpoint(2), SETTINGS, metrics(2, 0.4)));
                assertEquals(run.last() + ": " + readOnly.problem() + "; the last complete checkpoint stays in " + run.last(),
                        e.getMessage());
            }
            BadFileException e = assertThrows(BadFileException.class, () -> RunDirectory.create(dir.resolve("inner")));
            assertEquals(dir.resolve("inner") + ": " + readOnly.problem(), e.getMessage());
        }
        assertArrayEquals(last, Files.readAllBytes(dir.resolve(RunDirectory.LAST)));
        assertEquals(List.of(".lock", "best.vecnn", "last.vecnn", "metrics.csv"), files(dir));
    }

    private static List<String> files(Path directory) throws IOException {
        try (var list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
