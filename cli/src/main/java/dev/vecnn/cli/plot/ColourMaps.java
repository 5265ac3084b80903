package dev.vecnn.cli.plot;

/** Colour maps for image tiles, as 0xRRGGBB. */
final class ColourMaps {
    /** Viridis (matplotlib's default map, perceptually uniform), sampled at nine even steps from 0 to 1. */
    private static final int[] VIRIDIS = {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962,
            0xADDC30, 0xFDE725};

    private ColourMaps() {}

    /** Grey level for v in [0, 1] (clamped): 0 black, 1 white. */
    static int grey(double v) {
        int level = (int) Math.round(255 * clamp(v, 0, 1));
        return level << 16 | level << 8 | level;
    }

    /** Diverging colour for v in [-1, 1]: blue for negative, white for 0, red for positive. */
    static int diverging(double v) {
        double t = clamp(v, -1, 1);
        int fade = (int) Math.round(255 * (1 - Math.abs(t)));
        return t >= 0 ? 0xFF0000 | fade << 8 | fade : fade << 16 | fade << 8 | 0xFF;
    }

    /** Viridis for v in [0, 1] (clamped): dark violet for 0, yellow for 1, interpolated between the samples. */
    static int viridis(double v) {
        double position = clamp(v, 0, 1) * (VIRIDIS.length - 1);
        int i = Math.min((int) position, VIRIDIS.length - 2);
        double t = position - i;
        int a = VIRIDIS[i], b = VIRIDIS[i + 1], rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int ca = a >> shift & 0xFF, cb = b >> shift & 0xFF;
            rgb |= (int) Math.round(ca + (cb - ca) * t) << shift;
        }
        return rgb;
    }

    private static double clamp(double v, double lo, double hi) { return Math.max(lo, Math.min(hi, v)); }
}
