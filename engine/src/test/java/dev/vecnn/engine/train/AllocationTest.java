package dev.vecnn.engine.train;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.Synthetic;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    static final int WINDOW = 50;
    private static final long DEADLINE_NANOS = 120_000_000_000L;

    /** Layers of every kind but convolution (the reference one allocates a lambda per call), one thread. */
    @Test
    void steadyStateTrainingStepsAllocateNothing() {
        assertEquals(0, bytesPerStepOnceCompiled(null), "bytes allocated per step");
    }

    @Test
    void profiledStepsAllocateNothingEither() {
        StepProfile profile = new StepProfile();
        assertEquals(0, bytesPerStepOnceCompiled(profile), "bytes allocated per profiled step");
        assertTrue(profile.rows().stream().mapToDouble(StepProfile.Row::seconds).sum() > 0, "nothing was timed");
    }

    private static long bytesPerStepOnceCompiled(StepProfile profile) {
        Dataset data = Synthetic.bars(64, 12, 4, 1);
        Model model = Model.build(NETWORK, new Shape(1, 12, 12), 1);
        TrainerConfig config = TrainerConfig.defaults().withThreads(1).withBatchSize(32).withChunkSize(8);
        try (Trainer trainer = new Trainer(model, Kernels.named("reference"), config, profile)) {
            return bytesPerStepOnceCompiled(trainer, data, 32);
        }
    }

    /** Windows of steps over the first two batches of {@code data} until one allocates nothing or the time is up. */
    static long bytesPerStepOnceCompiled(Trainer trainer, Dataset data, int batch) {
        int[] order = new int[2 * batch];
        for (int i = 0; i < order.length; i++) order[i] = i;
        long deadline = System.nanoTime() + DEADLINE_NANOS, bytesPerStep;
        do {
            long before = trainer.allocatedBytes();
            for (int i = 0; i < WINDOW; i++) trainer.step(data, order, (i % 2) * batch, batch);
            bytesPerStep = (trainer.allocatedBytes() - before) / WINDOW;
        } while (bytesPerStep != 0 && System.nanoTime() < deadline);
        return bytesPerStep;
    }
}
