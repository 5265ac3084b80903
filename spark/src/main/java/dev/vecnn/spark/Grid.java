package dev.vecnn.spark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A sweep's grid: one {@code option = value, value, ...} line per option, named as vecnn train
 * names them; {@code #} starts a comment outside quotes; a value holding commas is quoted
 * ({@code "conv(8,3) relu ..."}), and commas inside parentheses do not split either, so
 * {@code schedule = step(2,0.5), cosine} needs no quotes. The product of the lists is the set of
 * runs, the first option varying slowest.
 */
public record Grid(List<String> options, List<List<String>> values) {
    /** More runs than this is a mistake in the grid, not a sweep anyone means to start. */
    public static final int MAX_RUNS = 10_000;

    /** One run: its id (its position and a checksum of its values, so an edited grid never reuses a finished run) and options. */
    public record Run(String id, Map<String, String> options) implements java.io.Serializable {}

    /** The grid in {@code text}; {@code source} names the file in errors ("grid.txt:3: ..."). */
    public static Grid parse(String source, String text) {
        List<String> options = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String where = source + ":" + (n + 1) + ": ";
            String line = stripComment(lines[n], where).strip();
            if (line.isEmpty()) continue;
            int equals = line.indexOf('=');
            if (equals < 0) throw new UserError(where + "expected 'option = value, value, ...', not '" + line + "'");
            String name = line.substring(0, equals).strip();
            if (name.startsWith("--")) name = name.substring(2);
            if (!TrainOptions.NAMES.contains(name))
                throw new UserError(where + (name.isEmpty() ? "no option name before '='"
                        : "unknown option '" + name + "'" + TrainOptions.suggestion(name)
                        + " (a grid varies vecnn train's options: " + String.join(", ", new java.util.TreeSet<>(TrainOptions.NAMES)) + ")"));
            if (options.contains(name)) throw new UserError(where + "option '" + name + "' is given twice: list all its values on one line");
            options.add(name);
            values.add(splitValues(line.substring(equals + 1), where, name));
        }
        if (options.isEmpty()) throw new UserError(source + ": no 'option = value, ...' line: the grid is empty");
        long runs = 1;
        for (List<String> list : values) runs *= list.size();
        if (runs > MAX_RUNS) throw new UserError(source + ": " + runs + " runs is more than " + MAX_RUNS + ": a smaller grid, please");
        return new Grid(List.copyOf(options), List.copyOf(values));
    }

    /** The runs, the first option varying slowest. */
    public List<Run> runs() {
        List<Run> runs = new ArrayList<>();
        int count = 1;
        for (List<String> list : values) count *= list.size();
        for (int r = 0; r < count; r++) {
            Map<String, String> chosen = new LinkedHashMap<>();
            int rest = r;
            for (int o = options.size() - 1; o >= 0; o--) {
                List<String> list = values.get(o);
                chosen.put(options.get(o), list.get(rest % list.size()));
                rest /= list.size();
            }
            Map<String, String> ordered = new LinkedHashMap<>();
            for (String option : options) ordered.put(option, chosen.get(option));
            runs.add(new Run(id(r, ordered), ordered));
        }
        return runs;
    }

    private static String id(int index, Map<String, String> options) {
        CRC32 crc = new CRC32();
        for (var e : options.entrySet()) crc.update((e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
        return String.format(java.util.Locale.ROOT, "%03d-%08x", index + 1, crc.getValue());
    }

    /** The line up to a {@code #} outside quotes. */
    private static String stripComment(String line, String where) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (c == '#' && !quoted) return line.substring(0, i);
        }
        if (quoted) throw new UserError(where + "a quote is not closed");
        return line;
    }

    /** The comma-separated values, unquoted; commas inside quotes or parentheses do not split. */
    private static List<String> splitValues(String text, String where, String name) {
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false, wasQuoted = false;
        int depth = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '"') {
                if (!quoted && !value.toString().isBlank())
                    throw new UserError(where + "a quote must start the value of " + name + ", not follow '" + value.toString().strip() + "'");
                quoted = !quoted;
                wasQuoted = true;
            } else if (quoted) {
                value.append(c);
            } else if (c == ',' && depth == 0) {
                String v = wasQuoted ? value.toString() : value.toString().strip();
                if (v.isEmpty()) throw new UserError(where + "an empty value in the list of " + name);
                if (values.contains(v)) throw new UserError(where + "value '" + v + "' of " + name + " is listed twice");
                values.add(v);
                value.setLength(0);
                wasQuoted = false;
            } else if (wasQuoted && !Character.isWhitespace(c)) {
                throw new UserError(where + "after a quoted value of " + name + " comes a comma, not '" + c + "'");
            } else {
                if (c == '(') depth++;
                if (c == ')' && --depth < 0) throw new UserError(where + "a ')' without its '(' in the values of " + name);
                if (!wasQuoted) value.append(c);
            }
        }
        if (depth > 0) throw new UserError(where + "a '(' is not closed in the values of " + name);
        return List.copyOf(values);
    }
}
