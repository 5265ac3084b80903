package dev.vecnn.cli.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Test images with what the model said: each image enlarged in a green frame when the prediction
 * is right and a red one when it is wrong, captioned with the predicted class and its probability
 * (and the true class when wrong).
 */
public final class SamplePredictions {
    static final int TILE = 84, FRAME = 3, CAPTION = 34, COLUMNS = 8;

    private SamplePredictions() {}

    /** {@code pixels} is one (height, width) grey image in [0, 1]. */
    public record Sample(float[] pixels, int height, int width, int label, int predicted, double probability) {}

    public static void write(Path file, List<Sample> samples, List<String> classNames) throws IOException {
        Png.write(render(samples, classNames), file);
    }

    static BufferedImage render(List<Sample> samples, List<String> classNames) {
        if (samples.isEmpty()) throw new IllegalArgumentException("no samples to plot");
        Sample first = samples.get(0);
        int scale = Tiles.scale(Math.max(first.height(), first.width()), TILE);
        Tiles tiles = new Tiles(samples.size(), COLUMNS, first.width() * scale + 2 * FRAME,
                first.height() * scale + 2 * FRAME, CAPTION);
        BufferedImage image = Png.canvas(Math.max(tiles.width(), 300), tiles.height());
        Graphics2D g = Png.graphics(image, 12);
        long right = samples.stream().filter(s -> s.label() == s.predicted()).count();
        Png.centred(g, "predictions: " + right + " of " + samples.size() + " right", image.getWidth() / 2.0, 20);
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (s.height() != first.height() || s.width() != first.width() || s.pixels().length != s.height() * s.width())
                throw new IllegalArgumentException("sample " + i + " is not a " + first.height() + "x" + first.width() + " grey image");
            boolean correct = s.label() == s.predicted();
            int left = tiles.left(i), top = tiles.top(i);
            g.setColor(correct ? Png.GOOD : Png.BAD);
            g.fillRect(left, top, tiles.tileWidth, tiles.tileHeight);
            Tiles.paint(image, left + FRAME, top + FRAME, s.height(), s.width(), scale,
                    (y, x) -> Tiles.grey(s.pixels()[y * s.width() + x]));
            String said = String.format("%s %.0f%%", classNames.get(s.predicted()), 100 * s.probability());
            double centre = left + tiles.tileWidth / 2.0;
            g.setColor(correct ? Png.INK : Png.BAD);
            Png.centred(g, said, centre, top + tiles.tileHeight + 14);
            if (!correct) Png.centred(g, "true " + classNames.get(s.label()), centre, top + tiles.tileHeight + 28);
        }
        g.dispose();
        return image;
    }
}
