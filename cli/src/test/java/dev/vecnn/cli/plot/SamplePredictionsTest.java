package dev.vecnn.cli.plot;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;

import static dev.vecnn.cli.plot.PlotTesting.assertPixel;
import static dev.vecnn.cli.plot.PlotTesting.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SamplePredictionsTest {
    @Test
    void rightAndWrongPredictionsAreFramedGreenAndRed() {
        float[] pixels = new float[28 * 28];
        pixels[14 * 28 + 10] = 1f;
        pixels[0] = 0.5f;
        List<SamplePredictions.Sample> samples = List.of(
                new SamplePredictions.Sample(pixels, 28, 28, 7, 7, 0.99),
                new SamplePredictions.Sample(pixels, 28, 28, 8, 3, 0.62));
        BufferedImage image = roundTrip(SamplePredictions.render(samples, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                "two samples"));
        int scale = 3, tile = 28 * scale + 2 * SamplePredictions.FRAME;
        int gap = Tiles.GAP + SamplePredictions.MIN_TILE_WIDTH - tile;
        int width = 2 * Tiles.MARGIN + 2 * tile + gap, shift = (SamplePredictions.MIN_WIDTH - width) / 2;
        int left0 = shift + Tiles.MARGIN, left1 = left0 + tile + gap, top = 52;
        assertEquals(SamplePredictions.MIN_WIDTH, image.getWidth());
        assertPixel(Png.GOOD, image, left0 + 1, top + 1);
        assertPixel(Png.BAD, image, left1 + 1, top + 1);
        int inside = SamplePredictions.FRAME;
        assertPixel(new Color(128, 128, 128), image, left0 + inside + 1, top + inside + 1);
        assertPixel(Color.WHITE, image, left1 + inside + 10 * scale + 1, top + inside + 14 * scale + 1);
        assertPixel(Color.BLACK, image, left1 + inside + 11 * scale + 1, top + inside + 14 * scale + 1);
        assertThrows(IllegalArgumentException.class, () -> SamplePredictions.render(List.of(), List.of("0"), ""));
    }
}
