package dev.vecnn.cli;

import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.train.Checkpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGINT and SIGTERM raised in this JVM while {@code vecnn train} runs in it: the run saves a
 * checkpoint, prints how to resume and exits 130 or 143, and the resumed run ends with the model of
 * an uninterrupted one. The signal is raised when the run prints its first epoch line, and the
 * training thread then waits until the handler has asked the trainer to stop, so the stop always
 * falls between epochs 1 and 2. (Stops inside an epoch are TrainerTest's and, from a real signal
 * at a seeded moment, {@link ProcessLifecycleTest}'s, with SIGKILL and the second signal.)
 */
class StopSignalTest {
    @TempDir
    Path dir;

    /**
     * Raises {@code signal} in this JVM and waits until a run's handler has asked its trainer to stop:
     * the JVM runs the handler on a thread of its own, which on a busy machine started more than
     * 200 ms after the signal (a fixed wait of that long once let the stop fall after the next batch).
     */
    static void raise(String signal) {
        int before = StopSignals.handledSoFar();
        Signal.raise(new Signal(signal));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (StopSignals.handledSoFar() == before && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"INT, 130", "TERM, 143"})
    void aSignalStopsTheRunAndTheResumedRunEndsWithTheSameModel(String signal, int exitCode) throws IOException {
        Path straight = dir.resolve("straight");
        Cli.ok(TinyRun.args(straight, 2, "--kernels", "reference", "--no-plots"));

        Path stopped = dir.resolve("stopped");
        StringWriter out = new WhenPrinted("epoch 1/", () -> raise(signal));
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        assertEquals(exitCode, commandLine.execute(TinyRun.args(stopped, 2, "--kernels", "reference", "--no-plots")), err.toString());
        assertEquals("vecnn: stopped by SIG" + signal + " after epoch 1 of 2; checkpoint saved in "
                + stopped.resolve("last.vecnn") + "; resume with: vecnn train --resume --out " + stopped
                + " --kernels reference --no-plots\n", err.toString());
        assertFalse(out.toString().contains("test accuracy"), out.toString());
        Checkpoint checkpoint = Checkpoint.of("last.vecnn", ModelFile.read(stopped.resolve("last.vecnn")));
        assertEquals(1, checkpoint.epoch());
        assertEquals(10, checkpoint.step());
        assertFalse(checkpoint.progress().started());
        assertEquals(2, Files.readAllLines(stopped.resolve("metrics.csv")).size(), "the header and epoch 1");

        Cli.Run resumed = Cli.ok("train", "--resume", "--out", stopped.toString(), "--kernels", "reference", "--no-plots");
        assertTrue(resumed.out().contains("epoch 2/2"), resumed.out());
        for (String file : new String[] {"last.vecnn", "best.vecnn"})
            assertArrayEquals(Files.readAllBytes(straight.resolve(file)), Files.readAllBytes(stopped.resolve(file)), file);
        assertEquals(TrainCommandTest.metricsWithoutTimes(straight), TrainCommandTest.metricsWithoutTimes(stopped));
    }
}
