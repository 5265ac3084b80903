package dev.vecnn.cli.plot;

import dev.vecnn.engine.train.EpochMetrics;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static dev.vecnn.cli.plot.PlotTesting.count;
import static dev.vecnn.cli.plot.PlotTesting.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingCurvesTest {
    private static EpochMetrics epoch(int e, double loss, double accuracy, double valLoss, double valAccuracy, double lr) {
        return new EpochMetrics(e, loss, accuracy, valLoss, valAccuracy, lr, 1, 1000, 1.2 * lr, 100);
    }

    @Test
    void drawsTrainingValidationAndTheLearningRateInThreePanels() {
        BufferedImage image = roundTrip(TrainingCurves.render(List.of(epoch(1, 2.0, 0.60, 1.8, 0.65, 1e-3),
                epoch(2, 1.0, 0.80, 1.1, 0.78, 5e-4), epoch(3, 0.5, 0.90, 0.7, 0.88, 1e-4))));
        assertEquals(3 * TrainingCurves.PANEL_WIDTH, image.getWidth());
        assertEquals(TrainingCurves.HEIGHT, image.getHeight());
        // Training and validation in two colours in each of the first two panels; the rate in a third colour, alone.
        for (int panel = 0; panel < 3; panel++) {
            BufferedImage part = image.getSubimage(panel * TrainingCurves.PANEL_WIDTH, 0, TrainingCurves.PANEL_WIDTH,
                    TrainingCurves.HEIGHT);
            long training = count(part, Charts.PALETTE[0]), validation = count(part, Charts.PALETTE[1]);
            long rate = count(part, Charts.PALETTE[2]);
            if (panel < 2) assertTrue(training > 300 && validation > 300 && rate == 0, "panel " + panel + ": " + training
                    + " training, " + validation + " validation, " + rate + " rate pixels");
            else assertTrue(training == 0 && validation == 0 && rate > 300, "rate panel: " + rate + " pixels");
        }
    }

    @Test
    void withoutValidationOnlyTrainingIsDrawn() {
        BufferedImage image = roundTrip(TrainingCurves.render(List.of(epoch(1, 0.9, 0.7, Double.NaN, Double.NaN, 1e-3))));
        assertTrue(count(image, Charts.PALETTE[0]) > 20);
        assertEquals(0, count(image, Charts.PALETTE[1]));
        assertThrows(IllegalArgumentException.class, () -> TrainingCurves.render(List.of()));
    }
}
