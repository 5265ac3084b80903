package dev.vecnn.cli.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static dev.vecnn.cli.plot.PlotTesting.assertPixel;
import static dev.vecnn.cli.plot.PlotTesting.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FilterGridTest {
    @TempDir
    Path dir;

    @Test
    void eachFilterIsScaledByItsOwnPeak() throws IOException {
        float[] w = new float[2 * 9];
        w[0] = 1f;        // filter 0, top left: full red
        w[8] = -0.5f;     // filter 0, bottom right: half blue
        for (int i = 9; i < 18; i++) w[i] = 0.01f; // filter 1: tiny but uniform, so full red
        Path file = dir.resolve("filters.png");
        FilterGrid.write(file, "conv1", w, 2, 1, 3, 3);
        BufferedImage image = decode(file);
        int scale = 16; // 48 / 3
        int left0 = Tiles.MARGIN, left1 = Tiles.MARGIN + 3 * scale + Tiles.GAP, top = Tiles.TITLE;
        assertPixel(Color.RED, image, left0 + 1, top + 1);
        assertPixel(Color.RED, image, left0 + scale - 1, top + scale - 1);
        assertPixel(new Color(128, 128, 255), image, left0 + 2 * scale + 5, top + 2 * scale + 5);
        assertPixel(Color.WHITE, image, left0 + scale + 5, top + 5);
        assertPixel(Color.RED, image, left1 + 2 * scale + 5, top + 2 * scale + 5);
    }

    @Test
    void severalInputChannelsMakeOneRowPerFilter() throws IOException {
        float[] w = new float[2 * 3 * 4];
        w[(1 * 3 + 2) * 4 + 3] = -2f; // filter 1, input channel 2, element (1, 1) of a 2x2 kernel
        w[0] = 1f;
        Path file = dir.resolve("filters.png");
        FilterGrid.write(file, "conv2", w, 2, 3, 2, 2);
        BufferedImage image = decode(file);
        int scale = 24, tile = 2 * scale + Tiles.GAP;
        assertEquals(Math.max(240, 2 * Tiles.MARGIN + 3 * tile - Tiles.GAP), image.getWidth());
        assertPixel(Color.BLUE, image, Tiles.MARGIN + 2 * tile + scale + 3, Tiles.TITLE + tile + scale + 3);
        assertPixel(Color.RED, image, Tiles.MARGIN + 3, Tiles.TITLE + 3);
        assertThrows(IllegalArgumentException.class, () -> FilterGrid.write(file, "bad", w, 2, 3, 2, 3));
    }
}
