package dev.vecnn.engine.spec;

import java.util.List;
import java.util.Locale;

/**
 * One call of a spec, {@code name(arg, ..., key=value, ...)}, as written: positional arguments
 * first, then named ones. {@code layer} counts calls from 1 and {@code column} is where the call
 * starts in the spec (from 1), so errors can point at it.
 */
public record LayerCall(String name, List<String> positional, List<Named> named, String text, int layer, int column) {
    /** A {@code key=value} argument. */
    public record Named(String key, String value) {}

    public LayerCall {
        name = name.toLowerCase(Locale.ROOT);
        positional = List.copyOf(positional);
        named = List.copyOf(named);
    }

    /** An error about this call. */
    public SpecException error(String reason) { return new SpecException(text, layer, column, reason); }
}
