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
        return resizeOnCanvas(src, height, width, 0, 0, height, width, outHeight, outWidth);
    }

    /**
     * {@code src} (height, width) laid at row {@code top}, column {@code left} of a canvas of
     * canvasHeight x canvasWidth zeros, and the canvas resized to (outHeight, outWidth), without the
     * canvas being made: a picture padded to a model's aspect ratio may need a canvas far larger
     * than itself (a 16M x 1 picture, a 16M x 16M canvas). The sums run over the picture's pixels
     * only, in the order {@link #resize} takes them, so no zero of the canvas changes a bit.
     */
    public static float[] resizeOnCanvas(float[] src, int height, int width, int top, int left, int canvasHeight,
                                         int canvasWidth, int outHeight, int outWidth) {
        if (height < 1 || width < 1 || outHeight < 1 || outWidth < 1 || top < 0 || left < 0
                || top + (long) height > canvasHeight || left + (long) width > canvasWidth)
            throw new IllegalArgumentException("cannot resize " + height + "x" + width + " at " + top + "," + left + " of "
                    + canvasHeight + "x" + canvasWidth + " to " + outHeight + "x" + outWidth);
        float[][] across = weights(canvasWidth, outWidth);
        int[] acrossStart = starts(canvasWidth, outWidth);
        float[] rows = new float[height * outWidth];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < outWidth; x++) {
                float sum = 0;
                float[] w = across[x];
                int first = Math.max(0, left - acrossStart[x]), last = Math.min(w.length, left + width - acrossStart[x]);
                for (int i = first; i < last; i++) sum += w[i] * src[y * width + acrossStart[x] + i - left];
                rows[y * outWidth + x] = sum;
            }
        float[][] down = weights(canvasHeight, outHeight);
        int[] downStart = starts(canvasHeight, outHeight);
        float[] out = new float[outHeight * outWidth];
        for (int y = 0; y < outHeight; y++) {
            float[] w = down[y];
            int first = Math.max(0, top - downStart[y]), last = Math.min(w.length, top + height - downStart[y]);
            for (int x = 0; x < outWidth; x++) {
                float sum = 0;
                for (int i = first; i < last; i++) sum += w[i] * rows[(downStart[y] + i - top) * outWidth + x];
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
