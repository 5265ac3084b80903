package dev.vecnn.engine.augment;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The erased rectangle, worked by hand; the drawn sizes are AugmenterTest's (over many images). */
class ErasingTest {
    /**
     * Two 4 x 5 planes after 3 floats of something else: the 3 x 2 rectangle at left 1, top 2 is
     * cleared in both planes, and nothing else is.
     */
    @Test
    void clearsTheRectangleInEveryPlaneAndNothingElse() {
        float[] image = new float[3 + 2 * 4 * 5];
        Arrays.fill(image, 1f);
        Erasing.erase(1, 2, 3, 2, 2, 4, 5, image, 3);
        float[] plane = {
                1, 1, 1, 1, 1,
                1, 1, 1, 1, 1,
                1, 0, 0, 0, 1,
                1, 0, 0, 0, 1};
        float[] expected = new float[image.length];
        expected[0] = expected[1] = expected[2] = 1f;
        System.arraycopy(plane, 0, expected, 3, 20);
        System.arraycopy(plane, 0, expected, 23, 20);
        assertArrayEquals(expected, image);
    }

    /** A rectangle as large as the image clears all of it; one pixel in the last corner clears only that one. */
    @Test
    void theRectangleMayFillTheImageOrBeOnePixelInItsLastCorner() {
        float[] image = {1, 1, 1, 1, 1, 1};
        Erasing.erase(0, 0, 3, 2, 1, 2, 3, image, 0);
        assertArrayEquals(new float[6], image);
        float[] corner = {1, 1, 1, 1, 1, 1};
        Erasing.erase(2, 1, 1, 1, 1, 2, 3, corner, 0);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 0}, corner);
    }
}
