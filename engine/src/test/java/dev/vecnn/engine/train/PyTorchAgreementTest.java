package dev.vecnn.engine.train;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.data.DataSource;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.layers.Param;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ten Adam steps of the reference network agree with PyTorch, an independent implementation, from
 * the same weights and batches. The expected losses were recorded by
 * bench/peers/adam_reference_losses.py (PyTorch 1.13, float32, one thread), which documents the
 * hashed weights and the batches this test rebuilds.
 */
class PyTorchAgreementTest {
    private static final String REFERENCE_NETWORK =
            "conv(32,3) relu maxpool(2) conv(64,3) relu maxpool(2) flatten dense(128) relu dense(10)";
    private static final double[] PYTORCH_LOSSES = {2.30902529, 2.27089, 2.26749754, 2.26153088, 2.26834393,
            2.19056845, 2.19852901, 2.22503591, 2.16581249, 2.11164308};
    private static final int BATCH = 64;

    @Test
    void simdKernelsGiveTheLossesPyTorchComputesForTenSteps() throws IOException {
        agreeWithPyTorch(Kernels.SIMD, PYTORCH_LOSSES.length);
    }

    /** The reference kernels are slow at batch 64: three steps already pass through every layer and Adam's state. */
    @Test
    void referenceKernelsGiveTheLossesPyTorchComputesForThreeSteps() throws IOException {
        agreeWithPyTorch(Kernels.REFERENCE, 3);
    }

    private static void agreeWithPyTorch(String kernels, int steps) throws IOException {
        Dataset train = DataSource.bundledSample().train();
        Model model = Model.build(REFERENCE_NETWORK, new Shape(1, 28, 28), 1);
        loadHashedWeights(model.parameters());
        TrainerConfig config = TrainerConfig.defaults().withThreads(2).withEpochs(1).withBatchSize(BATCH);
        int[] fileOrder = IntStream.range(0, train.count()).toArray();
        try (Trainer trainer = new Trainer(model, Kernels.named(kernels), config)) {
            for (int step = 0; step < steps; step++) {
                double loss = trainer.step(train, fileOrder, step * BATCH, BATCH);
                double relative = Math.abs(loss - PYTORCH_LOSSES[step]) / PYTORCH_LOSSES[step];
                assertTrue(relative <= 1e-4, kernels + " step " + (step + 1) + ": loss " + loss
                        + ", PyTorch " + PYTORCH_LOSSES[step] + ", relative difference " + relative);
            }
        }
    }

    /** The script's weights: (2u - 1) / sqrt(fanIn), u from a 32-bit hash of (element, tensor). */
    private static void loadHashedWeights(List<Param> parameters) {
        assertEquals(8, parameters.size(), "conv1, conv2, fc1, fc2: a weight and a bias each");
        int fanIn = 1;
        for (int t = 0; t < parameters.size(); t++) {
            Param p = parameters.get(t);
            if (p.dims().length > 1) fanIn = p.size() / p.dims()[0];
            float[] data = p.data();
            for (int i = 0; i < data.length; i++)
                data[i] = (float) ((2.0 * hashUnit(i, t) - 1.0) / Math.sqrt(fanIn));
        }
    }

    private static double hashUnit(long i, long t) {
        long mask = 0xFFFFFFFFL;
        long h = (i * 0x9E3779B1L + (t + 1) * 0x85EBCA77L) & mask;
        h ^= h >>> 15;
        h = (h * 0x2C1B3C6DL) & mask;
        h ^= h >>> 12;
        return h / 4294967296.0;
    }
}
