package dev.vecnn.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A sweep's results: one row per run, sorted by validation accuracy (highest first; then test
 * accuracy, then run id), failed runs last; as results.csv, results.json and a table for the terminal.
 * Columns: run, one per grid option, val_accuracy, test_accuracy (fractions), seconds,
 * images_per_second, error.
 */
public record ResultsTable(List<String> options, List<RunResult> rows) {
    private static final Comparator<Double> HIGHEST_FIRST = Comparator.<Double>comparingInt(d -> Double.isNaN(d) ? 1 : 0)
            .thenComparing(Comparator.<Double>reverseOrder());

    public ResultsTable {
        List<RunResult> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((RunResult r) -> r.ok() ? 0 : 1)
                .thenComparing(RunResult::valAccuracy, HIGHEST_FIRST)
                .thenComparing(RunResult::testAccuracy, HIGHEST_FIRST)
                .thenComparing(RunResult::run));
        options = List.copyOf(options);
        rows = List.copyOf(sorted);
    }

    /** The best run: the first that did not fail, or null when all failed. */
    public RunResult best() {
        return rows.isEmpty() || !rows.get(0).ok() ? null : rows.get(0);
    }

    private List<String> header() {
        List<String> header = new ArrayList<>(List.of("run"));
        header.addAll(options);
        header.addAll(List.of("val_accuracy", "test_accuracy", "seconds", "images_per_second", "error"));
        return header;
    }

    private List<String> cells(RunResult r) {
        List<String> cells = new ArrayList<>(List.of(r.run()));
        for (String option : options) cells.add(r.options().get(option));
        cells.add(number("%.4f", r.valAccuracy()));
        cells.add(number("%.4f", r.testAccuracy()));
        cells.add(number("%.1f", r.seconds()));
        cells.add(number("%.0f", r.imagesPerSecond()));
        cells.add(r.error() == null ? "" : r.error());
        return cells;
    }

    private static String number(String format, double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "";
    }

    public String csv() {
        StringBuilder out = new StringBuilder();
        out.append(csvLine(header()));
        for (RunResult r : rows) out.append(csvLine(cells(r)));
        return out.toString();
    }

    private static String csvLine(List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String cell : cells)
            quoted.add(cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                    ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
        return String.join(",", quoted) + "\n";
    }

    public String json() {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (RunResult r : rows) array.add(r.toJson());
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The table for a terminal: columns aligned, the error last so long ones do not push the others. */
    public String text() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(header());
        for (RunResult r : rows) lines.add(cells(r));
        int columns = lines.get(0).size();
        int[] width = new int[columns];
        for (List<String> line : lines)
            for (int c = 0; c < columns - 1; c++) width[c] = Math.max(width[c], line.get(c).length());
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = line.get(c);
                row.append(c == columns - 1 ? cell : String.format(Locale.ROOT, "%-" + width[c] + "s  ", cell));
            }
            out.append(row.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
