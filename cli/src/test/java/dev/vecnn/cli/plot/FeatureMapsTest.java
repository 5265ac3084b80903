package dev.vecnn.cli.plot;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;

import static dev.vecnn.cli.plot.PlotTesting.assertPixel;
import static dev.vecnn.cli.plot.PlotTesting.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FeatureMapsTest {
    @Test
    void theInputIsGreyAndEachChannelIsStretchedOverViridis() {
        float[] input = {0, 1, 0.5f, 0};              // 1 x 2 x 2
        float[] maps = {-1, 0, 1, 2, 3, 4, 7, 7, 7, 7, 7, 7}; // 2 channels of 2x3: a ramp from -1 to 4, and a constant
        BufferedImage image = roundTrip(FeatureMaps.render("test", new FeatureMaps.Maps("input", input, 1, 2, 2),
                List.of(new FeatureMaps.Maps("1 conv", maps, 2, 2, 3))));
        int inputScale = 2 * FeatureMaps.TILE / 2, inputTop = FeatureMaps.TITLE + FeatureMaps.HEADING;
        assertPixel(Color.BLACK, image, Tiles.MARGIN + 1, inputTop + 1);
        assertPixel(Color.WHITE, image, Tiles.MARGIN + inputScale + 1, inputTop + 1);
        assertPixel(new Color(128, 128, 128), image, Tiles.MARGIN + 1, inputTop + inputScale + 1);
        int scale = Tiles.scale(3, FeatureMaps.TILE), top = inputTop + 2 * inputScale + Tiles.MARGIN + FeatureMaps.HEADING;
        int left0 = Tiles.MARGIN, left1 = left0 + 3 * scale + FeatureMaps.GAP;
        assertPixel(new Color(ColourMaps.viridis(0)), image, left0 + 2, top + 2);
        assertPixel(new Color(ColourMaps.viridis(1)), image, left0 + 2 * scale + 2, top + scale + 2);
        assertPixel(new Color(ColourMaps.viridis(0.2)), image, left0 + scale + 2, top + 2); // 0 is a fifth of the way up
        assertPixel(new Color(ColourMaps.viridis(0)), image, left1 + 2, top + 2);          // a constant map stays at the bottom
        assertThrows(IllegalArgumentException.class, () -> new FeatureMaps.Maps("bad", maps, 2, 2, 2));
    }

    @Test
    void viridisRunsFromVioletToYellowThroughItsSamples() {
        assertPixelValue(0x440154, ColourMaps.viridis(0));
        assertPixelValue(0x21918C, ColourMaps.viridis(0.5));
        assertPixelValue(0xFDE725, ColourMaps.viridis(1));
        assertPixelValue(0xFDE725, ColourMaps.viridis(7));  // clamped
        // Halfway between the first two samples, channel by channel: (0x44+0x47)/2, (0x01+0x2D)/2, (0x54+0x7B)/2.
        assertPixelValue(0x461768, ColourMaps.viridis(1 / 16.0));
    }

    private static void assertPixelValue(int expected, int actual) {
        assertEquals(Integer.toHexString(expected), Integer.toHexString(actual));
    }
}
