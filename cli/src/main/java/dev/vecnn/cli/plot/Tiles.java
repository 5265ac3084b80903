package dev.vecnn.cli.plot;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/** Places equal tiles on a grid at a given top, and paints a tile row by row, scaled up. */
final class Tiles {
    static final int GAP = 6, MARGIN = 12, TITLE = 34;

    final int count, columns, rows, tileWidth, tileHeight, captionHeight, gap, top;

    Tiles(int count, int columns, int tileWidth, int tileHeight, int captionHeight) {
        this(count, columns, tileWidth, tileHeight, captionHeight, GAP, TITLE);
    }

    Tiles(int count, int columns, int tileWidth, int tileHeight, int captionHeight, int gap, int top) {
        this.count = count;
        this.columns = Math.max(1, Math.min(columns, count));
        this.rows = (count + this.columns - 1) / this.columns;
        this.tileWidth = tileWidth;
        this.tileHeight = tileHeight;
        this.captionHeight = captionHeight;
        this.gap = gap;
        this.top = top;
    }

    int width() { return 2 * MARGIN + columns * tileWidth + (columns - 1) * gap; }

    /** From the top of the image to below the last row, margin included. */
    int height() { return top + MARGIN + rows * (tileHeight + captionHeight) + (rows - 1) * gap; }

    int left(int tile) { return MARGIN + (tile % columns) * (tileWidth + gap); }

    int top(int tile) { return top + (tile / columns) * (tileHeight + captionHeight + gap); }

    /**
     * Columns for a grid about as wide as it is tall: the first count of columns from sqrt(count)
     * up to twice that which fills every row (32 tiles: 8 x 4), else ceil(sqrt(count)).
     */
    static int squareColumns(int count) {
        int square = (int) Math.ceil(Math.sqrt(count));
        for (int columns = square; columns <= 2 * square; columns++) if (count % columns == 0) return columns;
        return square;
    }

    /** How many screen pixels per data pixel make a side of {@code pixels} about {@code target} wide. */
    static int scale(int pixels, int target) { return Math.max(1, Math.round((float) target / pixels)); }

    @FunctionalInterface
    interface PixelColour {
        int rgb(int y, int x);
    }

    /**
     * Fills an h x w tile at (left, top), each data pixel a scale x scale square. Each screen row is
     * built in an array and written by one setRGB call: the one-pixel setRGB allocates a new array
     * for the pixel's data elements on every call, the row form reuses one.
     */
    static void paint(BufferedImage image, int left, int top, int h, int w, int scale, PixelColour colour) {
        int[] row = new int[w * scale];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) Arrays.fill(row, x * scale, (x + 1) * scale, colour.rgb(y, x));
            for (int dy = 0; dy < scale; dy++) image.setRGB(left, top + y * scale + dy, row.length, 1, row, 0, row.length);
        }
    }
}
