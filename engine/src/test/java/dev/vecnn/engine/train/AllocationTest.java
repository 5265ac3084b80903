package dev.vecnn.engine.train;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.Synthetic;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training steps allocate nothing once warm: every buffer, kernel shape and task exists before the
 * first step. With one thread the chunks run on the caller, whose allocations the JVM counts. The
 * reference kernels run here because the Vector API allocates until C2 has compiled a kernel,
 * which on a loaded machine may take longer than any warm-up; and no convolution, because the
 * reference one allocates a lambda per call. Kernels answer for themselves (JMH, -prof gc). Timing
 * the steps into a {@link StepProfile} allocates nothing either: its counters exist before the first step.
 */
class AllocationTest {
    private static final String NETWORK = "avgpool(1) batchnorm relu spatialdropout(0.1) maxpool(2) flatten dense(16) prelu"
            + " dropout(0.2) dense(4)";

    @Test
    void steadyStateTrainingStepsAllocateNothing() {
        assertEquals(0, bytesPerSteadyStep(null), "bytes allocated per step");
    }

    @Test
    void profiledStepsAllocateNothingEither() {
        StepProfile profile = new StepProfile();
        assertEquals(0, bytesPerSteadyStep(profile), "bytes allocated per profiled step");
        assertTrue(profile.rows().stream().mapToDouble(StepProfile.Row::seconds).sum() > 0, "nothing was timed");
    }

    /** A step's buffers hold tens of kilobytes; a few stray bytes per step would be a lambda or an iterator. */
    private static long bytesPerSteadyStep(StepProfile profile) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Dataset data = Synthetic.bars(64, 12, 4, 1);
        Model model = Model.build(NETWORK, new Shape(1, 12, 12), 1);
        TrainerConfig config = TrainerConfig.defaults().withThreads(1).withBatchSize(32).withChunkSize(8);
        int[] order = new int[64];
        for (int i = 0; i < order.length; i++) order[i] = i;
        try (Trainer trainer = new Trainer(model, Kernels.named("reference"), config, profile)) {
            for (int i = 0; i < 3000; i++) trainer.step(data, order, (i % 2) * 32, 32);
            long before = bean.getCurrentThreadAllocatedBytes();
            int steps = 200;
            for (int i = 0; i < steps; i++) trainer.step(data, order, (i % 2) * 32, 32);
            return (bean.getCurrentThreadAllocatedBytes() - before) / steps;
        }
    }
}
