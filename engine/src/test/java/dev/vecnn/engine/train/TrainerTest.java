package dev.vecnn.engine.train;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.Synthetic;
import dev.vecnn.engine.augment.Augmentation;
import dev.vecnn.engine.augment.Augmenter;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;
import dev.vecnn.kernels.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bit-identity tests run on both kernel sets: the engine's arithmetic must not depend on the thread
 * count, and the simd kernels give the same bits in every JIT tier (their lane sums and exp/tanh
 * come from LaneMath, see kernels' TierStabilityTest), so runs early and late in one JVM agree.
 */
class TrainerTest {
    /** Every stateful feature at once: batch norm 2D and 1D, both dropouts, PReLU, pooling. */
    private static final String BUSY = "conv(4,3,pad=1) batchnorm relu spatialdropout(0.2) maxpool(2) conv(6,3) prelu"
            + " flatten dense(16) batchnorm relu dropout(0.3) dense(4)";

    private static TrainerConfig config(int threads) {
        // A batch of 20 in chunks of 6 (three full chunks and a short one); 90 images = 4 full batches and one of 10.
        return TrainerConfig.defaults().withThreads(threads).withBatchSize(20).withChunkSize(6).withEpochs(2).withSeed(9)
                .withOptimizer(OptimizerConfig.named("adam", 3e-3f));
    }

    private static List<float[]> train(Kernels kernels, TrainerConfig config, Dataset data) {
        Model model = Model.build(BUSY, new Shape(1, 10, 10), config.seed());
        try (Trainer trainer = new Trainer(model, kernels, config)) {
            trainer.fit(data, null, TrainingListener.NONE);
            List<float[]> state = new ArrayList<>(model.copyTensors());
            state.addAll(trainer.optimizer().copyState());
            return state;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simd", "reference"})
    void oneAndTwoThreadsGiveBitIdenticalModels(String kernelsName) {
        Dataset data = Synthetic.bars(90, 10, 4, 3);
        Kernels kernels = Kernels.named(kernelsName);
        List<float[]> one = train(kernels, config(1), data);
        List<float[]> two = train(kernels, config(2), data);
        List<float[]> three = train(kernels, config(3), data);
        assertEquals(one.size(), two.size());
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), two.get(i), "tensor " + i + " differs between 1 and 2 threads");
            assertArrayEquals(one.get(i), three.get(i), "tensor " + i + " differs between 1 and 3 threads");
        }
    }

    /** Every transformation at once, at sizes that matter on 10x10 images. */
    private static final Augmentation ALL = Augmentation.parse("shift(1.5) rotate(10) scale(0.9,1.1) elastic(3,2) flip erase(0.4)");

    @ParameterizedTest
    @ValueSource(strings = {"simd", "reference"})
    void augmentedRunsAreBitIdenticalOnAnyNumberOfThreadsAndWhenResumed(String kernelsName) throws Exception {
        Dataset data = Synthetic.bars(90, 10, 4, 3);
        Kernels kernels = Kernels.named(kernelsName);
        List<float[]> one = train(kernels, config(1).withAugment(ALL), data);
        List<float[]> three = train(kernels, config(3).withAugment(ALL), data);
        for (int i = 0; i < one.size(); i++) assertArrayEquals(one.get(i), three.get(i), "tensor " + i);
        assertNotEquals(java.util.Arrays.toString(one.get(0)), java.util.Arrays.toString(train(kernels, config(1), data).get(0)),
                "augmentation changes the model");

        Model model = Model.build(BUSY, new Shape(1, 10, 10), 9);
        Checkpoint checkpoint;
        try (Trainer first = new Trainer(model, kernels, config(2).withAugment(ALL).withEpochs(1))) {
            first.fit(data, null, TrainingListener.NONE);
            checkpoint = throughModelFile(first.checkpoint());
        }
        try (Trainer second = Trainer.resume(checkpoint, kernels, config(2).withAugment(ALL))) {
            second.fit(data, null, TrainingListener.NONE);
            List<float[]> resumed = new ArrayList<>(second.model().copyTensors());
            resumed.addAll(second.optimizer().copyState());
            for (int i = 0; i < one.size(); i++) assertArrayEquals(one.get(i), resumed.get(i), "tensor " + i + " after resuming");
        }
    }

    @Test
    void augmentedTrainingIsHarderAndSeesOtherImagesEachEpoch() {
        Dataset train = Synthetic.bars(256, 12, 6, 1);
        Augmentation shifts = Augmentation.parse("shift(2) rotate(15)");
        double[] lastAccuracy = new double[2];
        for (int run = 0; run < 2; run++) {
            Model model = Model.build("conv(8,3) relu maxpool(2) flatten dense(32) relu dense(6)", new Shape(1, 12, 12), 4);
            TrainerConfig config = TrainerConfig.defaults().withThreads(2).withBatchSize(32).withEpochs(6)
                    .withOptimizer(OptimizerConfig.named("adam", 3e-3f)).withAugment(run == 0 ? Augmentation.NONE : shifts);
            try (Trainer trainer = new Trainer(model, Kernels.named("simd"), config)) {
                List<EpochMetrics> history = trainer.fit(train, null, TrainingListener.NONE);
                lastAccuracy[run] = history.get(history.size() - 1).trainAccuracy();
            }
        }
        assertTrue(lastAccuracy[0] > 0.95, "plain training fits the bars: " + lastAccuracy[0]);
        assertTrue(lastAccuracy[1] < lastAccuracy[0] - 0.02, "augmented " + lastAccuracy[1] + " against plain " + lastAccuracy[0]);

        Augmenter augmenter = shifts.augmenter(Registry.TAPS.simd(), 1, 12, 12);
        float[][] epochs = new float[3][train.imageSize()];
        for (int e = 0; e < 3; e++) {
            augmenter.startEpoch(Trainer.augmentationKey(1, e));
            augmenter.load(0, train, 17, epochs[e], 0);
        }
        assertFalse(java.util.Arrays.equals(epochs[0], epochs[1]));
        assertFalse(java.util.Arrays.equals(epochs[1], epochs[2]));
    }

    @Test
    void labelSmoothingMatchesItsFormulaAndLeavesValidationLossPlain() {
        // One sample, logits z of a flat network: the smoothed loss is (1 - e) CE + e mean_k(-log p_k).
        Dataset one = Synthetic.noise(1, 1, 2, 2, 3, 4);
        Model model = Model.build("flatten dense(3)", new Shape(1, 2, 2), 2);
        float[] z = new float[3];
        float[] x = new float[4];
        one.imageAsFloats(0, x, 0);
        float[] w = model.parameters().get(0).data(), b = model.parameters().get(1).data();
        for (int k = 0; k < 3; k++) {
            z[k] = b[k];
            for (int i = 0; i < 4; i++) z[k] += w[k * 4 + i] * x[i];
        }
        double lse = Math.log(Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]));
        int y = one.label(0);
        double ce = lse - z[y], uniform = lse - (z[0] + z[1] + z[2]) / 3.0, e = 0.2;
        TrainerConfig config = TrainerConfig.defaults().withThreads(1).withBatchSize(1).withEpochs(1)
                .withLoss(Loss.CROSS_ENTROPY.withLabelSmoothing(e)).withOptimizer(OptimizerConfig.named("sgd", 1e-9f));
        try (Trainer trainer = new Trainer(model, Kernels.named("reference"), config)) {
            EpochMetrics m = trainer.fit(one, one, TrainingListener.NONE).get(0);
            assertEquals((1 - e) * ce + e * uniform, m.trainLoss(), 1e-5);
            assertEquals(ce, m.valLoss(), 1e-5, "validation reports the plain cross-entropy");
        }
    }

    @Test
    void patienceStopsTrainingAndSaysSo() {
        Dataset noise = Synthetic.noise(40, 1, 6, 6, 4, 3);
        Model model = Model.build("flatten dense(4)", new Shape(1, 6, 6), 1);
        // A rate too small to change the validation accuracy: it never improves after epoch 1.
        TrainerConfig config = TrainerConfig.defaults().withThreads(1).withBatchSize(10).withEpochs(20).withPatience(3)
                .withOptimizer(OptimizerConfig.named("sgd", 1e-9f));
        int[] stopped = new int[2];
        try (Trainer trainer = new Trainer(model, Kernels.named("reference"), config)) {
            List<EpochMetrics> history = trainer.fit(noise, noise, new TrainingListener() {
                @Override
                public void stoppedEarly(int epoch, int bestEpoch, double bestValAccuracy) {
                    stopped[0] = epoch;
                    stopped[1] = bestEpoch;
                }
            });
            assertEquals(4, history.size());
            assertEquals(4, stopped[0]);
            assertEquals(1, stopped[1]);
            assertEquals(4, trainer.epoch());
        }
    }

    @Test
    void eachEpochRecordsItsFirstAndLastRate() {
        Dataset data = Synthetic.bars(40, 8, 2, 3);
        Model model = Model.build("flatten dense(2)", new Shape(1, 8, 8), 1);
        TrainerConfig config = TrainerConfig.defaults().withThreads(1).withBatchSize(10).withEpochs(3)
                .withSchedule(LrSchedule.parse("cosine(warmup=1)"));
        try (Trainer trainer = new Trainer(model, Kernels.named("reference"), config)) {
            List<EpochMetrics> history = trainer.fit(data, null, TrainingListener.NONE);
            double base = 1e-3f;
            assertEquals((float) (base / 4), history.get(0).firstLr());
            assertEquals(1e-3f, history.get(0).lr(), "the warm-up ends at the base");
            assertEquals(1e-3f, history.get(1).firstLr(), "the cosine starts from the base");
            assertEquals((float) (0.5 * base * (1 + Math.cos(Math.PI * 7 / 8))), history.get(2).lr());
        }
    }

    @Test
    void anotherSeedGivesAnotherModel() {
        Dataset data = Synthetic.bars(90, 10, 4, 3);
        List<float[]> a = train(Kernels.named("reference"), config(1), data);
        List<float[]> b = train(Kernels.named("reference"), config(1).withSeed(10), data);
        assertNotEquals(java.util.Arrays.toString(a.get(0)), java.util.Arrays.toString(b.get(0)));
    }

    @Test
    void aSmallNetworkLearnsBars() {
        Dataset train = Synthetic.bars(400, 12, 6, 1);
        Dataset test = Synthetic.bars(200, 12, 6, 2);
        Model model = Model.build("conv(8,3) relu maxpool(2) flatten dense(32) relu dense(6)", new Shape(1, 12, 12), 4);
        TrainerConfig config = TrainerConfig.defaults().withThreads(2).withBatchSize(32).withEpochs(4);
        try (Trainer trainer = new Trainer(model, Kernels.named("simd"), config)) {
            double before = trainer.evaluate(test).loss();
            List<EpochMetrics> history = trainer.fit(train, test, TrainingListener.NONE);
            EpochMetrics last = history.get(history.size() - 1);
            assertEquals(4, history.size());
            assertTrue(last.valLoss() < 0.3 * before, "validation loss went from " + before + " to " + last.valLoss());
            assertTrue(last.valAccuracy() > 0.9, "validation accuracy " + last.valAccuracy());
            assertTrue(history.get(0).trainLoss() > last.trainLoss(), "training loss did not fall");
            assertTrue(last.seconds() > 0 && last.imagesPerSecond() > 0);
            Evaluation e = trainer.evaluate(test);
            assertEquals(last.valAccuracy(), e.accuracy());
            int sum = 0, diagonal = 0;
            for (int a = 0; a < 6; a++)
                for (int p = 0; p < 6; p++) {
                    sum += e.confusion()[a][p];
                    if (a == p) diagonal += e.confusion()[a][p];
                }
            assertEquals(200, sum);
            assertEquals(e.accuracy(), diagonal / 200.0);
        }
    }

    @Test
    void referenceAndSimdKernelsTrainAlike() {
        Dataset train = Synthetic.bars(120, 10, 4, 5);
        TrainerConfig config = TrainerConfig.defaults().withThreads(2).withBatchSize(16).withEpochs(1).withSeed(3);
        String spec = "conv(6,3) relu maxpool(2) flatten dense(16) relu dense(4)";
        double[] losses = new double[2];
        List<List<float[]>> params = new ArrayList<>();
        String[] names = {"reference", "simd"};
        for (int i = 0; i < 2; i++) {
            Model model = Model.build(spec, new Shape(1, 10, 10), 3);
            try (Trainer trainer = new Trainer(model, Kernels.named(names[i]), config)) {
                losses[i] = trainer.fit(train, null, TrainingListener.NONE).get(0).trainLoss();
                params.add(model.copyTensors());
            }
        }
        assertEquals(losses[0], losses[1], 1e-3 * losses[0], "epoch loss, reference vs simd");
        for (int t = 0; t < params.get(0).size(); t++) {
            float[] ref = params.get(0).get(t), simd = params.get(1).get(t);
            double norm = 0, diff = 0;
            for (int i = 0; i < ref.length; i++) {
                norm += (double) ref[i] * ref[i];
                diff += (double) (ref[i] - simd[i]) * (ref[i] - simd[i]);
            }
            assertTrue(Math.sqrt(diff) <= 1e-3 * Math.sqrt(norm),
                    "tensor " + t + ": |simd - reference| = " + Math.sqrt(diff) + " against |reference| = " + Math.sqrt(norm));
        }
    }

    /** The trip through a model file's bytes, as the CLI saves and resumes. */
    private static Checkpoint throughModelFile(Checkpoint checkpoint) throws Exception {
        byte[] bytes = ModelFile.toBytes(checkpoint.toContents(Map.of("lr", "0.003")));
        ModelFile.Contents contents = ModelFile.fromBytes("test.vecnn", bytes);
        assertEquals("0.003", contents.options().get("lr"));
        return Checkpoint.of("test.vecnn", contents);
    }

    @ParameterizedTest
    @ValueSource(strings = {"simd", "reference"})
    void resumingFromACheckpointContinuesExactly(String kernelsName) throws Exception {
        Dataset data = Synthetic.bars(90, 10, 4, 3);
        Kernels kernels = Kernels.named(kernelsName);
        List<float[]> straight = train(kernels, config(2), data);

        Model model = Model.build(BUSY, new Shape(1, 10, 10), 9);
        Checkpoint checkpoint;
        try (Trainer first = new Trainer(model, kernels, config(2).withEpochs(1))) {
            first.fit(data, null, TrainingListener.NONE);
            checkpoint = throughModelFile(first.checkpoint());
        }
        assertEquals(1, checkpoint.epoch());
        assertEquals(5, checkpoint.step());
        assertEquals("adam", checkpoint.optimizer());
        try (Trainer second = Trainer.resume(checkpoint, kernels, config(1))) {
            second.fit(data, null, TrainingListener.NONE);
            List<float[]> resumed = new ArrayList<>(second.model().copyTensors());
            resumed.addAll(second.optimizer().copyState());
            for (int i = 0; i < straight.size(); i++)
                assertArrayEquals(straight.get(i), resumed.get(i), "tensor " + i + " differs after resuming");
        }
    }

    /** Stops the trainer once it has trained {@code steps} steps in all, as a signal handler would. */
    private static TrainingListener stopAfter(Trainer trainer, long steps) {
        return new TrainingListener() {
            @Override
            public void batchEnded(BatchProgress progress) {
                if (trainer.step() == steps) trainer.requestStop();
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"simd", "reference"})
    void aRunStoppedInsideAnEpochResumesToTheSameModelAndMetrics(String kernelsName) throws Exception {
        Dataset data = Synthetic.bars(90, 10, 4, 3);
        Kernels kernels = Kernels.named(kernelsName);
        List<float[]> straight;
        List<EpochMetrics> straightMetrics;
        Model straightModel = Model.build(BUSY, new Shape(1, 10, 10), 9);
        try (Trainer trainer = new Trainer(straightModel, kernels, config(2))) {
            straightMetrics = trainer.fit(data, null, TrainingListener.NONE);
            straight = new ArrayList<>(straightModel.copyTensors());
            straight.addAll(trainer.optimizer().copyState());
        }
        // 5 batches per epoch: stop after batch 2 of epoch 2 (step 7), then again after batch 4 of it (step 9).
        Checkpoint checkpoint;
        try (Trainer first = new Trainer(Model.build(BUSY, new Shape(1, 10, 10), 9), kernels, config(2))) {
            List<EpochMetrics> done = first.fit(data, null, stopAfter(first, 7));
            assertTrue(first.stopped());
            assertEquals(1, done.size());
            assertEquals(straightMetrics.get(0).trainLoss(), done.get(0).trainLoss());
            checkpoint = throughModelFile(first.checkpoint());
        }
        assertEquals(1, checkpoint.epoch());
        assertEquals(7, checkpoint.step());
        assertEquals(2, checkpoint.progress().batches());
        try (Trainer second = Trainer.resume(checkpoint, kernels, config(1))) {
            assertTrue(second.fit(data, null, stopAfter(second, 9)).isEmpty());
            assertEquals(4, second.progress().batches());
            checkpoint = throughModelFile(second.checkpoint());
        }
        try (Trainer third = Trainer.resume(checkpoint, kernels, config(3))) {
            List<EpochMetrics> rest = third.fit(data, null, TrainingListener.NONE);
            assertFalse(third.stopped());
            assertEquals(1, rest.size());
            EpochMetrics expected = straightMetrics.get(1), got = rest.get(0);
            assertEquals(expected.trainLoss(), got.trainLoss(), "the epoch's loss counts the batches before the stops");
            assertEquals(expected.trainAccuracy(), got.trainAccuracy());
            assertEquals(EpochProgress.START, third.checkpoint().progress());
            List<float[]> resumed = new ArrayList<>(third.model().copyTensors());
            resumed.addAll(third.optimizer().copyState());
            for (int i = 0; i < straight.size(); i++)
                assertArrayEquals(straight.get(i), resumed.get(i), "tensor " + i + " differs after two stops");
        }
    }

    @Test
    void aStopDuringAnEpochsLastBatchLetsTheEpochFinish() {
        Dataset data = Synthetic.bars(90, 10, 4, 3);
        List<Integer> ended = new ArrayList<>();
        try (Trainer trainer = new Trainer(Model.build(BUSY, new Shape(1, 10, 10), 9), Kernels.named("reference"), config(1))) {
            List<EpochMetrics> done = trainer.fit(data, null, new TrainingListener() {
                @Override
                public void batchEnded(BatchProgress progress) {
                    if (progress.batch() == progress.batches()) trainer.requestStop();
                }

                @Override
                public void epochEnded(EpochMetrics metrics) {
                    ended.add(metrics.epoch());
                }
            });
            assertTrue(trainer.stopped());
            assertEquals(List.of(1), ended);
            assertEquals(1, done.size());
            assertEquals(5, trainer.step());
            assertEquals(EpochProgress.START, trainer.progress());
        }
    }

    @Test
    void aCheckpointThatDoesNotFitTheDataIsRefused() throws Exception {
        Dataset data = Synthetic.bars(90, 10, 4, 3);
        Checkpoint checkpoint;
        try (Trainer first = new Trainer(Model.build(BUSY, new Shape(1, 10, 10), 9), Kernels.named("reference"), config(1))) {
            first.fit(data, null, stopAfter(first, 3));
            checkpoint = first.checkpoint();
        }
        try (Trainer second = Trainer.resume(checkpoint, Kernels.named("reference"), config(1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> second.fit(Synthetic.bars(50, 10, 4, 3), null, TrainingListener.NONE));
            assertTrue(e.getMessage().contains("not the data the run started with"), e.getMessage());
        }
    }

    @Test
    void aDivergingLossStopsTrainingNamingEpochAndBatch() {
        Dataset data = Synthetic.bars(64, 8, 2, 3);
        Model model = Model.build("flatten dense(2)", new Shape(1, 8, 8), 1);
        // Squared error with a huge step grows the outputs geometrically until they overflow.
        TrainerConfig config = TrainerConfig.defaults().withThreads(1).withBatchSize(8).withEpochs(3)
                .withLoss(Loss.MSE).withOptimizer(OptimizerConfig.named("sgd", 1e3f));
        try (Trainer trainer = new Trainer(model, Kernels.named("reference"), config)) {
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.fit(data, null, TrainingListener.NONE));
            assertTrue(e.getMessage().contains("epoch " + e.epoch() + ", batch " + e.batch()), e.getMessage());
            assertTrue(e.epoch() >= 1 && e.epoch() <= 3 && e.batch() >= 1 && e.batch() <= 8, e.getMessage());
            assertEquals((e.epoch() - 1) * 8L + e.batch() - 1, trainer.step(), "the diverging step must not count");
        }
    }

    @Test
    void datasetsThatDoNotFitAreRejected() {
        Model model = Model.build("flatten dense(3)", new Shape(1, 8, 8), 1);
        try (Trainer trainer = new Trainer(model, Kernels.named("reference"), TrainerConfig.defaults().withThreads(1))) {
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                    () -> trainer.fit(Synthetic.noise(4, 1, 9, 9, 3, 1), null, TrainingListener.NONE));
            assertTrue(shape.getMessage().contains("1x9x9"), shape.getMessage());
            IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
                    () -> trainer.fit(Synthetic.noise(4, 1, 8, 8, 4, 1), null, TrainingListener.NONE));
            assertTrue(classes.getMessage().contains("4 classes"), classes.getMessage());
        }
    }

    @Test
    void aNetworkWithoutParametersEvaluatesButDoesNotTrain() {
        Model model = Model.build("softmax", Shape.flat(3), 1);
        Dataset data = Synthetic.noise(5, 3, 1, 1, 3, 1);
        try (Evaluator evaluator = new Evaluator(model, Kernels.named("reference"), 2)) {
            Evaluation e = evaluator.evaluate(data);
            assertEquals(5, e.count());
            assertTrue(e.loss() > 0 && Double.isFinite(e.loss()));
            float[][] p = evaluator.probabilities(data);
            for (float[] row : p) assertEquals(1.0, row[0] + row[1] + row[2], 1e-6);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(model, Kernels.named("reference"), TrainerConfig.defaults()));
        assertTrue(e.getMessage().contains("no parameters to train"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"simd", "reference"})
    void evaluationIsTheSameOnAnyNumberOfThreads(String kernelsName) {
        Model model = Model.build(BUSY, new Shape(1, 10, 10), 4);
        Dataset data = Synthetic.bars(147, 10, 4, 8);
        Evaluation[] results = new Evaluation[3];
        float[][][] probabilities = new float[3][][];
        for (int t = 1; t <= 3; t++)
            try (Evaluator evaluator = new Evaluator(model, Kernels.named(kernelsName), t)) {
                results[t - 1] = evaluator.evaluate(data);
                probabilities[t - 1] = evaluator.probabilities(data);
            }
        for (int t = 1; t < 3; t++) {
            assertEquals(results[0].loss(), results[t].loss());
            assertEquals(results[0].accuracy(), results[t].accuracy());
            assertTrue(java.util.Arrays.deepEquals(results[0].confusion(), results[t].confusion()));
            assertTrue(java.util.Arrays.deepEquals(probabilities[0], probabilities[t]));
        }
        int argmaxAgrees = 0;
        for (int i = 0; i < data.count(); i++) {
            float[] p = probabilities[0][i];
            int best = 0;
            for (int j = 1; j < p.length; j++) if (p[j] > p[best]) best = j;
            if (best == data.label(i)) argmaxAgrees++;
        }
        assertEquals(results[0].accuracy(), argmaxAgrees / (double) data.count(), 1e-12);
    }
}
