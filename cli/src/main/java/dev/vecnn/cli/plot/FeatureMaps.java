package dev.vecnn.cli.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** A layer's activations for one image: one grey tile per channel, each stretched from its own minimum (black) to maximum (white). */
public final class FeatureMaps {
    static final int TILE = 84;

    private FeatureMaps() {}

    /** {@code activations} is (channels, height, width) row-major. */
    public static void write(Path file, String title, float[] activations, int channels, int height, int width)
            throws IOException {
        Png.write(render(title, activations, channels, height, width), file);
    }

    static BufferedImage render(String title, float[] activations, int channels, int height, int width) {
        if ((long) channels * height * width != activations.length || channels < 1)
            throw new IllegalArgumentException(activations.length + " values do not make " + channels + "x" + height + "x" + width + " maps");
        int scale = Tiles.scale(Math.max(height, width), TILE);
        Tiles tiles = new Tiles(channels, Tiles.squareColumns(channels), width * scale, height * scale, 0);
        BufferedImage image = Png.canvas(Math.max(tiles.width(), 240), tiles.height());
        Graphics2D g = Png.graphics(image, 13);
        Png.centred(g, title + " (" + channels + "x" + height + "x" + width + ")", image.getWidth() / 2.0, 20);
        g.dispose();
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                lo = Math.min(lo, activations[i]);
                hi = Math.max(hi, activations[i]);
            }
            float low = lo, span = hi > lo ? hi - lo : 1;
            int base = c * plane;
            Tiles.paint(image, tiles.left(c), tiles.top(c), height, width, scale,
                    (y, x) -> Tiles.grey((activations[base + y * width + x] - low) / span));
        }
        return image;
    }
}
