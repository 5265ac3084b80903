package dev.vecnn.engine.augment;

import dev.vecnn.engine.CounterRandom;

import java.util.Arrays;

/**
 * The displacement fields of Simard et al.'s elastic distortion for images of height x width: a
 * uniform draw in [-1, 1] per pixel and axis, smoothed by a normalised Gaussian of standard
 * deviation sigma (truncated at 3 sigma, borders clamped) and multiplied by alpha. Separable: an
 * image costs 2 x 2 x (6 sigma + 1) multiply-adds per pixel.
 *
 * <p>Both passes run over whole planes with the clamped borders written out as padding, so each
 * kernel tap is one loop over the plane reading it at a fixed offset, which C2 vectorises; the row
 * pass works on the transposed plane so that its taps, too, are a fixed offset apart. A pixel's
 * sum adds the same products in the same order as the plain loops of {@code ElasticFieldReference}
 * (in the tests), so the fields are the same, bit for bit.
 */
final class ElasticField {
    private final double alpha;
    private final int height, width, radius;
    private final float[] kernel;

    /** One caller's scratch planes, allocated once: the padded draws or rows, and the row pass's result. */
    static final class Workspace {
        final float[] padded, rows;

        private Workspace(int paddedSize, int planeSize) {
            padded = new float[paddedSize];
            rows = new float[planeSize];
        }
    }

    ElasticField(Transform.Elastic elastic, int height, int width) {
        this.alpha = elastic.alpha();
        this.height = height;
        this.width = width;
        radius = (int) Math.ceil(3 * elastic.sigma());
        kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) sum += Math.exp(-0.5 * i * i / (elastic.sigma() * elastic.sigma()));
        for (int i = -radius; i <= radius; i++)
            kernel[i + radius] = (float) (Math.exp(-0.5 * i * i / (elastic.sigma() * elastic.sigma())) / sum);
    }

    Workspace workspace() {
        return new Workspace(Math.max((width + 2 * radius) * height, (height + 2 * radius) * width), height * width);
    }

    /**
     * Fills {@code field} (height x width, row-major) with the field of axis draws {@code counter ..
     * counter + height * width - 1} of stream {@code key}, draw {@code counter + y * width + x} at (x, y).
     */
    void fill(long key, long counter, float[] field, Workspace work) {
        int n = height * width;
        if (alpha == 0) {
            Arrays.fill(field, 0, n, 0f);
            return;
        }
        float[] t = work.padded, rows = work.rows;
        // The draws transposed: column x of the image is the contiguous run t[(x + radius) * height ..],
        // with the first and the last column repeated radius times on either side.
        for (int x = 0; x < width; x++)
            for (int y = 0; y < height; y++)
                t[(x + radius) * height + y] = 2 * CounterRandom.uniform(key, counter + (long) y * width + x) - 1;
        pad(t, height, width);
        // Rows: rows[x * height + y] = sum over taps k of kernel[k] * draw(y, clamp(x + k - radius)).
        taps(t, height, rows, n);
        // Back to row-major, the first and the last row repeated, then the columns, times alpha.
        for (int x = 0; x < width; x++)
            for (int y = 0; y < height; y++) t[(y + radius) * width + x] = rows[x * height + y];
        pad(t, width, height);
        taps(t, width, field, n);
        float scale = (float) alpha;
        for (int i = 0; i < n; i++) field[i] *= scale;
    }

    /** Copies the first and the last of {@code count} runs of {@code run} floats, which start at run radius, radius times outwards. */
    private void pad(float[] a, int run, int count) {
        for (int k = 0; k < radius; k++) {
            System.arraycopy(a, radius * run, a, k * run, run);
            System.arraycopy(a, (radius + count - 1) * run, a, (radius + count + k) * run, run);
        }
    }

    /** out[i] = sum over k of kernel[k] * in[i + k * stride], for i below n, k in ascending order. */
    private void taps(float[] in, int stride, float[] out, int n) {
        Arrays.fill(out, 0, n, 0f);
        for (int k = 0; k < kernel.length; k++) {
            float w = kernel[k];
            int off = k * stride;
            for (int i = 0; i < n; i++) out[i] += w * in[off + i];
        }
    }
}
