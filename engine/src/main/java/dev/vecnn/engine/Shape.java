package dev.vecnn.engine;

import java.util.Locale;

/**
 * The shape of one sample between two layers: channels x height x width. A flat vector of n
 * features (after {@code flatten} or {@code dense}) is n x 1 x 1.
 */
public record Shape(int channels, int height, int width) {
    public Shape {
        if (channels < 1 || height < 1 || width < 1 || (long) channels * height * width > Integer.MAX_VALUE)
            throw invalid(channels, height, width);
    }

    /*
     * Out of the constructor, so that it stays small enough for the JIT to inline: shapes made
     * during a training step are then never allocated (AllocationTest).
     */
    private static IllegalArgumentException invalid(int channels, int height, int width) {
        if (channels < 1 || height < 1 || width < 1)
            return new IllegalArgumentException("shape sizes must be positive: " + channels + "x" + height + "x" + width);
        return new IllegalArgumentException("a sample of " + channels + "x" + height + "x" + width
                + " holds more values than an array can (2^31)");
    }

    /** A flat vector of {@code features} values. */
    public static Shape flat(int features) { return new Shape(features, 1, 1); }

    /** Parses "CxHxW" (for example 1x28x28) or a single number for a flat vector. */
    public static Shape parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x", -1);
        try {
            if (parts.length == 1) return flat(Integer.parseInt(parts[0]));
            if (parts.length == 3)
                return new Shape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad shape '" + text + "': expected CxHxW such as 1x28x28");
        }
        throw new IllegalArgumentException("bad shape '" + text + "': expected CxHxW such as 1x28x28");
    }

    /** Values per sample. */
    public int size() { return channels * height * width; }

    /** Pixels per channel. */
    public int spatial() { return height * width; }

    /** True for n x 1 x 1: a vector of features rather than an image. */
    public boolean isFlat() { return height == 1 && width == 1; }

    @Override
    public String toString() { return isFlat() ? Integer.toString(channels) : channels + "x" + height + "x" + width; }
}
