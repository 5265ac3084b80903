package dev.vecnn.cli.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static dev.vecnn.cli.plot.PlotTesting.assertPixel;
import static dev.vecnn.cli.plot.PlotTesting.count;
import static dev.vecnn.cli.plot.PlotTesting.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingCurvesTest {
    @TempDir
    Path dir;

    @Test
    void drawsTrainingAndValidationInTwoPanels() throws IOException {
        Path file = dir.resolve("curves.png");
        TrainingCurves.write(file, List.of(
                new TrainingCurves.Epoch(1, 2.0, 0.60, 1.8, 0.65),
                new TrainingCurves.Epoch(2, 1.0, 0.80, 1.1, 0.78),
                new TrainingCurves.Epoch(3, 0.5, 0.90, 0.7, 0.88)));
        BufferedImage image = decode(file);
        assertEquals(2 * TrainingCurves.PANEL_WIDTH, image.getWidth());
        assertEquals(TrainingCurves.HEIGHT, image.getHeight());
        // Loss panel: x spans [0.9, 3.1] over 480 px from 64; y spans [0.425, 2.075] over 300 px up from 334.
        // Epoch 1's training loss 2.0 is a marker at (85.8, 47.6), its validation loss 1.8 at (85.8, 84.0).
        assertPixel(Png.SERIES[0], image, 86, 48);
        assertPixel(Png.SERIES[1], image, 86, 84);
        // Accuracy panel, 560 px to the right: accuracy 90 % of epoch 3 is the top training marker.
        // y spans [58.5, 91.5]: 90 -> 334 - 31.5 / 33 * 300 = 47.6; x of epoch 3 -> 64 + 2.1 / 2.2 * 480 = 522.2.
        assertPixel(Png.SERIES[0], image, 560 + 522, 48);
        assertTrue(count(image, Png.SERIES[0]) > 200);
        assertTrue(count(image, Png.SERIES[1]) > 200);
    }

    @Test
    void withoutValidationOnlyTrainingIsDrawn() throws IOException {
        Path file = dir.resolve("train-only.png");
        TrainingCurves.write(file, List.of(new TrainingCurves.Epoch(1, 0.9, 0.7, Double.NaN, Double.NaN)));
        BufferedImage image = decode(file);
        assertTrue(count(image, Png.SERIES[0]) > 20);
        assertEquals(0, count(image, Png.SERIES[1]));
    }

    @Test
    void ticksAreRoundNumbersInsideTheRange() {
        assertEquals(List.of(0.5, 1.0, 1.5, 2.0), LineChart.ticks(0.425, 2.075, false));
        assertEquals(List.of(0.6, 0.8, 1.0, 1.2), LineChart.ticks(0.55, 1.35, false));
        assertEquals(List.of(1.0, 1.5, 2.0, 2.5, 3.0), LineChart.ticks(0.9, 3.1, false));
        assertEquals(List.of(1.0, 2.0, 3.0), LineChart.ticks(0.9, 3.1, true));
        assertEquals(List.of(0.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0), LineChart.ticks(-1.45, 31.45, true));
        assertEquals(List.of(60.0, 65.0, 70.0, 75.0, 80.0, 85.0, 90.0), LineChart.ticks(58.5, 91.5, false));
        assertEquals(List.of(60.0, 70.0, 80.0, 90.0, 100.0), LineChart.ticks(55, 100, false));
        assertThrows(IllegalArgumentException.class, () -> TrainingCurves.write(dir.resolve("x.png"), List.of()));
    }
}
