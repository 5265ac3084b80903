package dev.vecnn.cli.plot;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;

import static dev.vecnn.cli.plot.PlotTesting.assertPixel;
import static dev.vecnn.cli.plot.PlotTesting.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FilterGridTest {
    @Test
    void eachFilterIsScaledByItsOwnPeak() {
        float[] w = new float[2 * 9];
        w[0] = 1f;        // filter 0, top left: full red
        w[8] = -0.5f;     // filter 0, bottom right: half blue
        for (int i = 9; i < 18; i++) w[i] = 0.01f; // filter 1: tiny but uniform, so full red
        BufferedImage image = roundTrip(FilterGrid.render("conv1", w, 2, 1, 3, 3));
        int scale = 16; // 48 / 3
        int tiles = 2 * Tiles.MARGIN + 2 * 3 * scale + Tiles.GAP;
        int left0 = (FilterGrid.MIN_WIDTH - tiles) / 2 + Tiles.MARGIN, left1 = left0 + 3 * scale + Tiles.GAP;
        int top = FilterGrid.TOP;
        assertEquals(FilterGrid.MIN_WIDTH, image.getWidth());
        assertEquals(top + Tiles.MARGIN + 3 * scale, image.getHeight());
        assertPixel(Color.RED, image, left0 + 1, top + 1);
        assertPixel(Color.RED, image, left0 + scale - 1, top + scale - 1);
        assertPixel(new Color(128, 128, 255), image, left0 + 2 * scale + 5, top + 2 * scale + 5);
        assertPixel(Color.WHITE, image, left0 + scale + 5, top + 5);
        assertPixel(Color.RED, image, left1 + 2 * scale + 5, top + 2 * scale + 5);
    }

    @Test
    void severalInputChannelsMakeOneRowPerFilter() {
        float[] w = new float[2 * 3 * 4];
        w[(1 * 3 + 2) * 4 + 3] = -2f; // filter 1, input channel 2, element (1, 1) of a 2x2 kernel
        w[0] = 1f;
        BufferedImage image = roundTrip(FilterGrid.render("conv2", w, 2, 3, 2, 2));
        int scale = 24, tile = 2 * scale + Tiles.GAP;
        int left = (FilterGrid.MIN_WIDTH - (2 * Tiles.MARGIN + 3 * tile - Tiles.GAP)) / 2 + Tiles.MARGIN;
        assertPixel(Color.BLUE, image, left + 2 * tile + scale + 3, FilterGrid.TOP + tile + scale + 3);
        assertPixel(Color.RED, image, left + 3, FilterGrid.TOP + 3);
        assertThrows(IllegalArgumentException.class, () -> FilterGrid.render("bad", w, 2, 3, 2, 3));
    }

    @Test
    void gridsFillTheirRowsWhereTheyCan() {
        assertEquals(8, Tiles.squareColumns(32));
        assertEquals(8, Tiles.squareColumns(64));
        assertEquals(4, Tiles.squareColumns(16));
        assertEquals(3, Tiles.squareColumns(7));   // prime: no full grid, the square's width
        assertEquals(1, Tiles.squareColumns(1));
    }
}
