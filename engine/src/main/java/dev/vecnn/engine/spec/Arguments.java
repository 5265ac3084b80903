package dev.vecnn.engine.spec;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The arguments of one call bound to a signature: a list of parameter names, the first
 * {@code required} of which must be given. Positional arguments bind in signature order, named
 * ones by name; typed getters check values and report the call and the argument on failure.
 */
public final class Arguments {
    private final LayerCall call;
    private final List<String> signature;
    private final Map<String, String> values = new HashMap<>();

    private Arguments(LayerCall call, List<String> signature) {
        this.call = call;
        this.signature = signature;
    }

    /** Binds {@code call}'s arguments to {@code parameters}, of which the first {@code required} are mandatory. */
    public static Arguments bind(LayerCall call, int required, String... parameters) {
        Arguments args = new Arguments(call, List.of(parameters));
        if (call.positional().size() > parameters.length)
            throw call.error(parameters.length == 0 ? call.name() + " takes no arguments"
                    : call.name() + " takes at most " + parameters.length + " positional argument"
                    + (parameters.length == 1 ? "" : "s") + " (" + String.join(", ", parameters) + ")");
        for (int i = 0; i < call.positional().size(); i++) args.values.put(parameters[i], call.positional().get(i));
        for (LayerCall.Named named : call.named()) {
            if (!args.signature.contains(named.key()))
                throw call.error("unknown argument '" + named.key() + "'" + (parameters.length == 0
                        ? ": " + call.name() + " takes no arguments"
                        : " (expected " + String.join(", ", parameters) + ")"));
            if (args.values.put(named.key(), named.value()) != null)
                throw call.error("argument '" + named.key() + "' given twice");
        }
        for (int i = 0; i < required; i++)
            if (!args.values.containsKey(parameters[i]))
                throw call.error("missing argument '" + parameters[i] + "': write " + call.name() + "("
                        + String.join(",", Arrays.copyOf(parameters, required)) + ")");
        return args;
    }

    public boolean has(String name) { return values.containsKey(name); }

    /** The raw text of argument {@code name}, lower-cased, or {@code fallback} when absent. */
    public String word(String name, String fallback) {
        String value = values.get(name);
        return value == null ? fallback : value.toLowerCase(Locale.ROOT);
    }

    /** An integer argument within [min, max]. */
    public int integer(String name, int fallback, int min, int max) {
        String value = values.get(name);
        if (value == null) return fallback;
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw call.error(name + " must be a whole number, not '" + value + "'");
        }
        if (parsed < min || parsed > max)
            throw call.error(name + " must be " + range(min, max) + ", not " + parsed);
        return parsed;
    }

    /** A real argument with min <= value < maxExclusive (or <= max when {@code maxInclusive}). */
    public double real(String name, double fallback, double min, double max, boolean maxInclusive) {
        String value = values.get(name);
        if (value == null) return fallback;
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw call.error(name + " must be a number, not '" + value + "'");
        }
        if (!(parsed >= min && (maxInclusive ? parsed <= max : parsed < max)))
            throw call.error(name + " must lie in [" + min + ", " + max + (maxInclusive ? "]" : ")") + ", not " + value);
        return parsed;
    }

    /** One of {@code choices}. */
    public String choice(String name, String fallback, String... choices) {
        String value = word(name, fallback);
        for (String choice : choices) if (choice.equals(value)) return value;
        throw call.error(name + " must be one of " + String.join(", ", choices) + ", not '" + value + "'");
    }

    public LayerCall call() { return call; }

    private static String range(int min, int max) {
        if (max == Integer.MAX_VALUE) return "at least " + min;
        return "between " + min + " and " + max;
    }
}
