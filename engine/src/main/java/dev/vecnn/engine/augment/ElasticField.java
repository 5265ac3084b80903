package dev.vecnn.engine.augment;

import dev.vecnn.engine.CounterRandom;
import dev.vecnn.kernels.StridedTaps;

import java.util.Arrays;

/**
 * The displacement fields of Simard et al.'s elastic distortion for images of height x width: a
 * uniform draw in [-1, 1] per pixel and axis, smoothed by a normalised Gaussian of standard
 * deviation sigma (truncated at 3 sigma, borders clamped) and multiplied by alpha. Separable: an
 * image costs 2 x 2 x (6 sigma + 1) multiply-adds per pixel.
 *
 * <p>Both passes run over whole planes with the clamped borders written out as padding, so each
 * pass is one {@link StridedTaps} call over the plane, its taps a fixed offset apart; the row pass
 * works on the transposed plane so that its taps, too, are a run apart. A pixel's sum adds the same
 * products in the same order as the plain loops of {@code ElasticFieldReference} (in the tests), so
 * the fields are the same, bit for bit, whichever kernels compute them.
 */
final class ElasticField {
    private final double alpha;
    private final int height, width, radius;
    private final float[] kernel;
    private final StridedTaps taps;

    /** One caller's scratch planes, allocated once: the padded draws or rows, and the row pass's result. */
    static final class Workspace {
        final float[] padded, rows;

        private Workspace(int paddedSize, int planeSize) {
            padded = new float[paddedSize];
            rows = new float[planeSize];
        }
    }

    ElasticField(Transform.Elastic elastic, int height, int width, StridedTaps taps) {
        this.taps = taps;
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
        taps.apply(n, kernel.length, height, kernel, 0, t, 0, rows, 0);
        // Back to row-major, the first and the last row repeated, then the columns, times alpha.
        for (int x = 0; x < width; x++)
            for (int y = 0; y < height; y++) t[(y + radius) * width + x] = rows[x * height + y];
        pad(t, width, height);
        taps.apply(n, kernel.length, width, kernel, 0, t, 0, field, 0);
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
}
