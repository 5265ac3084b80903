package dev.vecnn.engine.train;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.Synthetic;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.layers.Param;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every layer's backward pass, as the trainer runs it (chunked, with batch norm's cross-chunk
 * reductions), against central finite differences of the loss the trainer computes. Each layer
 * sits between weighted layers, so its input gradient is checked through the gradients of the
 * weights below it and its parameter gradients directly. A batch of 7 in chunks of 3 gives two
 * full chunks and a short one.
 */
class GradientCheckTest {
    private static final int BATCH = 7;
    private static final int CHUNK = 3;
    private static final double EPS = 1e-2;

    @ParameterizedTest(name = "{0} on {1} ({2})")
    @CsvSource(delimiter = ';', value = {
            "conv(3,3,stride=2,pad=1) flatten dense(3); 2x7x7; crossentropy",
            "conv(2,2) conv(3,3,pad=same) flatten dense(3); 1x6x6; crossentropy",
            "conv(2,1) maxpool(2) flatten dense(3); 1x6x5; crossentropy",
            "conv(2,3,pad=1) avgpool(3,stride=2,pad=1) flatten dense(3); 1x6x6; crossentropy",
            "conv(2,3) relu flatten dense(3); 1x5x5; crossentropy",
            "conv(2,2) relu maxpool(2) flatten dense(3); 1x8x6; crossentropy",
            "flatten dense(5) leakyrelu(0.1) dense(3); 1x3x3; crossentropy",
            "conv(2,2) prelu flatten dense(5) prelu(0.1) dense(3); 1x4x4; crossentropy",
            "flatten dense(5) sigmoid dense(3); 1x3x3; crossentropy",
            "flatten dense(5) tanh dense(3); 1x3x3; crossentropy",
            "flatten dense(4) softmax; 1x3x3; mse",
            "flatten dense(5) softmax dense(3) softmax; 1x3x3; crossentropy",
            "flatten dense(6) dropout(0.3) dense(3); 1x3x3; crossentropy",
            "conv(3,2) spatialdropout(0.5) flatten dense(3); 1x4x4; crossentropy",
            "conv(3,2) batchnorm flatten dense(3); 1x4x4; crossentropy",
            "flatten dense(5) batchnorm dense(3); 1x3x3; crossentropy",
            "batchnorm conv(2,2) flatten dense(3); 2x3x3; mse",
            "flatten dense(3); 1x4x4; mse",
    })
    void parameterGradientsMatchFiniteDifferences(String spec, String input, String lossName) {
        Loss loss = Loss.named(lossName);
        Shape shape = Shape.parse(input);
        Model model = Model.build(spec, shape, 11);
        Dataset data = Synthetic.noise(BATCH, shape.channels(), shape.height(), shape.width(), model.classes(), 5);
        try (Parallel parallel = new Parallel(1)) {
            BatchRunner runner = new BatchRunner(new TrainingPlan(model, Kernels.named("reference"), loss, CHUNK,
                    (BATCH + CHUNK - 1) / CHUNK, null), parallel);
            List<Param> params = model.parameters();
            double[][] analytic = new double[params.size()][];
            runner.run(data, null, 0, BATCH, 3, 42);
            for (int p = 0; p < params.size(); p++) analytic[p] = summedGradient(runner, p, params.get(p).size());
            runner.clearGradients();
            double modelScale = 0;
            for (double[] g : analytic) for (double v : g) modelScale = Math.max(modelScale, Math.abs(v));
            for (int p = 0; p < params.size(); p++) {
                float[] w = params.get(p).data();
                double scale = 0;
                for (double g : analytic[p]) scale = Math.max(scale, Math.abs(g));
                int tensor = p;
                assertTrue(scale > 0, () -> spec + ": gradient of " + model.tensorNames().get(tensor) + " is all zeros");
                for (int i = 0; i < w.length; i++) {
                    float saved = w[i];
                    double h = EPS * Math.max(1.0, Math.abs(saved));
                    w[i] = (float) (saved + h);
                    double up = (double) w[i];
                    double plus = lossOf(runner, data, loss, model);
                    w[i] = (float) (saved - h);
                    double down = (double) w[i];
                    double minus = lossOf(runner, data, loss, model);
                    w[i] = saved;
                    double numeric = (plus - minus) / (up - down);
                    // Relative, plus the noise floor of float forward passes differenced over 2h; a
                    // bias before batch norm has a true gradient of zero and meets only the floor.
                    double tolerance = 2e-2 * Math.abs(numeric) + 2e-3 * scale + 5e-5 * modelScale;
                    if (!(Math.abs(numeric - analytic[p][i]) <= tolerance))
                        fail(spec + " on " + input + ": d loss / d " + model.tensorNames().get(p) + "[" + i + "] = "
                                + analytic[p][i] + " by backprop but " + numeric + " by finite differences");
                }
            }
        }
    }

    /** Parameter p's gradient over the batch, as the training step's parameter phase sums it before the update. */
    private static double[] summedGradient(BatchRunner runner, int p, int size) {
        double[] sum = new double[size];
        for (GradientSlice slice : runner.plan().slices()) {
            if (slice.param != p) continue;
            slice.sum(runner.activeChunks());
            for (int j = slice.from; j < slice.to; j++) sum[j] = slice.total()[j];
        }
        return sum;
    }

    /** The batch's mean loss at the same step (so the same dropout masks), gradients discarded. */
    private static double lossOf(BatchRunner runner, Dataset data, Loss loss, Model model) {
        runner.run(data, null, 0, BATCH, 3, 42);
        runner.clearGradients();
        return loss.mean(runner.lossSum(), BATCH, model.classes());
    }
}
