package dev.vecnn.cli;

import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.train.Checkpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code vecnn train} as a process of its own, ended from outside: SIGKILL at moments drawn from a
 * fixed seed, one of them while a checkpoint is being written; SIGINT, SIGTERM and a second SIGINT;
 * a second run into the same directory; machines with other core counts (-XX:ActiveProcessorCount).
 * After every end the checkpoints on disk must load, and the resumed run must end with the files
 * of an uninterrupted run, byte for byte. Where a moment falls is up to the machine's speed; what
 * the test asserts holds at every moment. The network's 1 MB checkpoints take milliseconds to
 * write, so a SIGKILL sent when a temporary file appears lands inside the write; the reference
 * kernels reach full speed within the first batches, which keeps each process to about a second
 * of training.
 */
class ProcessLifecycleTest {
    private static final String SPEC = "conv(4,3) relu maxpool(2) flatten dense(120) relu dense(10)";
    private static final long SEED = 20261127;
    /** Processes a kill may need until one lands inside a checkpoint write. */
    private static final int WRITE_ATTEMPTS = 6;
    private static final Pattern TEMPORARY_CHECKPOINT = Pattern.compile("\\.(last|best)\\.vecnn\\..*\\.tmp");

    @TempDir
    static Path dir;
    private static Path straight;

    /** Four epochs of the test network on 300 images, 19 batches an epoch, into {@code out}. */
    private static String[] args(Path out, String... more) {
        return args(out, 4, more);
    }

    private static String[] args(Path out, int epochs, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--spec", SPEC, "--limit", "400", "--val-split", "0.25",
                "--epochs", Integer.toString(epochs), "--batch-size", "16", "--lr", "0.003", "--kernels", "reference",
                "--no-plots", "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** What continues the run in {@code out}: --resume once it has a checkpoint, the first command before. */
    private static String[] continuing(Path out) {
        boolean saved = Files.exists(out.resolve("last.vecnn")) || Files.exists(out.resolve("best.vecnn"));
        return saved ? new String[] {"train", "--resume", "--out", out.toString(), "--kernels", "reference", "--no-plots"} : args(out);
    }

    /** The uninterrupted run, trained once; the same run on one and on four cores. */
    @BeforeAll
    static void trainWithoutInterruptions() throws Exception {
        straight = dir.resolve("straight");
        try (ChildVecnn run = ChildVecnn.start(args(straight));
             ChildVecnn oneCore = ChildVecnn.start(List.of("-XX:ActiveProcessorCount=1"), args(dir.resolve("one-core")));
             ChildVecnn fourCores = ChildVecnn.start(List.of("-XX:ActiveProcessorCount=4"),
                     args(dir.resolve("four-cores"), "--threads", "3"))) {
            run.ok();
            assertTrue(oneCore.ok().out().contains("compute   1 thread, reference kernels"), oneCore.out());
            assertTrue(fourCores.ok().out().contains("compute   3 threads, reference kernels"), fourCores.out());
        }
    }

    private static void assertSameFilesAsTheUninterruptedRun(Path run) throws IOException {
        for (String file : List.of("last.vecnn", "best.vecnn"))
            assertArrayEquals(Files.readAllBytes(straight.resolve(file)), Files.readAllBytes(run.resolve(file)), run + "/" + file);
        assertEquals(TrainCommandTest.metricsWithoutTimes(straight), TrainCommandTest.metricsWithoutTimes(run));
        assertTrue(temporaryCheckpoints(run).isEmpty(), "temporary files left in " + run);
    }

    /** Every checkpoint in {@code run} reads back and rebuilds its network. */
    private static void assertCheckpointsLoad(Path run) throws IOException {
        for (String file : List.of("last.vecnn", "best.vecnn")) {
            Path path = run.resolve(file);
            if (Files.exists(path)) Checkpoint.of(path.toString(), ModelFile.read(path)).model();
        }
    }

    /** The epochs the checkpoint in {@code run} has completed, 0 without one. */
    private static int epochsDone(Path run) throws IOException {
        Path last = run.resolve("last.vecnn");
        if (!Files.exists(last)) last = run.resolve("best.vecnn");
        return Files.exists(last) ? Checkpoint.of(last.toString(), ModelFile.read(last)).epoch() : 0;
    }

    /** Where the checkpoint in {@code run} stands, for the test's log. */
    private static String position(Path run) throws IOException {
        Path last = run.resolve("last.vecnn");
        if (!Files.exists(last)) return "none";
        Checkpoint c = Checkpoint.of(last.toString(), ModelFile.read(last));
        return "epoch " + c.epoch() + " + " + c.progress().batches() + " batches, step " + c.step();
    }

    private static List<Path> temporaryCheckpoints(Path run) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(run)) return found;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(run,
                f -> TEMPORARY_CHECKPOINT.matcher(f.getFileName().toString()).matches())) {
            files.forEach(found::add);
        }
        return found;
    }

    @Test
    void theSameSeedGivesTheSameFilesOnOneCoreAndOnFour() throws IOException {
        assertSameFilesAsTheUninterruptedRun(dir.resolve("one-core"));
        assertSameFilesAsTheUninterruptedRun(dir.resolve("four-cores"));
    }

    @Test
    void sigkillAtSeededMomentsAndInsideACheckpointWriteNeverCostsTheLastCheckpoint() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        Path run = dir.resolve("killed");
        int seededKills = 0, writeAttempts = 0;
        boolean insideAWrite = false;
        while (seededKills < 3 || !insideAWrite) {
            // The first kill at a seeded moment, then kills at checkpoint writes until one lands inside, then two more.
            boolean atAWrite = seededKills == 1 && !insideAWrite;
            int done = epochsDone(run);
            try (ChildVecnn child = ChildVecnn.start(continuing(run))) {
                assertNotNull(child.awaitLine("writing"), "the run did not start:\n" + child.err());
                if (atAWrite) {
                    // After the first epoch, so that a checkpoint is there to be kept.
                    if (done == 0) assertNotNull(child.awaitLine("epoch 1/4"), child.err());
                    while (child.isAlive() && temporaryCheckpoints(run).isEmpty()) LockSupport.parkNanos(100_000);
                } else {
                    // A seeded moment in a seeded epoch of those still to train.
                    int epoch = random.nextInt(done, 4);
                    if (epoch > done) assertNotNull(child.awaitLine("epoch " + epoch + "/4"), child.err());
                    Thread.sleep(random.nextInt(0, 250));
                }
                assertTrue(child.isAlive(), "the run ended before the kill:\n" + child.out());
                child.kill();
            }
            System.out.println("SIGKILL " + (atAWrite ? "at a checkpoint write" : "at a seeded moment") + ": left "
                    + temporaryCheckpoints(run) + ", checkpoint " + position(run));
            if (atAWrite) {
                insideAWrite = !temporaryCheckpoints(run).isEmpty();
                if (++writeAttempts == WRITE_ATTEMPTS && !insideAWrite)
                    fail("no SIGKILL landed inside a checkpoint write in " + WRITE_ATTEMPTS + " tries");
            } else {
                seededKills++;
            }
            assertCheckpointsLoad(run);
        }
        try (ChildVecnn last = ChildVecnn.start(continuing(run))) {
            last.ok();
        }
        assertSameFilesAsTheUninterruptedRun(run);
    }

    private static final Pattern STOPPED = Pattern.compile("vecnn: stopped by (SIG\\w+) (at epoch \\d, batch \\d+ of 19"
            + "|after epoch \\d of 4|before its first batch); checkpoint saved in (\\S+); resume with: vecnn train --resume "
            + "--out (\\S+) --kernels reference --no-plots");

    @Test
    void sigintAndSigtermSaveWhereTheRunStandsAndASecondSigintEndsItAtOnce() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        Path run = dir.resolve("signalled");
        for (String signal : List.of("INT", "TERM")) {
            try (ChildVecnn child = ChildVecnn.start(continuing(run))) {
                assertNotNull(child.awaitLine(signal.equals("INT") ? "epoch 1/4" : "writing"), child.err());
                Thread.sleep(random.nextInt(20, 200));
                child.signal(signal);
                assertEquals(signal.equals("INT") ? 130 : 143, child.exitCode(), child.err());
                Matcher line = STOPPED.matcher(child.err().strip());
                assertTrue(line.matches(), child.err());
                assertEquals("SIG" + signal, line.group(1));
                assertEquals(run.resolve("last.vecnn").toString(), line.group(3));
                assertEquals(run.toString(), line.group(4));
                System.out.println(child.err().strip());
            }
            assertCheckpointsLoad(run);
        }
        try (ChildVecnn child = ChildVecnn.start(continuing(run))) {
            assertNotNull(child.awaitLine("writing"), child.err());
            Thread.sleep(random.nextInt(20, 200));
            child.signal("INT");
            child.signal("INT");
            assertEquals(130, child.exitCode(), child.err());
            String err = child.err().strip();
            System.out.println("two SIGINTs: " + err);
            assertTrue(STOPPED.matcher(err).matches() || err.equals("vecnn: stopped at once by a second SIGINT; "
                    + "the last complete checkpoint stays in " + run.resolve("last.vecnn")), err);
        }
        assertCheckpointsLoad(run);
        try (ChildVecnn last = ChildVecnn.start(continuing(run))) {
            last.ok();
        }
        assertSameFilesAsTheUninterruptedRun(run);
    }

    @Test
    void aSecondRunIntoTheSameDirectoryIsRefusedNamingTheFirstAndAKilledRunDoesNotBlockTheNext() throws Exception {
        Path run = dir.resolve("locked");
        try (ChildVecnn first = ChildVecnn.start(args(run, 1000))) {
            assertNotNull(first.awaitLine("writing"), first.err());
            try (ChildVecnn second = ChildVecnn.start(args(run))) {
                assertEquals(1, second.exitCode(), second.err());
                assertTrue(second.err().startsWith("vecnn: " + run + ": in use by another training run (process "
                        + first.pid() + ", started "), second.err());
                assertTrue(second.err().strip().endsWith("): wait for it to end, or choose another output directory"),
                        second.err());
                assertEquals("", second.out());
            }
            first.kill();
        }
        try (ChildVecnn next = ChildVecnn.start(continuing(run))) {
            assertNotNull(next.awaitLine("writing"), "the killed run's lock stayed:\n" + next.err());
        }
    }
}
