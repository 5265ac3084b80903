package dev.vecnn.engine.train;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.Synthetic;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EpochGradientsTest {
    /** Gradients of every kind: per chunk (conv, batch norm, PReLU) and per batch (dense). */
    private static final String NETWORK = "conv(4,3,pad=1) batchnorm relu maxpool(2) conv(6,3) prelu flatten dense(16) relu dense(4)";

    @Test
    void theKeptGradientsAreThoseOfTheEpochsLastStep() {
        // One batch per epoch, plain SGD at a constant rate: the step is w1 = w0 - lr * g, so g = (w0 - w1) / lr.
        float lr = 0.5f;
        Dataset data = Synthetic.bars(20, 10, 4, 3);
        TrainerConfig config = TrainerConfig.defaults().withThreads(2).withBatchSize(20).withChunkSize(6).withEpochs(1)
                .withOptimizer(OptimizerConfig.named("sgd", lr)).withSchedule(LrSchedule.CONSTANT);
        Model model = Model.build(NETWORK, new Shape(1, 10, 10), 5);
        List<float[]> before = model.copyTensors();
        try (Trainer trainer = new Trainer(model, Kernels.named("simd"), config)) {
            assertNull(trainer.epochGradients());
            trainer.keepEpochGradients();
            trainer.fit(data, null, TrainingListener.NONE);
            float[][] kept = trainer.epochGradients();
            assertEquals(model.parameters().size(), kept.length);
            for (int p = 0; p < kept.length; p++) {
                float[] w0 = before.get(p), w1 = model.parameters().get(p).data();
                double norm = 0;
                for (int i = 0; i < w0.length; i++) {
                    double step = ((double) w0[i] - w1[i]) / lr;
                    // w1 is w0 - lr * g rounded to float: half an ulp of w0 or w1, divided by lr.
                    double tolerance = Math.max(Math.ulp(w0[i]), Math.ulp(w1[i])) / lr;
                    assertEquals(step, kept[p][i], tolerance, model.tensorNames().get(p) + "[" + i + "]");
                    norm += (double) kept[p][i] * kept[p][i];
                }
                assertTrue(norm > 0, model.tensorNames().get(p) + " kept an all-zero gradient");
            }
        }
    }
}
