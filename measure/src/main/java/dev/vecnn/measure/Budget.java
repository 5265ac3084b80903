package dev.vecnn.measure;

/**
 * How long one implementation is warmed up and then timed, in nanoseconds. Each phase runs at
 * least one call however long it takes, so a slow reference kernel at a big shape costs two calls,
 * never a fixed repetition count; a first call that already takes {@code singleCallNanos} and
 * allocates nothing (plain loops, compiled on the fly by on-stack replacement) is the measurement
 * by itself. After its budget the warm-up goes on until the code is compiled (see {@link Timer}),
 * but never past {@code maxWarmupNanos}: on a machine too busy for the JIT to keep up, a figure is
 * better than no figure.
 */
public record Budget(long warmupNanos, long maxWarmupNanos, long measureNanos, long singleCallNanos) {
    /** The default of {@code vecnn bench}: about half a second per implementation. */
    public static final Budget FULL = new Budget(150_000_000L, 2_000_000_000L, 250_000_000L, Long.MAX_VALUE);
    /** {@code vecnn bench --quick}: rough figures in a few seconds for the whole suite. */
    public static final Budget QUICK = new Budget(20_000_000L, 500_000_000L, 30_000_000L, 100_000_000L);

    public Budget {
        if (warmupNanos < 0 || measureNanos < 0 || maxWarmupNanos < warmupNanos || singleCallNanos < 0)
            throw new IllegalArgumentException("bad budget: warm-up " + warmupNanos + " (at most " + maxWarmupNanos
                    + "), measure " + measureNanos + ", single call " + singleCallNanos);
    }
}
