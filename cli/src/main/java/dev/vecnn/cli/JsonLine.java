package dev.vecnn.cli;

import java.util.List;

/** One JSON object on one line, built key by key in the order given. */
final class JsonLine {
    private final StringBuilder text = new StringBuilder("{");

    private JsonLine key(String key) {
        if (text.length() > 1) text.append(", ");
        text.append(JsonText.string(key)).append(": ");
        return this;
    }

    JsonLine put(String key, String value) {
        key(key).text.append(value == null ? "null" : JsonText.string(value));
        return this;
    }

    JsonLine put(String key, long value) {
        key(key).text.append(value);
        return this;
    }

    JsonLine put(String key, boolean value) {
        key(key).text.append(value);
        return this;
    }

    /** A number with up to {@code decimals} decimals; NaN becomes null. */
    JsonLine put(String key, double value, int decimals) {
        key(key).text.append(JsonText.number(value, decimals));
        return this;
    }

    JsonLine put(String key, double[] values, int decimals) {
        key(key).text.append('[');
        for (int i = 0; i < values.length; i++) text.append(i == 0 ? "" : ", ").append(JsonText.number(values[i], decimals));
        text.append(']');
        return this;
    }

    JsonLine put(String key, int[] values) {
        key(key).text.append('[');
        for (int i = 0; i < values.length; i++) text.append(i == 0 ? "" : ", ").append(values[i]);
        text.append(']');
        return this;
    }

    JsonLine put(String key, List<String> values) {
        key(key).text.append('[');
        for (int i = 0; i < values.size(); i++) text.append(i == 0 ? "" : ", ").append(JsonText.string(values.get(i)));
        text.append(']');
        return this;
    }

    JsonLine put(String key, int[][] rows) {
        key(key).text.append('[');
        for (int r = 0; r < rows.length; r++) {
            text.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < rows[r].length; c++) text.append(c == 0 ? "" : ", ").append(rows[r][c]);
            text.append(']');
        }
        text.append(']');
        return this;
    }

    @Override
    public String toString() {
        return text + "}";
    }
}
