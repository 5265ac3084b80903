package dev.vecnn.cli.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Learned convolution filters, one tile per (output, input) channel pair, enlarged; red for positive
 * weights, blue for negative, white for zero, each filter scaled by its own largest magnitude so
 * that small filters are as readable as large ones.
 */
final class FilterGrid {
    static final int TILE = 48, TOP = 52, MIN_WIDTH = 420;

    private FilterGrid() {}

    /** {@code weights} is (out, in, kh, kw) row-major, as Conv2D stores them. */
    static BufferedImage render(String title, float[] weights, int out, int in, int kh, int kw) {
        if ((long) out * in * kh * kw != weights.length || out < 1 || in < 1)
            throw new IllegalArgumentException(weights.length + " weights do not make " + out + "x" + in + "x" + kh + "x" + kw + " filters");
        int scale = Tiles.scale(Math.max(kh, kw), TILE);
        // One input channel: a square grid of filters; several: one row per filter, one column per input.
        Tiles tiles = new Tiles(out * in, in == 1 ? Tiles.squareColumns(out) : in, kw * scale, kh * scale, 0, Tiles.GAP, TOP);
        BufferedImage image = Png.canvas(Math.max(tiles.width(), MIN_WIDTH), tiles.height());
        int shift = (image.getWidth() - tiles.width()) / 2;
        Graphics2D g = Png.graphics(image, 14);
        g.setFont(Charts.TITLE);
        Png.centred(g, title + ": " + out + " filters of " + in + "x" + kh + "x" + kw, image.getWidth() / 2.0, 20);
        g.setFont(Charts.TICK);
        g.setColor(Png.MUTED);
        Png.centred(g, "red > 0 > blue, each filter scaled to its own largest |weight|", image.getWidth() / 2.0, 38);
        g.dispose();
        int size = kh * kw;
        for (int f = 0; f < out; f++) {
            float peak = 0;
            for (int i = f * in * size; i < (f + 1) * in * size; i++) peak = Math.max(peak, Math.abs(weights[i]));
            float norm = peak == 0 ? 1 : peak;
            for (int c = 0; c < in; c++) {
                int base = (f * in + c) * size, tile = f * in + c;
                Tiles.paint(image, shift + tiles.left(tile), tiles.top(tile), kh, kw, scale,
                        (y, x) -> ColourMaps.diverging(weights[base + y * kw + x] / norm));
            }
        }
        // A thin frame around each tile, so that near-zero (white) weights still show the filter's extent.
        Graphics2D frames = image.createGraphics();
        frames.setColor(Png.GRID);
        for (int tile = 0; tile < out * in; tile++)
            frames.drawRect(shift + tiles.left(tile) - 1, tiles.top(tile) - 1, kw * scale + 1, kh * scale + 1);
        frames.dispose();
        return image;
    }
}
