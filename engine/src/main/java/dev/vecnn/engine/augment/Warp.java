package dev.vecnn.engine.augment;

/**
 * One image's geometric transformation and its bilinear sampling from the stored bytes. The image
 * is mirrored (if {@code flip}), scaled by {@code scale} and turned by {@code radians} about its
 * centre ((width - 1) / 2, (height - 1) / 2), then moved by (dx, dy) pixels; an optional
 * displacement field then moves each output pixel's source point. Output pixel p takes the
 * value at the source point M⁻¹(p - centre - shift) + centre + field(p), where M is the mirror,
 * scale and turn; the value between pixels is bilinear in the four around it, pixels outside the
 * image count as 0. With no transformation every source point is a pixel centre and the output is
 * the stored image, exactly.
 */
public record Warp(double dx, double dy, double radians, double scale, boolean flip) {
    public static final Warp IDENTITY = new Warp(0, 0, 0, 1, false);

    /**
     * Writes the (height, width) plane at {@code src[srcOff ..]}, transformed, as floats (byte / 255)
     * into {@code dst[dstOff ..]}. {@code fieldX} and {@code fieldY} (null for none) hold a
     * displacement in pixels per output pixel, row-major.
     */
    public void sample(byte[] src, int srcOff, int height, int width, float[] fieldX, float[] fieldY,
                       float[] dst, int dstOff) {
        sample(dx, dy, radians, scale, flip, src, srcOff, height, width, fieldX, fieldY, dst, dstOff);
    }

    /** {@link #sample} of the warp with these parameters, for callers that draw them per image and allocate nothing. */
    static void sample(double dx, double dy, double radians, double scale, boolean flip, byte[] src, int srcOff,
                       int height, int width, float[] fieldX, float[] fieldY, float[] dst, int dstOff) {
        float cx = (width - 1) * 0.5f, cy = (height - 1) * 0.5f;
        float cos = (float) (Math.cos(radians) / scale), sin = (float) (Math.sin(radians) / scale);
        float mirror = flip ? -1f : 1f;
        // Source point of output (x, y): su = mirror * (cos*u + sin*v), sv = -sin*u + cos*v with u = x - cx - dx, v = y - cy - dy.
        float ux = mirror * cos, vx = -sin;
        for (int y = 0; y < height; y++) {
            float v = y - cy - (float) dy, u0 = -cx - (float) dx;
            float su0 = mirror * (cos * u0 + sin * v) + cx, sv0 = -sin * u0 + cos * v + cy;
            int row = y * width;
            for (int x = 0; x < width; x++) {
                float sx = su0 + ux * x, sy = sv0 + vx * x;
                if (fieldX != null) {
                    sx += fieldX[row + x];
                    sy += fieldY[row + x];
                }
                dst[dstOff + row + x] = bilinear(src, srcOff, height, width, sx, sy) * (1f / 255f);
            }
        }
    }

    /** The plane's value at (sx, sy), in byte units: bilinear in the four pixels around it, 0 outside the image. */
    static float bilinear(byte[] src, int off, int height, int width, float sx, float sy) {
        float fx0 = (float) Math.floor(sx), fy0 = (float) Math.floor(sy);
        if (!(fx0 >= -1 && fx0 < width && fy0 >= -1 && fy0 < height)) return 0f; // also NaN
        int x0 = (int) fx0, y0 = (int) fy0;
        float fx = sx - fx0, fy = sy - fy0;
        float a, b, c, d;
        if (x0 >= 0 && x0 < width - 1 && y0 >= 0 && y0 < height - 1) {
            int i = off + y0 * width + x0;
            a = src[i] & 0xFF;
            b = src[i + 1] & 0xFF;
            c = src[i + width] & 0xFF;
            d = src[i + width + 1] & 0xFF;
        } else {
            a = at(src, off, height, width, x0, y0);
            b = at(src, off, height, width, x0 + 1, y0);
            c = at(src, off, height, width, x0, y0 + 1);
            d = at(src, off, height, width, x0 + 1, y0 + 1);
        }
        float top = a + (b - a) * fx, bottom = c + (d - c) * fx;
        return top + (bottom - top) * fy;
    }

    private static float at(byte[] src, int off, int height, int width, int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0f : src[off + y * width + x] & 0xFF;
    }
}
