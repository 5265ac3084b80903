package dev.vecnn.cli.plot;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.io.AtomicFiles;
import dev.vecnn.engine.layers.Conv2dLayer;
import dev.vecnn.engine.layers.Layer;
import dev.vecnn.engine.layers.Param;
import dev.vecnn.engine.layers.PoolLayer;
import dev.vecnn.engine.model.Model;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Draws every figure of a {@link Snapshot} into a directory as PNG files, then report.html with
 * the figures embedded. A figure the model or the run cannot give (filters without a convolution,
 * curves without metrics) is left out and the page says why.
 */
final class Report {
    static final String PAGE = "report.html";
    /** The figures of test images look at most this many of them (the first ones), so a 10,000-image set stays quick. */
    static final int PROBED_IMAGES = 2000;
    static final int SHOWN_PREDICTIONS = 32, SHOWN_MISTAKES = 8;
    /** The figures in the page's order (they are drawn in another: those that need no probe first). */
    static final List<String> ORDER = List.of("curves.png", "confusion.png", "filters.png", "feature-maps.png",
            "predictions.png", "distributions.png", "embedding.png");

    /** What a rendering wrote and what it cost. */
    record Written(List<Figure> figures, List<String> leftOut, double seconds) {}

    private Report() {}

    static Written write(Path directory, Snapshot s) throws IOException {
        long start = System.nanoTime();
        List<Drawing> drawings = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        Model model = s.model();
        Dataset test = s.images();
        String set = s.imageSet();
        int probed = Math.min(PROBED_IMAGES, test.count());
        String probedImages = probed == test.count() ? "the " + count(probed) + " " + set + " images"
                : "the first " + count(probed) + " of " + count(test.count()) + " " + set + " images";
        // The probe runs on one core while the figures that do not need it are drawn on the other.
        CompletableFuture<ModelProbe.Outputs> probe = CompletableFuture.supplyAsync(
                () -> ModelProbe.run(model, s.kernels(), test, probed, 1));

        if (s.metrics().rows().isEmpty()) leftOut.add("curves.png: no metrics.csv beside the model");
        else drawings.add(curves(s));

        Conv2dLayer conv = firstConvolution(model);
        if (conv == null) {
            leftOut.add("filters.png and feature-maps.png: the network has no convolution");
        } else {
            Param weight = conv.params().get(0);
            int[] dims = weight.dims();
            drawings.add(new Drawing("filters.png", "Learned filters", () -> "The first convolution's kernels, one tile per"
                    + " filter and input channel.", () -> FilterGrid.render((conv.index() + 1) + " " + conv.text(),
                    weight.data(), dims[0], dims[1], dims[2], dims[3])));
        }

        if (s.statistics().isEmpty()) leftOut.add("distributions.png: no layer statistics");
        else drawings.add(new Drawing("distributions.png", "Weights and gradients", () -> "Per layer and epoch: the spread"
                + " of the weights and of the gradient magnitudes of the epoch's last step (box: quartiles, line: median,"
                + " whiskers: 1st and 99th percentile); the gradient flow: each layer's gradient norm.",
                () -> Distributions.render(s.statistics())));

        String confused = s.evaluation() != null ? count(s.evaluation().count()) + " " + set + " images" : probedImages;
        drawings.add(new Drawing("confusion.png", "Confusion matrix", () -> "Rows: the true class; columns: the predicted"
                + " class; each cell shaded by its share of its row.", () -> ConfusionMatrixPlot.render(
                s.evaluation() != null ? s.evaluation().confusion() : probe.join().confusion(test), s.classNames(),
                confused + " of " + test.name())));

        if (conv != null)
            drawings.add(new Drawing("feature-maps.png", "Feature maps", () -> "One " + set + " image and the output of"
                    + " every convolution and pooling layer for it, each channel coloured from its own minimum (dark) to"
                    + " maximum (yellow).", () -> featureMaps(s, probe.join())));

        drawings.add(new Drawing("predictions.png", "Sample predictions", () -> "Images with the predicted class and its"
                + " probability; red: wrong, with the true class.", () -> predictions(s, probe.join(), probedImages)));

        int[] labels = IntStream.range(0, probed).map(test::label).toArray();
        drawings.add(new Drawing("embedding.png", "Feature space", () -> "The features entering the last layer (the"
                + " output of " + probe.join().featureLayer() + ") for " + probedImages + ", projected on their first two"
                + " principal components.", () -> {
            ModelProbe.Outputs outputs = probe.join();
            return Embedding.render(outputs.features(), probed, outputs.featureSize(), labels, s.classNames(),
                    outputs.featureSize() + " features of " + outputs.featureLayer() + ", " + probedImages);
        }));

        // Training waits while the figures are drawn, so its cores are free: the drawings share them.
        List<Figure> figures = drawings.parallelStream().map(d -> d.figure(s.epoch()))
                .sorted(Comparator.comparingInt(f -> ORDER.indexOf(f.file()))).toList();
        for (Figure f : figures) AtomicFiles.replace(directory.resolve(f.file()), f.png());
        Written written = new Written(figures, leftOut, (System.nanoTime() - start) * 1e-9);
        AtomicFiles.replace(directory.resolve(PAGE), ReportPage.html(s, written).getBytes(StandardCharsets.UTF_8));
        return written;
    }

    /**
     * Draws the curves of {@code s} anew and writes the page with them and the other figures of
     * {@code previous}, whose files stay as they were: the cheap update between two full drawings.
     */
    static Written writeCurves(Path directory, Snapshot s, Written previous) throws IOException {
        long start = System.nanoTime();
        List<Figure> figures = new ArrayList<>(previous.figures());
        if (!s.metrics().rows().isEmpty()) {
            Figure curves = curves(s).figure(s.epoch());
            figures.removeIf(f -> f.file().equals(curves.file()));
            figures.add(0, curves);
            AtomicFiles.replace(directory.resolve(curves.file()), curves.png());
        }
        List<String> leftOut = previous.leftOut().stream().filter(why -> !why.startsWith("curves.png")).toList();
        Written written = new Written(figures, leftOut, (System.nanoTime() - start) * 1e-9);
        AtomicFiles.replace(directory.resolve(PAGE), ReportPage.html(s, written).getBytes(StandardCharsets.UTF_8));
        return written;
    }

    private static Drawing curves(Snapshot s) {
        return new Drawing("curves.png", "Training curves", () -> "Loss and accuracy per epoch on the training images (as"
                + " trained, with dropout and augmentation) and on the validation images after the epoch; the learning"
                + " rate of each epoch's last and first step.", () -> TrainingCurves.render(s.metrics().epochs()));
    }

    /** A figure still to draw; its caption may name what the probe found, so it is written with the figure. */
    private record Drawing(String file, String title, Supplier<String> caption, Supplier<BufferedImage> draw) {
        Figure figure(int epoch) {
            BufferedImage image = draw.get();
            return new Figure(file, title, caption.get(), Png.encode(image), image.getWidth(), image.getHeight(), epoch);
        }
    }

    private static Conv2dLayer firstConvolution(Model model) {
        for (Layer layer : model.layers()) if (layer instanceof Conv2dLayer conv) return conv;
        return null;
    }

    /** Test image 0 and the outputs of the convolution and pooling layers for it. */
    private static BufferedImage featureMaps(Snapshot s, ModelProbe.Outputs outputs) {
        Model model = s.model();
        float[][] all = ModelProbe.layerOutputs(model, s.kernels(), s.images(), 0);
        Shape input = model.input();
        List<FeatureMaps.Maps> maps = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            if (!(layer instanceof Conv2dLayer || layer instanceof PoolLayer)) continue;
            Shape out = layer.output();
            maps.add(new FeatureMaps.Maps((i + 1) + " " + layer.text(), all[i + 1], out.channels(), out.height(), out.width()));
        }
        int label = s.images().label(0), predicted = outputs.predicted(0);
        String title = String.format(Locale.ROOT, "%s image 0: %s, predicted %s (%.1f %%)", s.imageSet(), s.classNames().get(label),
                s.classNames().get(predicted), 100 * outputs.probability(0, predicted));
        return FeatureMaps.render(title, new FeatureMaps.Maps("input", all[0], input.channels(), input.height(), input.width()), maps);
    }

    /** The most confident mistakes first, then the images in test order. */
    private static BufferedImage predictions(Snapshot s, ModelProbe.Outputs outputs, String probedImages) {
        Dataset test = s.images();
        String set = s.imageSet();
        List<Integer> mistakes = IntStream.range(0, outputs.count()).filter(i -> outputs.predicted(i) != test.label(i)).boxed()
                .sorted(Comparator.comparingDouble(i -> -outputs.probability(i, outputs.predicted(i)))).limit(SHOWN_MISTAKES)
                .toList();
        List<Integer> shown = new ArrayList<>(mistakes);
        for (int i = 0; i < outputs.count() && shown.size() < Math.min(SHOWN_PREDICTIONS, outputs.count()); i++)
            if (!mistakes.contains(i)) shown.add(i);
        Shape input = s.model().input();
        int plane = input.height() * input.width();
        float[] pixels = new float[input.size()];
        List<SamplePredictions.Sample> samples = new ArrayList<>();
        for (int i : shown) {
            test.imageAsFloats(i, pixels, 0);
            int predicted = outputs.predicted(i);
            samples.add(new SamplePredictions.Sample(Arrays.copyOf(pixels, plane), input.height(), input.width(),
                    test.label(i), predicted, outputs.probability(i, predicted)));
        }
        String subtitle = (mistakes.isEmpty() ? "no mistakes" : "first: the " + mistakes.size() + " most confident mistakes")
                + " among " + probedImages + (mistakes.isEmpty() ? "" : "; then " + s.imageSet() + " images in order");
        return SamplePredictions.render(samples, s.classNames(), subtitle);
    }

    static String count(int n) { return String.format(Locale.ROOT, "%,d", n); }
}
