package dev.vecnn.engine.augment;

import dev.vecnn.engine.CounterRandom;

import java.util.Arrays;

/**
 * The reference twin of {@link ElasticField}: the same fields in plain loops that read like the
 * definition, which the tests hold the fast one to, bit for bit. Simard et al.'s elastic distortion for images of height x width: a
 * uniform draw in [-1, 1] per pixel and axis, smoothed by a normalised Gaussian of standard
 * deviation sigma (truncated at 3 sigma, borders clamped) and multiplied by alpha. Separable, so an
 * image costs 2 x 2 x (6 sigma + 1) multiply-adds per pixel.
 */
final class ElasticFieldReference {
    private final double alpha;
    private final int height, width;
    private final float[] kernel;

    ElasticFieldReference(Transform.Elastic elastic, int height, int width) {
        this.alpha = elastic.alpha();
        this.height = height;
        this.width = width;
        int radius = (int) Math.ceil(3 * elastic.sigma());
        kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) sum += Math.exp(-0.5 * i * i / (elastic.sigma() * elastic.sigma()));
        for (int i = -radius; i <= radius; i++)
            kernel[i + radius] = (float) (Math.exp(-0.5 * i * i / (elastic.sigma() * elastic.sigma())) / sum);
    }

    /**
     * Fills {@code field} (height x width) with the field of axis draws {@code counter ..
     * counter + height * width - 1} of stream {@code key}; {@code scratch} holds the unsmoothed draws.
     */
    void fill(long key, long counter, float[] field, float[] scratch) {
        int n = height * width;
        if (alpha == 0) {
            Arrays.fill(field, 0, n, 0f);
            return;
        }
        for (int i = 0; i < n; i++) field[i] = 2 * CounterRandom.uniform(key, counter + i) - 1;
        int radius = kernel.length / 2;
        // Rows into scratch, then columns back into field, times alpha.
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++) {
                float sum = 0;
                for (int k = -radius; k <= radius; k++)
                    sum += kernel[k + radius] * field[y * width + Math.min(width - 1, Math.max(0, x + k))];
                scratch[y * width + x] = sum;
            }
        float scale = (float) alpha;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++) {
                float sum = 0;
                for (int k = -radius; k <= radius; k++)
                    sum += kernel[k + radius] * scratch[Math.min(height - 1, Math.max(0, y + k)) * width + x];
                field[y * width + x] = sum * scale;
            }
    }
}
