package dev.vecnn.engine.augment;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Warps of a 3x3 image whose results are worked out by hand; in[y][x] = 10 (3y + x + 1). */
class WarpTest {
    private static final byte[] IMAGE = {10, 20, 30, 40, 50, 60, 70, 80, 90};

    private static float[] warp(Warp w, float[] fieldX, float[] fieldY) {
        float[] out = new float[9];
        w.sample(IMAGE, 0, 3, 3, fieldX, fieldY, out, 0);
        for (int i = 0; i < 9; i++) out[i] *= 255;
        return out;
    }

    private static void assertImage(float[] expected, float[] actual) {
        for (int i = 0; i < 9; i++) assertEquals(expected[i], actual[i], 1e-3, "pixel " + i);
    }

    @Test
    void theIdentityIsTheStoredImageBitForBit() {
        float[] out = new float[9];
        Warp.IDENTITY.sample(IMAGE, 0, 3, 3, null, null, out, 0);
        for (int i = 0; i < 9; i++) assertEquals((IMAGE[i] & 0xFF) * (1f / 255f), out[i]);
    }

    @Test
    void aShiftMovesTheContentAndBringsInZeros() {
        assertImage(new float[] {0, 10, 20, 0, 40, 50, 0, 70, 80}, warp(new Warp(1, 0, 0, 1, false), null, null));
        assertImage(new float[] {40, 50, 60, 70, 80, 90, 0, 0, 0}, warp(new Warp(0, -1, 0, 1, false), null, null));
        // Half a pixel to the right: each pixel is the mean of itself and its left neighbour (0 off the edge).
        assertImage(new float[] {5, 15, 25, 20, 45, 55, 35, 75, 85}, warp(new Warp(0.5, 0, 0, 1, false), null, null));
    }

    @Test
    void aQuarterTurnAboutTheCentre() {
        // radians = pi/2: output (x, y) reads input (cx + (y - cy), cy - (x - cx)) = (y, 2 - x).
        assertImage(new float[] {70, 40, 10, 80, 50, 20, 90, 60, 30}, warp(new Warp(0, 0, Math.PI / 2, 1, false), null, null));
    }

    @Test
    void scalingByTwoAboutTheCentreReadsBetweenPixels() {
        // Output (x, y) reads input (1 + (x - 1) / 2, 1 + (y - 1) / 2): corners are means of four pixels.
        assertImage(new float[] {30, 35, 40, 45, 50, 55, 60, 65, 70}, warp(new Warp(0, 0, 0, 2, false), null, null));
    }

    @Test
    void aFlipMirrorsLeftToRight() {
        assertImage(new float[] {30, 20, 10, 60, 50, 40, 90, 80, 70}, warp(new Warp(0, 0, 0, 1, true), null, null));
    }

    @Test
    void aDisplacementFieldMovesEachPixelsSourcePoint() {
        float[] right = {1, 1, 1, 1, 1, 1, 1, 1, 1}, none = new float[9];
        // Every output pixel reads one pixel to its right: the content moves left.
        assertArrayEquals(warp(new Warp(-1, 0, 0, 1, false), null, null), warp(Warp.IDENTITY, right, none));
        float[] centreOnly = {0, 0, 0, 0, 0.5f, 0, 0, 0, 0};
        float[] out = warp(Warp.IDENTITY, none, centreOnly);
        assertImage(new float[] {10, 20, 30, 40, 65, 60, 70, 80, 90}, out);
    }

    /**
     * The bordered sampling gives WarpReference's bits for random warps (many source points off the
     * image or on its last row and column), with and without a field, at odd sizes and an offset.
     */
    @Test
    void samplesTheSameBitsAsTheReference() {
        Random random = new Random(12);
        for (int trial = 0; trial < 300; trial++) {
            int height = 1 + random.nextInt(9), width = 1 + random.nextInt(9), n = height * width, off = random.nextInt(5);
            byte[] src = new byte[off + n];
            random.nextBytes(src);
            Warp w = new Warp(4 * random.nextGaussian(), 4 * random.nextGaussian(), random.nextDouble() * 7,
                    0.3 + 2 * random.nextDouble(), random.nextBoolean());
            float[] fieldX = null, fieldY = null;
            if (trial % 3 == 0) {
                fieldX = new float[n];
                fieldY = new float[n];
                for (int i = 0; i < n; i++) {
                    fieldX[i] = (float) (2 * random.nextGaussian());
                    fieldY[i] = (float) (2 * random.nextGaussian());
                }
            }
            float[] expected = new float[n + 2], actual = new float[n + 2];
            java.util.Arrays.fill(expected, Float.NaN);
            java.util.Arrays.fill(actual, Float.NaN);
            WarpReference.sample(w, src, off, height, width, fieldX, fieldY, expected, 1);
            w.sample(src, off, height, width, fieldX, fieldY, actual, 1);
            assertArrayEquals(expected, actual, w + " on " + height + "x" + width);
        }
    }

    /** One bordered plane serves image after image: its border stays 0 whatever the previous image held. */
    @Test
    void theBorderedPlaneCanBeReused() {
        float[] bordered = Warp.bordered(3, 3), first = new float[9], again = new float[9];
        byte[] white = {-1, -1, -1, -1, -1, -1, -1, -1, -1};
        Warp.sample(1, 1, 0, 1, false, white, 0, 3, 3, null, null, bordered, first, 0);
        Warp.sample(1.5, -0.5, 0.3, 1, false, IMAGE, 0, 3, 3, null, null, bordered, again, 0);
        float[] expected = new float[9];
        WarpReference.sample(new Warp(1.5, -0.5, 0.3, 1, false), IMAGE, 0, 3, 3, null, null, expected, 0);
        assertArrayEquals(expected, again);
    }
}
