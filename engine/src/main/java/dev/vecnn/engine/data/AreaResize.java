package dev.vecnn.engine.data;

/**
 * Resizes a one-channel image by area averaging: an output pixel is the mean of the input area it
 * covers, an input pixel that is only partly covered counting by the covered fraction. Separable,
 * rows first; the weights are exact ratios of integers, so a resize to the same size is the identity.
 */
public final class AreaResize {
    private AreaResize() {}

    /** {@code src} is (height, width) row-major; the result is (outHeight, outWidth). */
    public static float[] resize(float[] src, int height, int width, int outHeight, int outWidth) {
        if (height < 1 || width < 1 || outHeight < 1 || outWidth < 1)
            throw new IllegalArgumentException("cannot resize " + height + "x" + width + " to " + outHeight + "x" + outWidth);
        float[][] across = weights(width, outWidth);
        int[] acrossStart = starts(width, outWidth);
        float[] rows = new float[height * outWidth];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < outWidth; x++) {
                float sum = 0;
                float[] w = across[x];
                for (int i = 0; i < w.length; i++) sum += w[i] * src[y * width + acrossStart[x] + i];
                rows[y * outWidth + x] = sum;
            }
        float[][] down = weights(height, outHeight);
        int[] downStart = starts(height, outHeight);
        float[] out = new float[outHeight * outWidth];
        for (int y = 0; y < outHeight; y++) {
            float[] w = down[y];
            for (int x = 0; x < outWidth; x++) {
                float sum = 0;
                for (int i = 0; i < w.length; i++) sum += w[i] * rows[(downStart[y] + i) * outWidth + x];
                out[y * outWidth + x] = sum;
            }
        }
        return out;
    }

    /*
     * In units of 1/out of an input pixel, output pixel j covers [j*in, (j+1)*in) and input pixel i
     * covers [i*out, (i+1)*out): the overlaps are integers and the weights overlap / in.
     */
    private static int[] starts(int in, int out) {
        int[] starts = new int[out];
        for (int j = 0; j < out; j++) starts[j] = (int) ((long) j * in / out);
        return starts;
    }

    private static float[][] weights(int in, int out) {
        float[][] weights = new float[out][];
        for (int j = 0; j < out; j++) {
            long lo = (long) j * in, hi = (long) (j + 1) * in;
            int first = (int) (lo / out), last = (int) ((hi - 1) / out);
            weights[j] = new float[last - first + 1];
            for (int i = first; i <= last; i++) {
                long overlap = Math.min(hi, (long) (i + 1) * out) - Math.max(lo, (long) i * out);
                weights[j][i - first] = (float) ((double) overlap / in);
            }
        }
        return weights;
    }
}
