package dev.vecnn.cli.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Loss and accuracy per epoch, training beside validation: two panels in one PNG. */
public final class TrainingCurves {
    static final int PANEL_WIDTH = 560, HEIGHT = 380;

    private TrainingCurves() {}

    /** One epoch's figures; NaN where there is no validation. Accuracies are fractions in [0, 1]. */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                        double validationAccuracy) {}

    public static void write(Path file, List<Epoch> epochs) throws IOException {
        Png.write(render(epochs), file);
    }

    static BufferedImage render(List<Epoch> epochs) {
        if (epochs.isEmpty()) throw new IllegalArgumentException("no epochs to plot");
        int n = epochs.size();
        double[] x = new double[n], trainLoss = new double[n], validationLoss = new double[n];
        double[] trainAccuracy = new double[n], validationAccuracy = new double[n];
        for (int i = 0; i < n; i++) {
            Epoch e = epochs.get(i);
            x[i] = e.epoch();
            trainLoss[i] = e.trainLoss();
            validationLoss[i] = e.validationLoss();
            trainAccuracy[i] = 100 * e.trainAccuracy();
            validationAccuracy[i] = 100 * e.validationAccuracy();
        }
        BufferedImage image = Png.canvas(2 * PANEL_WIDTH, HEIGHT);
        Graphics2D g = Png.graphics(image, 13);
        new LineChart("loss", "epoch", x).add("training", trainLoss).add("validation", validationLoss)
                .draw(g, 0, 0, PANEL_WIDTH, HEIGHT);
        new LineChart("accuracy (%)", "epoch", x).add("training", trainAccuracy).add("validation", validationAccuracy)
                .draw(g, PANEL_WIDTH, 0, PANEL_WIDTH, HEIGHT);
        g.dispose();
        return image;
    }
}
