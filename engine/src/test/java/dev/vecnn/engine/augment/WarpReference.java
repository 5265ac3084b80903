package dev.vecnn.engine.augment;

/**
 * The plain form of {@link Warp}'s sampling, kept as its specification: every pixel computes its
 * source point and reads its four neighbours from the bytes, with a bounds test per neighbour.
 * {@code Warp} must agree with it bit for bit.
 */
final class WarpReference {
    private WarpReference() {}

    static void sample(Warp w, byte[] src, int srcOff, int height, int width, float[] fieldX, float[] fieldY,
                       float[] dst, int dstOff) {
        float cx = (width - 1) * 0.5f, cy = (height - 1) * 0.5f;
        float cos = (float) (Math.cos(w.radians()) / w.scale()), sin = (float) (Math.sin(w.radians()) / w.scale());
        float mirror = w.flip() ? -1f : 1f;
        float ux = mirror * cos, vx = -sin;
        for (int y = 0; y < height; y++) {
            float v = y - cy - (float) w.dy(), u0 = -cx - (float) w.dx();
            float su0 = mirror * (cos * u0 + sin * v) + cx, sv0 = -sin * u0 + cos * v + cy;
            for (int x = 0; x < width; x++) {
                float sx = su0 + ux * x, sy = sv0 + vx * x;
                if (fieldX != null) {
                    sx += fieldX[y * width + x];
                    sy += fieldY[y * width + x];
                }
                dst[dstOff + y * width + x] = bilinear(src, srcOff, height, width, sx, sy) * (1f / 255f);
            }
        }
    }

    private static float bilinear(byte[] src, int off, int height, int width, float sx, float sy) {
        float fx0 = (float) Math.floor(sx), fy0 = (float) Math.floor(sy);
        if (!(fx0 >= -1 && fx0 < width && fy0 >= -1 && fy0 < height)) return 0f;
        int x0 = (int) fx0, y0 = (int) fy0;
        float fx = sx - fx0, fy = sy - fy0;
        float a = at(src, off, height, width, x0, y0), b = at(src, off, height, width, x0 + 1, y0);
        float c = at(src, off, height, width, x0, y0 + 1), d = at(src, off, height, width, x0 + 1, y0 + 1);
        float top = a + (b - a) * fx, bottom = c + (d - c) * fx;
        return top + (bottom - top) * fy;
    }

    private static float at(byte[] src, int off, int height, int width, int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0f : src[off + y * width + x] & 0xFF;
    }
}
