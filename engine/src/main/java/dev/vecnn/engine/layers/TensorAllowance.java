package dev.vecnn.engine.layers;

import java.util.function.Supplier;

/**
 * How many more tensor values the layers built on this thread may create: set while a network is
 * built (see {@code Model.build}), so a spec that asks for more than a model file can hold, or a
 * damaged file whose spec asks for more than the file's own tensors, is refused before the memory
 * is taken rather than with an OutOfMemoryError. Each {@link Param} takes its values from it.
 */
public final class TensorAllowance {
    private static final ThreadLocal<TensorAllowance> CURRENT = new ThreadLocal<>();

    private final long total;
    private final String limit;
    private long left;

    private TensorAllowance(long total, String limit) {
        this.total = total;
        this.limit = limit;
        this.left = total;
    }

    /**
     * Runs {@code build} with at most {@code values} tensor values to create on this thread;
     * {@code limit} says what sets the bound, for the message that refuses more.
     */
    public static <T> T within(long values, String limit, Supplier<T> build) {
        TensorAllowance outer = CURRENT.get();
        CURRENT.set(new TensorAllowance(values, limit));
        try {
            return build.get();
        } finally {
            if (outer == null) CURRENT.remove();
            else CURRENT.set(outer);
        }
    }

    /** Takes {@code values} from the allowance, or refuses them when it has fewer left. */
    static void take(long values, String tensor) {
        TensorAllowance allowance = CURRENT.get();
        if (allowance == null) return;
        if (values > allowance.left)
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "its %s tensor of %,d values takes the network past %,d values, %s", tensor, values,
                    allowance.total, allowance.limit));
        allowance.left -= values;
    }
}
