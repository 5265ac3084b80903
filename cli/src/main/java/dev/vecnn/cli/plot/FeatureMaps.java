package dev.vecnn.cli.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * One image and what the network makes of it: the image, then the output of each chosen layer as
 * one tile per channel, each channel coloured (viridis) from its own minimum to its own maximum,
 * one band per layer under a heading.
 */
final class FeatureMaps {
    /** One band: a layer's name and its output for the image, (channels, height, width) row-major. */
    record Maps(String name, float[] values, int channels, int height, int width) {
        Maps {
            if ((long) channels * height * width != values.length || channels < 1)
                throw new IllegalArgumentException(name + ": " + values.length + " values do not make " + channels + "x"
                        + height + "x" + width + " maps");
        }
    }

    static final int TILE = 52, COLUMNS = 16, HEADING = 26, GAP = 4, TITLE = 34;

    private FeatureMaps() {}

    /** {@code image} is the input as grey values in [0, 1] ((channels, height, width), its first channel is shown). */
    static BufferedImage render(String title, Maps image, List<Maps> layers) {
        List<Tiles> bands = new ArrayList<>();
        List<Integer> scales = new ArrayList<>();
        int width = 0, height = TITLE;
        List<Maps> all = new ArrayList<>();
        all.add(image);
        all.addAll(layers);
        for (int b = 0; b < all.size(); b++) {
            Maps m = all.get(b);
            int scale = Tiles.scale(Math.max(m.height(), m.width()), b == 0 ? 2 * TILE : TILE);
            Tiles tiles = new Tiles(b == 0 ? 1 : m.channels(), COLUMNS, m.width() * scale, m.height() * scale, 0, GAP,
                    height + HEADING);
            bands.add(tiles);
            scales.add(scale);
            width = Math.max(width, tiles.width());
            height = tiles.height();
        }
        BufferedImage canvas = Png.canvas(width, height);
        Graphics2D g = Png.graphics(canvas, 13);
        g.setFont(Charts.TITLE);
        Png.centred(g, title, width / 2.0, 22);
        g.setFont(Charts.LABEL);
        for (int b = 0; b < all.size(); b++) {
            Maps m = all.get(b);
            Tiles tiles = bands.get(b);
            String shape = (b == 0 ? "" : m.channels() + " x ") + m.height() + " x " + m.width();
            g.drawString(m.name() + "   " + shape, Tiles.MARGIN, tiles.top - 8);
            int plane = m.height() * m.width(), scale = scales.get(b);
            for (int c = 0; c < tiles.count; c++) {
                int base = c * plane;
                if (b == 0) {
                    Tiles.paint(canvas, tiles.left(c), tiles.top(c), m.height(), m.width(), scale,
                            (y, x) -> ColourMaps.grey(m.values()[base + y * m.width() + x]));
                    continue;
                }
                float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
                for (int i = base; i < base + plane; i++) {
                    lo = Math.min(lo, m.values()[i]);
                    hi = Math.max(hi, m.values()[i]);
                }
                float low = lo, span = hi > lo ? hi - lo : 1;
                Tiles.paint(canvas, tiles.left(c), tiles.top(c), m.height(), m.width(), scale,
                        (y, x) -> ColourMaps.viridis((m.values()[base + y * m.width() + x] - low) / span));
            }
        }
        g.dispose();
        return canvas;
    }
}
