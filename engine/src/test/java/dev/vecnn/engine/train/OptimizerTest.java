package dev.vecnn.engine.train;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.Synthetic;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every optimiser, schedule and loss, wired through the trainer, learns the bars. */
class OptimizerTest {
    @ParameterizedTest(name = "{0} lr {1} {2} {3}")
    @CsvSource({
            "sgd, 0.1, constant, crossentropy",
            "momentum, 0.02, 'step(1,0.5)', crossentropy",
            "nesterov, 0.02, exp(0.8), crossentropy",
            "adam, 0.01, cosine(warmup=0.5), crossentropy",
            "adamw, 0.003, constant, crossentropy",
            "adam, 0.003, constant, mse",
    })
    void learns(String optimizer, float lr, String schedule, String loss) {
        Dataset train = Synthetic.bars(300, 10, 4, 1);
        Dataset test = Synthetic.bars(100, 10, 4, 2);
        Model model = Model.build("conv(6,3) relu maxpool(2) flatten dense(24) relu dense(4) softmax",
                new Shape(1, 10, 10), 2);
        TrainerConfig config = TrainerConfig.defaults().withThreads(2).withBatchSize(20).withEpochs(3)
                .withOptimizer(OptimizerConfig.named(optimizer, lr)).withSchedule(LrSchedule.parse(schedule))
                .withLoss(Loss.named(loss));
        try (Trainer trainer = new Trainer(model, Kernels.named("simd"), config)) {
            double before = trainer.evaluate(test).loss();
            List<EpochMetrics> history = trainer.fit(train, test, TrainingListener.NONE);
            EpochMetrics last = history.get(2);
            assertTrue(last.valLoss() < 0.5 * before, optimizer + ": validation loss " + before + " -> " + last.valLoss());
            assertTrue(last.valAccuracy() > 0.85, optimizer + ": validation accuracy " + last.valAccuracy());
            assertEquals(LrSchedule.parse(schedule).lr(lr, 44, 15, 3), last.lr(), 1e-6 * lr);
            assertEquals(45, trainer.step());
            assertEquals(config.optimizer().kind().slots() * model.parameters().size(),
                    trainer.optimizer().copyState().size());
        }
    }
}
