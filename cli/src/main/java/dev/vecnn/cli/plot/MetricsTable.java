package dev.vecnn.cli.plot;

import dev.vecnn.engine.io.BadFileException;
import dev.vecnn.engine.train.EpochMetrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A run's {@code metrics.csv} as read back: the cells as written, for the report's table, and the
 * epochs for the curves, found by column name so that added columns do no harm.
 */
record MetricsTable(List<String> header, List<List<String>> rows) {
    static final MetricsTable EMPTY = new MetricsTable(List.of(), List.of());

    /** The rows of {@code file} up to {@code lastEpoch}; EMPTY when there is no such file. */
    static MetricsTable read(Path file, int lastEpoch) throws IOException {
        if (!Files.isRegularFile(file)) return EMPTY;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) return EMPTY;
        List<String> header = List.of(lines.get(0).split(",", -1));
        if (!header.contains("epoch")) throw new BadFileException(file.toString(), "not a metrics file: no 'epoch' column");
        List<List<String>> rows = new ArrayList<>();
        int epochColumn = header.indexOf("epoch");
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            List<String> cells = Arrays.asList(lines.get(i).split(",", -1));
            if (cells.size() != header.size())
                throw new BadFileException(file.toString(), "line " + (i + 1) + " has " + cells.size() + " columns, not " + header.size());
            try {
                if (Integer.parseInt(cells.get(epochColumn)) <= lastEpoch) rows.add(List.copyOf(cells));
            } catch (NumberFormatException e) {
                throw new BadFileException(file.toString(), "line " + (i + 1) + ": epoch '" + cells.get(epochColumn) + "' is not a number");
            }
        }
        MetricsTable table = new MetricsTable(header, rows);
        try {
            table.epochs();
        } catch (NumberFormatException e) {
            throw new BadFileException(file.toString(), "a metric is not a number: " + e.getMessage());
        }
        return table;
    }

    /**
     * The epochs, for the curves; a column that is missing or a cell that is empty reads as NaN.
     * metrics.csv does not hold the validation images' count, which the curves do not need: 0.
     */
    List<EpochMetrics> epochs() {
        List<EpochMetrics> epochs = new ArrayList<>();
        for (List<String> row : rows)
            epochs.add(new EpochMetrics((int) value(row, "epoch"), value(row, "train_loss"), value(row, "train_accuracy"),
                    value(row, "val_loss"), value(row, "val_accuracy"), value(row, "lr"), value(row, "seconds"),
                    value(row, "images_per_second"), value(row, "lr_first"), 0));
        return epochs;
    }

    private double value(List<String> row, String column) {
        int i = header.indexOf(column);
        return i < 0 || row.get(i).isEmpty() ? Double.NaN : Double.parseDouble(row.get(i));
    }
}
