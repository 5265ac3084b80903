package dev.vecnn.cli.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static dev.vecnn.cli.plot.PlotTesting.assertPixel;
import static dev.vecnn.cli.plot.PlotTesting.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SamplePredictionsTest {
    @TempDir
    Path dir;

    @Test
    void rightAndWrongPredictionsAreFramedGreenAndRed() throws IOException {
        float[] pixels = new float[28 * 28];
        pixels[14 * 28 + 10] = 1f;
        pixels[0] = 0.5f;
        List<SamplePredictions.Sample> samples = List.of(
                new SamplePredictions.Sample(pixels, 28, 28, 7, 7, 0.99),
                new SamplePredictions.Sample(pixels, 28, 28, 8, 3, 0.62));
        Path file = dir.resolve("predictions.png");
        SamplePredictions.write(file, samples, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
        BufferedImage image = decode(file);
        int scale = 3, tile = 28 * scale + 2 * SamplePredictions.FRAME;
        int left0 = Tiles.MARGIN, left1 = left0 + tile + Tiles.GAP, top = Tiles.TITLE;
        assertEquals(Math.max(300, 2 * Tiles.MARGIN + 2 * tile + Tiles.GAP), image.getWidth());
        assertPixel(Png.GOOD, image, left0 + 1, top + 1);
        assertPixel(Png.BAD, image, left1 + 1, top + 1);
        int inside = SamplePredictions.FRAME;
        assertPixel(new Color(128, 128, 128), image, left0 + inside + 1, top + inside + 1);
        assertPixel(Color.WHITE, image, left1 + inside + 10 * scale + 1, top + inside + 14 * scale + 1);
        assertPixel(Color.BLACK, image, left1 + inside + 11 * scale + 1, top + inside + 14 * scale + 1);
    }
}
