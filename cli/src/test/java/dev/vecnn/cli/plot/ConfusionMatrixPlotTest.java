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
        // The count on the full cell is written in white: white pixels inside the box of the darkest shade.
        int dark = ConfusionMatrixPlot.shade(1).getRGB() & 0xFFFFFF;
        int left = Integer.MAX_VALUE, right = -1, top = Integer.MAX_VALUE, bottom = -1;
        for (int y = 0; y < image.getHeight(); y++)
            for (int x = 0; x < image.getWidth(); x++)
                if ((image.getRGB(x, y) & 0xFFFFFF) == dark) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
        assertTrue(right - left < image.getWidth() / 3 && bottom - top < image.getHeight() / 3,
                "one cell of the darkest shade: x " + left + ".." + right + ", y " + top + ".." + bottom);
        BufferedImage full = image.getSubimage(left, top, right - left + 1, bottom - top + 1);
        long light = 0;
        for (int y = 0; y < full.getHeight(); y++)
            for (int x = 0; x < full.getWidth(); x++) if ((full.getRGB(x, y) >> 8 & 0xFF) > 200) light++;
        assertTrue(light > 10, "its count, 50, is written in white (antialiased): " + light + " light pixels");
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
