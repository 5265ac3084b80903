package dev.vecnn.engine.augment;

import dev.vecnn.engine.CounterRandom;

import java.util.Arrays;

/**
 * Random erasing as torchvision's RandomErasing draws it: with probability p, a rectangle whose area
 * is a uniform 2 % to 33 % of the image and whose aspect ratio (height / width) is log-uniform in
 * [0.3, 3.3], clipped to the image, placed uniformly, set to 0 in every channel.
 */
final class Erasing {
    /** Draws of one image: the coin, the area, the ratio, the left and the top edge. */
    static final int DRAWS = 5;
    private static final double MIN_AREA = 0.02, MAX_AREA = 0.33, MIN_RATIO = 0.3, MAX_RATIO = 1 / 0.3;

    private Erasing() {}

    /**
     * Erases the rectangle drawn from draws {@code counter .. counter + 4} of stream {@code key}, if
     * the coin says so, from the {@code channels} planes of height x width at dst[dstOff ..].
     */
    static void apply(double p, long key, long counter, int channels, int height, int width, float[] dst, int dstOff) {
        if (!(CounterRandom.uniform(key, counter) < p)) return;
        double area = height * width * (MIN_AREA + (MAX_AREA - MIN_AREA) * CounterRandom.uniform(key, counter + 1));
        double ratio = Math.exp(Math.log(MIN_RATIO) + (Math.log(MAX_RATIO) - Math.log(MIN_RATIO))
                * CounterRandom.uniform(key, counter + 2));
        int h = Math.max(1, Math.min(height, (int) Math.round(Math.sqrt(area * ratio))));
        int w = Math.max(1, Math.min(width, (int) Math.round(Math.sqrt(area / ratio))));
        int left = (int) ((width - w + 1) * (double) CounterRandom.uniform(key, counter + 3));
        int top = (int) ((height - h + 1) * (double) CounterRandom.uniform(key, counter + 4));
        erase(left, top, w, h, channels, height, width, dst, dstOff);
    }

    /** Sets the rectangle of w x h pixels at (left, top) to 0 in every plane. */
    static void erase(int left, int top, int w, int h, int channels, int height, int width, float[] dst, int dstOff) {
        for (int c = 0; c < channels; c++)
            for (int y = top; y < top + h; y++) {
                int row = dstOff + (c * height + y) * width;
                Arrays.fill(dst, row + left, row + left + w, 0f);
            }
    }
}
