package dev.vecnn.cli.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Test images with what the model said: each image enlarged in a green frame when the prediction
 * is right and a red one when it is wrong, captioned with the predicted class and its probability
 * (and the true class when wrong).
 */
final class SamplePredictions {
    static final int TILE = 84, FRAME = 3, CAPTION = 34, COLUMNS = 8, MIN_TILE_WIDTH = 112, MIN_WIDTH = 420;

    private SamplePredictions() {}

    /** {@code pixels} is one (height, width) grey image in [0, 1]. */
    record Sample(float[] pixels, int height, int width, int label, int predicted, double probability) {
        boolean right() { return label == predicted; }
    }

    static BufferedImage render(List<Sample> samples, List<String> classNames, String subtitle) {
        if (samples.isEmpty()) throw new IllegalArgumentException("no samples to plot");
        Sample first = samples.get(0);
        int scale = Tiles.scale(Math.max(first.height(), first.width()), TILE);
        int framed = first.width() * scale + 2 * FRAME;
        // Captions are wider than the images for long class names: the difference goes into the gaps.
        int gap = Tiles.GAP + Math.max(0, MIN_TILE_WIDTH - framed);
        Tiles tiles = new Tiles(samples.size(), COLUMNS, framed, first.height() * scale + 2 * FRAME, CAPTION, gap, 52);
        BufferedImage image = Png.canvas(Math.max(tiles.width(), MIN_WIDTH), tiles.height());
        int shift = (image.getWidth() - tiles.width()) / 2;
        Graphics2D g = Png.graphics(image, 12);
        long right = samples.stream().filter(Sample::right).count();
        g.setFont(Charts.TITLE);
        Png.centred(g, "predictions: " + right + " of " + samples.size() + " shown are right", image.getWidth() / 2.0, 20);
        g.setFont(Charts.TICK);
        g.setColor(Png.MUTED);
        Png.centred(g, subtitle, image.getWidth() / 2.0, 38);
        g.setFont(Charts.TICK.deriveFont(12f));
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (s.height() != first.height() || s.width() != first.width() || s.pixels().length != s.height() * s.width())
                throw new IllegalArgumentException("sample " + i + " is not a " + first.height() + "x" + first.width() + " grey image");
            int left = shift + tiles.left(i), top = tiles.top(i);
            g.setColor(s.right() ? Png.GOOD : Png.BAD);
            g.fillRect(left, top, tiles.tileWidth, tiles.tileHeight);
            Tiles.paint(image, left + FRAME, top + FRAME, s.height(), s.width(), scale,
                    (y, x) -> ColourMaps.grey(s.pixels()[y * s.width() + x]));
            String said = String.format("%s  %.0f%%", classNames.get(s.predicted()), 100 * s.probability());
            double centre = left + tiles.tileWidth / 2.0;
            g.setColor(s.right() ? Png.INK : Png.BAD);
            Png.centred(g, said, centre, top + tiles.tileHeight + 14);
            if (!s.right()) Png.centred(g, "true: " + classNames.get(s.label()), centre, top + tiles.tileHeight + 28);
        }
        g.dispose();
        return image;
    }
}
