package dev.vecnn.engine;

import dev.vecnn.engine.data.Dataset;

/** Small datasets the tests make up, from a seed. */
public final class Synthetic {
    private Synthetic() {}

    /** Random pixels and labels. */
    public static Dataset noise(int count, int channels, int height, int width, int classes, long seed) {
        byte[] pixels = new byte[count * channels * height * width];
        byte[] labels = new byte[count];
        long key = CounterRandom.key(seed, 77);
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) CounterRandom.below(key, i, 256);
        for (int i = 0; i < count; i++) labels[i] = (byte) CounterRandom.below(key, pixels.length + i, classes);
        return new Dataset("noise", channels, height, width, classes, pixels, labels);
    }

    /**
     * Learnable images: class c is a bright bar (horizontal for even c, vertical for odd c) at a
     * position set by c, on a noisy background, so a small network separates the classes.
     */
    public static Dataset bars(int count, int size, int classes, long seed) {
        byte[] pixels = new byte[count * size * size];
        byte[] labels = new byte[count];
        long key = CounterRandom.key(seed, 78);
        for (int n = 0; n < count; n++) {
            int c = CounterRandom.below(key, n, classes);
            labels[n] = (byte) c;
            int line = (c / 2) * size / ((classes + 1) / 2) + 1;
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++) {
                    int noise = CounterRandom.below(key, (long) count + (long) n * size * size + y * size + x, 90);
                    boolean on = (c % 2 == 0 ? y : x) == Math.min(line, size - 1);
                    pixels[n * size * size + y * size + x] = (byte) (on ? 255 - noise : noise);
                }
        }
        return new Dataset("bars", 1, size, size, classes, pixels, labels);
    }
}
