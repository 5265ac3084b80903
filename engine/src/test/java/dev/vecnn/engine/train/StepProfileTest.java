package dev.vecnn.engine.train;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.Synthetic;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a profiled trainer records: one row per operation of its plan, times that add up; never how long anything took. */
class StepProfileTest {
    private static final String NETWORK = "conv(4,3) relu maxpool(2) conv(6,3) relu flatten dense(8) relu dense(4)";
    private static final Shape INPUT = new Shape(1, 12, 12);

    private static TrainerConfig config(int threads) {
        return TrainerConfig.defaults().withThreads(threads).withBatchSize(24).withChunkSize(8).withSeed(5);
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        return order;
    }

    @Test
    void rowsFollowThePlanAndTheFirstLayerHasNoBackwardData() {
        StepProfile profile = new StepProfile();
        Model model = Model.build(NETWORK, INPUT, 5);
        try (Trainer trainer = new Trainer(model, Kernels.named("reference"), config(1), profile)) {
            List<String> rows = profile.rows().stream().map(r -> r.layer() + " " + r.name() + " " + r.part().label()).toList();
            // conv(4,3) and its "relu maxpool(2)" run as one fused layer (Fusion); the convolutions channels-last (Layouts).
            assertEquals(List.of("0 input load",
                    "1 conv(4,3) relu maxpool(2) forward", "2 conv(6,3) forward", "3 relu forward",
                    "4 (NHWC to NCHW) forward", "5 flatten forward", "6 dense(8) forward", "7 relu forward",
                    "8 dense(4) forward", "0 crossentropy loss",
                    "8 dense(4) backward-weights", "8 dense(4) backward-data", "7 relu backward-data",
                    "6 dense(8) backward-weights", "6 dense(8) backward-data", "5 flatten backward-data",
                    "4 (NHWC to NCHW) backward-data",
                    "3 relu backward-data", "2 conv(6,3) backward-weights", "2 conv(6,3) backward-data",
                    "1 conv(4,3) relu maxpool(2) backward-weights",
                    "0 gradients gradient-reduction", "0 adam optimizer"), rows);
        }
    }

    @Test
    void flopsComeFromTheLayersPasses() {
        StepProfile profile = new StepProfile();
        try (Trainer trainer = new Trainer(Model.build(NETWORK, INPUT, 5), Kernels.named("reference"), config(1), profile)) {
            List<StepProfile.Row> rows = profile.rows();
            // conv(4,3) on 1x12x12 fused with its pooling: 4x10x10 outputs of 9 multiply-adds, plus a bias
            // and a compare each (all lie in a 2x2 window); its weight gradient adds a bias sum per output.
            assertEquals(400 * (2.0 * 9 + 2), rows.get(1).flopsPerImage());
            assertEquals(2.0 * 400 * 9 + 400, rows.get(20).flopsPerImage());
            // dense(4) from 8 features: dx = dy W, dW = dy^T x plus the bias sums.
            assertEquals(2.0 * 8 * 4, rows.get(11).flopsPerImage());
            assertEquals(2.0 * 8 * 4 + 4, rows.get(10).flopsPerImage());
            assertEquals(rows.stream().mapToDouble(StepProfile.Row::flopsPerImage).sum(), profile.flopsPerImage());
        }
    }

    @Test
    void theSplitAddsUpToAtMostTheThreadsTimesTheStepsWallTime() {
        Dataset data = Synthetic.bars(48, 12, 4, 1);
        int[] order = identity(48);
        int threads = 2;
        StepProfile profile = new StepProfile();
        try (Trainer trainer = new Trainer(Model.build(NETWORK, INPUT, 5), Kernels.named("simd"), config(threads), profile)) {
            for (int i = 0; i < 20; i++) trainer.step(data, order, (i % 2) * 24, 24);
            profile.reset();
            assertEquals(0, profile.rows().stream().mapToDouble(StepProfile.Row::seconds).sum(), "after reset");
            long start = System.nanoTime();
            for (int i = 0; i < 40; i++) trainer.step(data, order, (i % 2) * 24, 24);
            double wall = (System.nanoTime() - start) * 1e-9;
            double timed = 0;
            for (StepProfile.Row row : profile.rows()) {
                assertTrue(row.seconds() >= 0, row.toString());
                timed += row.seconds();
            }
            assertTrue(timed > 0, "nothing was timed");
            assertTrue(timed <= threads * wall, timed + " thread-seconds timed in " + wall + " s on " + threads + " threads");
        }
    }

    @Test
    void profilingChangesNoResult() {
        Dataset data = Synthetic.bars(48, 12, 4, 1);
        int[] order = identity(48);
        Model plain = Model.build(NETWORK, INPUT, 5), profiled = Model.build(NETWORK, INPUT, 5);
        try (Trainer a = new Trainer(plain, Kernels.named("simd"), config(2));
             Trainer b = new Trainer(profiled, Kernels.named("simd"), config(2), new StepProfile())) {
            for (int i = 0; i < 6; i++) assertEquals(a.step(data, order, (i % 2) * 24, 24), b.step(data, order, (i % 2) * 24, 24));
        }
        List<float[]> expected = plain.copyTensors(), actual = profiled.copyTensors();
        for (int t = 0; t < expected.size(); t++) assertArrayEquals(expected.get(t), actual.get(t), "tensor " + t);
    }

    @Test
    void aProfileServesOneTrainer() {
        StepProfile profile = new StepProfile();
        try (Trainer first = new Trainer(Model.build(NETWORK, INPUT, 5), Kernels.named("reference"), config(1), profile)) {
            assertThrows(IllegalStateException.class,
                    () -> new Trainer(Model.build(NETWORK, INPUT, 5), Kernels.named("reference"), config(1), profile));
        }
    }
}
