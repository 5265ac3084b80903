package dev.vecnn.cli.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static dev.vecnn.cli.plot.ConfusionMatrixPlot.CELL;
import static dev.vecnn.cli.plot.ConfusionMatrixPlot.LEFT;
import static dev.vecnn.cli.plot.ConfusionMatrixPlot.TOP;
import static dev.vecnn.cli.plot.PlotTesting.assertPixel;
import static dev.vecnn.cli.plot.PlotTesting.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfusionMatrixPlotTest {
    @TempDir
    Path dir;

    @Test
    void cellsAreShadedByTheirShareOfTheRow() throws IOException {
        int[][] confusion = {{50, 0, 0}, {2, 40, 8}, {0, 0, 0}};
        Path file = dir.resolve("confusion.png");
        ConfusionMatrixPlot.write(file, confusion, List.of("cat", "dog", "emu"));
        BufferedImage image = decode(file);
        assertEquals(LEFT + 3 * CELL + ConfusionMatrixPlot.RIGHT, image.getWidth());
        assertEquals(TOP + 3 * CELL + ConfusionMatrixPlot.BOTTOM, image.getHeight());
        // Sample a corner of each cell, away from the count written in its middle.
        assertPixel(ConfusionMatrixPlot.FULL, image, LEFT + 3, TOP + 3);
        assertPixel(Color.WHITE, image, LEFT + CELL + 3, TOP + 3);
        assertPixel(ConfusionMatrixPlot.shade(8 / 50.0), image, LEFT + 2 * CELL + 3, TOP + CELL + 3);
        assertPixel(ConfusionMatrixPlot.shade(40 / 50.0), image, LEFT + CELL + 3, TOP + CELL + 3);
        assertPixel(Color.WHITE, image, LEFT + 3, TOP + 2 * CELL + 3);
        // sqrt shading: 4 % of a row is already a fifth of the way to full.
        assertEquals(Math.round(255 + (0x08 - 255) * 0.2), ConfusionMatrixPlot.shade(0.04).getRed());
    }

    @Test
    void aMatrixThatDoesNotMatchItsNamesIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrixPlot.write(dir.resolve("x.png"), new int[][] {{1, 2}, {3, 4}}, List.of("a")));
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrixPlot.write(dir.resolve("x.png"), new int[][] {{1, 2}, {3}}, List.of("a", "b")));
    }
}
