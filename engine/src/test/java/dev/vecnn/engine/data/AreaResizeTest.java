package dev.vecnn.engine.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AreaResizeTest {
    @Test
    void halvingAveragesTwoByTwoBlocks() {
        float[] src = {
                1, 3, 0, 8,
                5, 7, 4, 4,
                2, 2, 9, 1,
                2, 2, 3, 3};
        assertArrayEquals(new float[] {4, 4, 2, 4}, AreaResize.resize(src, 4, 4, 2, 2));
    }

    @Test
    void partlyCoveredPixelsCountByTheirFraction() {
        // 3 -> 2 across: output 0 covers pixel 0 and half of pixel 1, output 1 the other half and pixel 2.
        float[] src = {3, 6, 9};
        float[] out = AreaResize.resize(src, 1, 3, 1, 2);
        assertEquals((3 + 0.5f * 6) / 1.5f, out[0], 1e-6f);
        assertEquals((0.5f * 6 + 9) / 1.5f, out[1], 1e-6f);
        // 2 -> 3 down: outputs cover 2/3 of a pixel each; the middle one straddles both halves.
        float[] up = AreaResize.resize(new float[] {0, 3}, 2, 1, 3, 1);
        assertArrayEquals(new float[] {0, 1.5f, 3}, up, 1e-6f);
    }

    @Test
    void sameSizeIsTheIdentityAndConstantsStayConstant() {
        float[] src = new float[7 * 5];
        for (int i = 0; i < src.length; i++) src[i] = (i * 37 % 11) / 7f;
        assertArrayEquals(src, AreaResize.resize(src, 7, 5, 7, 5));
        float[] flat = new float[13 * 11];
        java.util.Arrays.fill(flat, 0.75f);
        for (float v : AreaResize.resize(flat, 13, 11, 5, 3)) assertEquals(0.75f, v, 1e-6f);
    }

    @Test
    void downscaleShrinksEveryImageAndKeepsLabels() throws IOException {
        Dataset sample = Stratified.limit(DataSource.bundledSample().test(), 50, 1);
        Dataset small = Downscale.toSquare(sample, 14);
        assertEquals(14, small.height());
        assertEquals(14, small.width());
        assertArrayEquals(sample.labels(), small.labels());
        for (int n = 0; n < sample.count(); n++)
            for (int y = 0; y < 14; y++)
                for (int x = 0; x < 14; x++) {
                    int sum = 0;
                    for (int dy = 0; dy < 2; dy++)
                        for (int dx = 0; dx < 2; dx++)
                            sum += sample.pixels()[n * 784 + (2 * y + dy) * 28 + 2 * x + dx] & 0xFF;
                    int got = small.pixels()[n * 196 + y * 14 + x] & 0xFF;
                    assertEquals(Math.round(sum / 4f), got, "image " + n + " at " + y + "," + x);
                }
        assertEquals(sample.count() * 10 * 10, Downscale.toSquare(sample, 10).pixels().length);
        assertThrows(IllegalArgumentException.class, () -> Downscale.toSquare(sample, 29));
        assertThrows(IllegalArgumentException.class, () -> Downscale.toSquare(sample, 0));
    }
}
