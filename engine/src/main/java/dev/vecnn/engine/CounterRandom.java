package dev.vecnn.engine;

/**
 * Random numbers as a pure function of (key, counter), SplitMix64's finaliser over a Weyl
 * sequence. Every draw the engine makes (initial weights, the epoch's shuffle, dropout masks) is
 * addressed by what it is for, never by the order in which threads happen to ask, so one seed
 * gives the same model whatever the thread count, and resuming needs no generator state.
 */
public final class CounterRandom {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private CounterRandom() {}

    /** SplitMix64's bijective mixing function. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A key for the stream named by two numbers. */
    public static long key(long a, long b) { return mix(mix(a + GOLDEN) + b * GOLDEN); }

    /** A key for the stream named by three numbers. */
    public static long key(long a, long b, long c) { return mix(key(a, b) + c * GOLDEN); }

    /** The 64 random bits at position {@code counter} of stream {@code key}. */
    public static long bits(long key, long counter) { return mix(key + (counter + 1) * GOLDEN); }

    /** A float uniform in [0, 1), 24 random bits. */
    public static float uniform(long key, long counter) { return (bits(key, counter) >>> 40) * 0x1.0p-24f; }

    /** An int uniform in [0, bound), by Lemire's multiply-shift (bias below 2^-32 for any int bound). */
    public static int below(long key, long counter, int bound) {
        return (int) (((bits(key, counter) >>> 32) * bound) >>> 32);
    }

    /** Fisher-Yates shuffle of {@code values} driven by stream {@code key}. */
    public static void shuffle(int[] values, long key) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = below(key, i, i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
