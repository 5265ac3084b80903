package dev.vecnn.cli.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The confusion matrix as a heat map: row = true class, column = predicted class, each cell shaded
 * by its share of its row (so small classes read as clearly as large ones) and labelled with its count.
 */
public final class ConfusionMatrixPlot {
    static final int CELL = 44, LEFT = 90, TOP = 70, RIGHT = 20, BOTTOM = 20;
    static final Color EMPTY = Color.WHITE, FULL = new Color(0x08, 0x30, 0x6B);

    private ConfusionMatrixPlot() {}

    public static void write(Path file, int[][] confusion, List<String> classNames) throws IOException {
        Png.write(render(confusion, classNames), file);
    }

    static BufferedImage render(int[][] confusion, List<String> classNames) {
        int k = confusion.length;
        if (k == 0 || classNames.size() != k)
            throw new IllegalArgumentException(k + "x" + k + " confusion matrix with " + classNames.size() + " class names");
        long total = 0, correct = 0;
        for (int t = 0; t < k; t++) {
            if (confusion[t].length != k) throw new IllegalArgumentException("confusion matrix row " + t + " is not " + k + " long");
            for (int p = 0; p < k; p++) total += confusion[t][p];
            correct += confusion[t][t];
        }
        BufferedImage image = Png.canvas(LEFT + k * CELL + RIGHT, TOP + k * CELL + BOTTOM);
        Graphics2D g = Png.graphics(image, 12);
        Png.centred(g, String.format("confusion matrix: accuracy %.2f %% of %d", total == 0 ? 0 : 100.0 * correct / total, total),
                image.getWidth() / 2.0, 20);
        Png.centred(g, "predicted", LEFT + k * CELL / 2.0, TOP - 28);
        g.drawString("true", 8, TOP + k * CELL / 2f);
        for (int i = 0; i < k; i++) {
            Png.centred(g, classNames.get(i), LEFT + i * CELL + CELL / 2.0, TOP - 8);
            g.drawString(classNames.get(i), LEFT - 8 - g.getFontMetrics().stringWidth(classNames.get(i)), TOP + i * CELL + CELL / 2f + 5);
        }
        for (int t = 0; t < k; t++) {
            long rowTotal = 0;
            for (int p = 0; p < k; p++) rowTotal += confusion[t][p];
            for (int p = 0; p < k; p++) {
                double share = rowTotal == 0 ? 0 : (double) confusion[t][p] / rowTotal;
                g.setColor(shade(share));
                g.fillRect(LEFT + p * CELL, TOP + t * CELL, CELL, CELL);
                if (confusion[t][p] != 0) {
                    g.setColor(share > 0.5 ? Color.WHITE : Png.INK);
                    Png.centred(g, Integer.toString(confusion[t][p]), LEFT + p * CELL + CELL / 2.0, TOP + t * CELL + CELL / 2.0 + 5);
                }
            }
        }
        g.setColor(Png.INK);
        g.drawRect(LEFT, TOP, k * CELL, k * CELL);
        g.dispose();
        return image;
    }

    /** White for 0, deep blue for a whole row; the square root makes rare confusions visible. */
    static Color shade(double share) {
        double t = Math.sqrt(Math.max(0, Math.min(1, share)));
        return new Color(mix(EMPTY.getRed(), FULL.getRed(), t), mix(EMPTY.getGreen(), FULL.getGreen(), t),
                mix(EMPTY.getBlue(), FULL.getBlue(), t));
    }

    private static int mix(int a, int b, double t) { return (int) Math.round(a + (b - a) * t); }
}
