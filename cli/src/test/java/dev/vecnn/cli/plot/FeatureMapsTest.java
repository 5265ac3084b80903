package dev.vecnn.cli.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static dev.vecnn.cli.plot.PlotTesting.assertPixel;
import static dev.vecnn.cli.plot.PlotTesting.decode;

class FeatureMapsTest {
    @TempDir
    Path dir;

    @Test
    void eachChannelIsStretchedFromBlackToWhite() throws IOException {
        // 2 channels of 2x3: a ramp from -1 to 4, and a constant.
        float[] maps = {-1, 0, 1, 2, 3, 4, 7, 7, 7, 7, 7, 7};
        Path file = dir.resolve("maps.png");
        FeatureMaps.write(file, "relu1", maps, 2, 2, 3);
        BufferedImage image = decode(file);
        int scale = 28; // 84 / 3
        int left0 = Tiles.MARGIN, left1 = left0 + 3 * scale + Tiles.GAP, top = Tiles.TITLE;
        assertPixel(Color.BLACK, image, left0 + 2, top + 2);
        assertPixel(Color.WHITE, image, left0 + 2 * scale + 2, top + scale + 2);
        assertPixel(new Color(51, 51, 51), image, left0 + scale + 2, top + 2);   // 0 is a fifth of the way up
        assertPixel(Color.BLACK, image, left1 + 2, top + 2);                       // a constant map stays black
    }
}
