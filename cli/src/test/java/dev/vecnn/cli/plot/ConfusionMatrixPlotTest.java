package dev.vecnn.cli.plot;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;

import static dev.vecnn.cli.plot.PlotTesting.count;
import static dev.vecnn.cli.plot.PlotTesting.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfusionMatrixPlotTest {
    @Test
    void cellsAreShadedByTheirShareOfTheRow() {
        int[][] confusion = {{50, 0, 0}, {2, 40, 8}, {0, 0, 0}};
        BufferedImage image = roundTrip(ConfusionMatrixPlot.render(confusion, List.of("cat", "dog", "emu"), "three animals"));
        // Each shade covers about one cell of the heat map (cells are 48 px, less the counts written on them).
        long cell = 48 * 48;
        assertTrue(count(image, ConfusionMatrixPlot.shade(1)) > cell / 2, "a whole row: the darkest shade");
        assertTrue(count(image, ConfusionMatrixPlot.shade(40 / 50.0)) > cell / 2);
        assertTrue(count(image, ConfusionMatrixPlot.shade(8 / 50.0)) > cell / 2);
        assertTrue(count(image, ConfusionMatrixPlot.shade(2 / 50.0)) > cell / 2);
        // sqrt shading: 4 % of a row is already a fifth of the way to full.
        assertEquals(Math.round(255 + (0x08 - 255) * 0.2), ConfusionMatrixPlot.shade(0.04).getRed());
        assertEquals(Color.WHITE, ConfusionMatrixPlot.shade(0));
    }

    @Test
    void aMatrixThatDoesNotMatchItsNamesIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrixPlot.render(new int[][] {{1, 2}, {3, 4}}, List.of("a"), ""));
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrixPlot.render(new int[][] {{1, 2}, {3}}, List.of("a", "b"), ""));
    }
}
