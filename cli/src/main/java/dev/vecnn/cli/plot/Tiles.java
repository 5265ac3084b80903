package dev.vecnn.cli.plot;

import java.awt.image.BufferedImage;

/** Places equal tiles on a grid below a title band, and paints a tile pixel by pixel, scaled up. */
final class Tiles {
    static final int GAP = 6, MARGIN = 12, TITLE = 30;

    final int count, columns, rows, tileWidth, tileHeight, captionHeight;

    Tiles(int count, int columns, int tileWidth, int tileHeight, int captionHeight) {
        this.count = count;
        this.columns = Math.min(columns, count);
        this.rows = (count + this.columns - 1) / this.columns;
        this.tileWidth = tileWidth;
        this.tileHeight = tileHeight;
        this.captionHeight = captionHeight;
    }

    int width() { return 2 * MARGIN + columns * tileWidth + (columns - 1) * GAP; }

    int height() { return TITLE + MARGIN + rows * (tileHeight + captionHeight) + (rows - 1) * GAP; }

    int left(int tile) { return MARGIN + (tile % columns) * (tileWidth + GAP); }

    int top(int tile) { return TITLE + (tile / columns) * (tileHeight + captionHeight + GAP); }

    /** A grid about as wide as it is tall. */
    static int squareColumns(int count) { return (int) Math.ceil(Math.sqrt(count)); }

    /** How many screen pixels per data pixel make a side of {@code pixels} about {@code target} wide. */
    static int scale(int pixels, int target) { return Math.max(1, Math.round((float) target / pixels)); }

    @FunctionalInterface
    interface PixelColour {
        int rgb(int y, int x);
    }

    /** Fills an h x w tile at (left, top), each data pixel a scale x scale square. */
    static void paint(BufferedImage image, int left, int top, int h, int w, int scale, PixelColour colour) {
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int rgb = colour.rgb(y, x);
                for (int dy = 0; dy < scale; dy++)
                    for (int dx = 0; dx < scale; dx++) image.setRGB(left + x * scale + dx, top + y * scale + dy, rgb);
            }
    }

    /** Grey level for v in [0, 1] (clamped): 0 black, 1 white. */
    static int grey(double v) {
        int level = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
        return level << 16 | level << 8 | level;
    }

    /** Diverging colour for v in [-1, 1]: blue for negative, white for 0, red for positive. */
    static int diverging(double v) {
        double t = Math.max(-1, Math.min(1, v));
        int fade = (int) Math.round(255 * (1 - Math.abs(t)));
        return t >= 0 ? 0xFF0000 | fade << 8 | fade : fade << 16 | fade << 8 | 0xFF;
    }
}
