package dev.vecnn.cli.plot;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.EpochMetrics;

import java.util.List;

/**
 * Draws and encodes one of each figure from stand-in data and throws them away, so that the first
 * real drawing finds AWT, the fonts, JFreeChart's classes and ImageIO's PNG writer loaded: about a
 * second on the session machine, more than all later drawings of a run together. {@code train}
 * starts it on a thread of its own before it reads its data, which leaves a core free.
 */
final class WarmUp implements Runnable {
    @Override
    public void run() {
        Model model = Model.build("conv(2,3) relu maxpool(2) flatten dense(2)", new Shape(1, 8, 8), 1);
        List<EpochMetrics> epochs = List.of(new EpochMetrics(1, 1, 0.5, 1, 0.5, 1e-3, 1, 1, 1e-3, 2),
                new EpochMetrics(2, 0.5, 0.7, 0.6, 0.6, 1e-4, 1, 1, 1e-3, 2));
        List<String> names = List.of("a", "b");
        float[] features = {0, 1, 1, 0, 2, 2, 0.5f, 1.5f};
        float[] image = new float[64];
        image[27] = 1;
        Png.encode(TrainingCurves.render(epochs));
        Png.encode(ConfusionMatrixPlot.render(new int[][] {{3, 1}, {0, 2}}, names, ""));
        Png.encode(FilterGrid.render("", model.parameters().get(0).data(), 2, 1, 3, 3));
        Png.encode(Distributions.render(TensorStatistics.of(1, model, model.parameters().stream().map(p -> p.data()).toArray(float[][]::new))));
        Png.encode(Embedding.render(features, 4, 2, new int[] {0, 1, 0, 1}, names, ""));
        Png.encode(SamplePredictions.render(List.of(new SamplePredictions.Sample(image, 8, 8, 0, 1, 0.5)), names, ""));
        Png.encode(FeatureMaps.render("", new FeatureMaps.Maps("", image, 1, 8, 8), List.of(new FeatureMaps.Maps("", image, 1, 8, 8))));
    }
}
