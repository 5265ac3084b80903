package dev.vecnn.engine.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a spec into its calls; the grammar is in {@code engine/SPEC.md}:
 * <pre>
 * spec     = call { call }                       calls separated by blanks or newlines
 * call     = name [ "(" [ argument { "," argument } ] ")" ]
 * argument = value | name "=" value               positional arguments before named ones
 * name     = letter { letter | digit | "_" }
 * value    = any run of characters other than blanks, "(", ")", "," and "="
 * </pre>
 * A {@code #} starts a comment that runs to the end of the line, so a spec file can explain itself.
 */
public final class SpecParser {
    private final String text;
    private int pos;
    private int layer;

    private SpecParser(String text) { this.text = text; }

    /** The calls of {@code spec}, in order; at least one. */
    public static List<LayerCall> parse(String spec) {
        SpecParser parser = new SpecParser(spec);
        List<LayerCall> calls = new ArrayList<>();
        parser.skipBlanks();
        while (parser.pos < spec.length()) {
            calls.add(parser.call());
            parser.skipBlanks();
        }
        if (calls.isEmpty()) throw new SpecException("the spec is empty: write layers such as 'conv(32,3) relu flatten dense(10)'");
        return calls;
    }

    /** The spec with comments removed and calls separated by single spaces: its canonical form. */
    public static String normalize(String spec) {
        List<String> texts = new ArrayList<>();
        for (LayerCall call : parse(spec)) texts.add(call.text());
        return String.join(" ", texts);
    }

    private LayerCall call() {
        int start = pos;
        layer++;
        String name = word();
        if (name.isEmpty()) throw errorFromHere(start, "expected a layer name, found '" + text.charAt(pos) + "'");
        if (!Character.isLetter(name.charAt(0)))
            throw errorFromHere(start, "a layer name starts with a letter");
        List<String> positional = new ArrayList<>();
        List<LayerCall.Named> named = new ArrayList<>();
        if (pos < text.length() && text.charAt(pos) == '(') {
            pos++;
            skipSpaces();
            if (peek() == ')') pos++;
            else arguments(start, positional, named);
        }
        if (pos < text.length() && !isBlank(text.charAt(pos)) && text.charAt(pos) != '#')
            throw errorFromHere(start, "unexpected '" + text.charAt(pos) + "' after the layer");
        return new LayerCall(name, positional, named, compact(text.substring(start, pos)), layer, start + 1);
    }

    private void arguments(int start, List<String> positional, List<LayerCall.Named> named) {
        while (true) {
            skipSpaces();
            String first = word();
            if (first.isEmpty()) throw errorFromHere(start, pos < text.length()
                    ? "expected an argument, found '" + text.charAt(pos) + "'" : "missing ')'");
            skipSpaces();
            if (peek() == '=') {
                pos++;
                skipSpaces();
                String value = word();
                if (value.isEmpty()) throw errorFromHere(start, "argument '" + first + "=' has no value");
                named.add(new LayerCall.Named(first.toLowerCase(Locale.ROOT), value));
                skipSpaces();
            } else {
                if (!named.isEmpty())
                    throw errorFromHere(start, "positional argument '" + first + "' after a named one");
                positional.add(first);
            }
            char next = peek();
            if (next == ',') { pos++; continue; }
            if (next == ')') { pos++; return; }
            throw errorFromHere(start, next == 0 ? "missing ')'" : "expected ',' or ')', found '" + next + "'");
        }
    }

    /** An error whose token runs from the call's start to where parsing stopped, a stray delimiter included. */
    private SpecException errorFromHere(int start, String reason) {
        int end = pos < text.length() && "(),=".indexOf(text.charAt(pos)) >= 0 ? pos + 1 : pos;
        return new SpecException(compact(text.substring(start, Math.max(end, start + 1))), layer, start + 1, reason);
    }

    private String word() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (isBlank(c) || c == '(' || c == ')' || c == ',' || c == '=' || c == '#') break;
            pos++;
        }
        return text.substring(start, pos);
    }

    private char peek() { return pos < text.length() ? text.charAt(pos) : 0; }

    private void skipSpaces() {
        while (pos < text.length() && isBlank(text.charAt(pos))) pos++;
    }

    private void skipBlanks() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') pos++;
            } else if (isBlank(c)) {
                pos++;
            } else {
                return;
            }
        }
    }

    private static boolean isBlank(char c) { return Character.isWhitespace(c); }

    private static String compact(String call) { return call.replaceAll("\\s+", ""); }
}
