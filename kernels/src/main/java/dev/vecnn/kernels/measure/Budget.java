package dev.vecnn.kernels.measure;

/**
 * How long one implementation is warmed up and then timed, in nanoseconds. Each phase runs at
 * least one call however long it takes, so a slow reference kernel at a big shape costs two calls,
 * never a fixed repetition count.
 */
public record Budget(long warmupNanos, long measureNanos) {
    /** The default of {@code vecnn bench}: about half a second per implementation. */
    public static final Budget FULL = new Budget(200_000_000L, 300_000_000L);
    /** {@code vecnn bench --quick}: rough figures in a few seconds for the whole suite. */
    public static final Budget QUICK = new Budget(20_000_000L, 30_000_000L);

    public Budget {
        if (warmupNanos < 0 || measureNanos < 0)
            throw new IllegalArgumentException("budget must not be negative: " + warmupNanos + ", " + measureNanos);
    }
}
