package dev.vecnn.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.Strictness;

import java.util.Map;

/**
 * Reads what a command printed with --json, for tests: exactly one line holding one strict JSON
 * document (no NaN, no trailing text). Objects become maps in key order, arrays lists, numbers doubles.
 */
final class JsonOutput {
    private static final Gson STRICT = new GsonBuilder().setStrictness(Strictness.STRICT).create();

    private JsonOutput() {}

    static Object parse(String text) {
        String line = text.strip();
        if (line.isEmpty() || line.contains("\n")) throw new AssertionError("expected one line of JSON, got:\n" + text);
        return STRICT.fromJson(line, Object.class);
    }

    static Map<?, ?> object(String text) {
        if (parse(text) instanceof Map<?, ?> map) return map;
        throw new AssertionError("expected a JSON object, got:\n" + text);
    }
}
