package dev.vecnn.kernels.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a problem descriptor, oneDNN style: parameter names each followed by a number with
 * no separator ({@code mb64ic32ih13oc64kh3}). Names are matched longest first against the names
 * the problem's kind knows, so a name may end in a digit ({@code beta10.9} is beta1 = 0.9).
 * Every rejection names the descriptor and the part that is wrong.
 */
final class Params {
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private final String descriptor;
    private final Map<String, String> values = new LinkedHashMap<>();

    private Params(String descriptor) {
        this.descriptor = descriptor;
    }

    /** Splits {@code body} into name/number pairs, accepting only the names in {@code known}. */
    static Params parse(String descriptor, String body, List<String> known) {
        Params params = new Params(descriptor);
        int at = 0;
        while (at < body.length()) {
            String name = longestName(body, at, known);
            if (name == null)
                throw params.bad("unknown parameter at '" + body.substring(at) + "' (expected one of "
                        + String.join(", ", known) + ")");
            Matcher number = NUMBER.matcher(body).region(at + name.length(), body.length());
            if (!number.lookingAt())
                throw params.bad("'" + name + "' needs a number at '" + body.substring(at) + "'");
            if (params.values.put(name, number.group()) != null)
                throw params.bad("'" + name + "' is given twice");
            at = number.end();
        }
        return params;
    }

    private static String longestName(String body, int at, List<String> known) {
        String best = null;
        for (String name : known)
            if (body.startsWith(name, at) && (best == null || name.length() > best.length())) best = name;
        return best;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** A required positive integer. */
    int size(String name) {
        String text = values.get(name);
        if (text == null) throw bad("'" + name + "' is missing");
        return positive(name, text);
    }

    /** An optional positive integer. */
    int size(String name, int fallback) {
        String text = values.get(name);
        return text == null ? fallback : positive(name, text);
    }

    /** An optional integer >= 0. */
    int count(String name, int fallback) {
        String text = values.get(name);
        if (text == null) return fallback;
        int value = integer(name, text);
        if (value < 0) throw bad("'" + name + text + "' must be >= 0");
        return value;
    }

    /** An optional 0 (false) or 1 (true). */
    boolean flag(String name, boolean fallback) {
        String text = values.get(name);
        if (text == null) return fallback;
        return switch (text) {
            case "0" -> false;
            case "1" -> true;
            default -> throw bad("'" + name + text + "' must be " + name + "0 or " + name + "1");
        };
    }

    /** An optional finite float. */
    float real(String name, float fallback) {
        String text = values.get(name);
        if (text == null) return fallback;
        float value = Float.parseFloat(text);
        if (!Float.isFinite(value)) throw bad("'" + name + text + "' is not a finite float");
        return value;
    }

    IllegalArgumentException bad(String what) {
        return new IllegalArgumentException("bad problem '" + descriptor + "': " + what);
    }

    private int positive(String name, String text) {
        int value = integer(name, text);
        if (value < 1) throw bad("'" + name + text + "' must be >= 1");
        return value;
    }

    private int integer(String name, String text) {
        try {
            return Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            throw bad("'" + name + text + "' must be an integer");
        }
    }

    /** Builds a canonical descriptor: required parameters always, optional ones when not at their default. */
    static final class Writer {
        private final StringBuilder text;

        Writer(String kind) {
            text = new StringBuilder(kind).append(':');
        }

        Writer put(String name, int value) {
            text.append(name).append(value);
            return this;
        }

        Writer put(String name, float value) {
            text.append(name).append(format(value));
            return this;
        }

        Writer putIf(String name, int value, int fallback) {
            return value == fallback ? this : put(name, value);
        }

        Writer putIf(String name, float value, float fallback) {
            return Float.compare(value, fallback) == 0 ? this : put(name, value);
        }

        Writer putIf(String name, boolean value, boolean fallback) {
            return value == fallback ? this : put(name, value ? 1 : 0);
        }

        @Override
        public String toString() {
            return text.toString();
        }

        private static String format(float value) {
            if (value == Math.rint(value) && Math.abs(value) < 1e7f) return Integer.toString((int) value);
            return Float.toString(value);
        }
    }
}
