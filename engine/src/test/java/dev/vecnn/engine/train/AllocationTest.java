package dev.vecnn.engine.train;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.Synthetic;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Training steps allocate nothing once compiled: every buffer, kernel shape and task exists before
 * the first step. Until C2 has compiled a path, the interpreter allocates what C2 later removes
 * (the simd kernels' vectors; a lambda or an iterator that does not escape), and when C2 is done
 * depends on the machine's load, which also recompiles a method whose profile changes (a test
 * before this one trained other layers). So each test trains until a window of steps allocates
 * nothing, and fails if none does within two minutes: only an allocation that compiling does not
 * remove (a vector or a list that escapes, a waiter node) keeps every window above zero. The count
 * includes the pool's worker threads. Timing the steps into a {@link StepProfile} allocates
 * nothing either: its counters exist before the first step. The simd kernels' test is
 * {@link SimdStepAllocationTest}, in a JVM of its own.
 */
class AllocationTest {
    private static final String NETWORK = "avgpool(1) batchnorm relu spatialdropout(0.1) maxpool(2) flatten dense(16) prelu"
            + " dropout(0.2) dense(4)";
    private static final int WINDOW = 50;
    /** JFR samples an allocation about once per thread-local buffer filled: ten windows give some samples even at kilobytes per step. */
    private static final int SAMPLED_WINDOWS = 10;
    private static final long DEADLINE_NANOS = 120_000_000_000L;

    /** Layers of every kind but convolution (the reference one allocates a lambda per call), one thread. */
    @Test
    void steadyStateTrainingStepsAllocateNothing() {
        assertNothingAllocatedPerStep(null);
    }

    @Test
    void profiledStepsAllocateNothingEither() {
        StepProfile profile = new StepProfile();
        assertNothingAllocatedPerStep(profile);
        assertTrue(profile.rows().stream().mapToDouble(StepProfile.Row::seconds).sum() > 0, "nothing was timed");
    }

    private static void assertNothingAllocatedPerStep(StepProfile profile) {
        Dataset data = Synthetic.bars(64, 12, 4, 1);
        Model model = Model.build(NETWORK, new Shape(1, 12, 12), 1);
        TrainerConfig config = TrainerConfig.defaults().withThreads(1).withBatchSize(32).withChunkSize(8);
        try (Trainer trainer = new Trainer(model, Kernels.named("reference"), config, profile)) {
            assertNothingAllocatedOnceCompiled(trainer, data, 32);
        }
    }

    /**
     * Windows of steps over the first two batches of {@code data} until one allocates nothing; if
     * none has when the time is up, fails with the bytes per step of the last window and the sites
     * sampled in one more.
     */
    static void assertNothingAllocatedOnceCompiled(Trainer trainer, Dataset data, int batch) {
        int[] order = new int[2 * batch];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Runnable window = () -> {
            for (int i = 0; i < WINDOW; i++) trainer.step(data, order, (i % 2) * batch, batch);
        };
        long deadline = System.nanoTime() + DEADLINE_NANOS, bytesPerStep;
        do {
            long before = trainer.allocatedBytes();
            window.run();
            bytesPerStep = (trainer.allocatedBytes() - before) / WINDOW;
        } while (bytesPerStep != 0 && System.nanoTime() < deadline);
        if (bytesPerStep != 0)
            fail("bytes allocated per step, last window of " + WINDOW + ": " + bytesPerStep + "; "
                    + AllocationSites.during(() -> {
                        for (int w = 0; w < SAMPLED_WINDOWS; w++) window.run();
                    }));
    }
}
