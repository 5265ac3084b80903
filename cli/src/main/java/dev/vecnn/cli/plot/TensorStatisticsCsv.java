package dev.vecnn.cli.plot;

import dev.vecnn.engine.io.AtomicFiles;
import dev.vecnn.engine.io.BadFileException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code layer-stats.csv}: one row per parameter tensor and epoch, what the distributions figure
 * draws, kept beside metrics.csv so that {@code vecnn report} and a resumed run can draw every
 * epoch again. Gradient columns are empty when no gradient was kept.
 */
final class TensorStatisticsCsv {
    static final String FILE = "layer-stats.csv";
    private static final String[] SPREAD = {"min", "p01", "p25", "median", "p75", "p99", "max"};
    static final String HEADER = "epoch,tensor,count," + columns("weight_") + ",gradient_norm," + columns("gradient_abs_");

    private TensorStatisticsCsv() {}

    private static String columns(String prefix) {
        List<String> names = new ArrayList<>();
        for (String s : SPREAD) names.add(prefix + s);
        return String.join(",", names);
    }

    static void write(Path file, List<TensorStatistics> rows) throws IOException {
        new Text().add(rows).write(file);
    }

    /**
     * The file's text, which a run keeps and adds each epoch's rows to, so that an epoch formats
     * only its own rows (formatting every earlier epoch's again took more than computing them).
     */
    static final class Text {
        private final StringBuilder text = new StringBuilder(HEADER).append('\n');

        Text add(List<TensorStatistics> rows) {
            for (TensorStatistics r : rows) {
                text.append(r.epoch()).append(',').append(r.tensor()).append(',').append(r.count());
                for (double v : r.weights().toArray()) text.append(',').append(number(v));
                text.append(',').append(number(r.gradientNorm()));
                for (double v : r.gradients().toArray()) text.append(',').append(number(v));
                text.append('\n');
            }
            return this;
        }

        /** Replaces {@code file} with the text, atomically. */
        void write(Path file) throws IOException {
            AtomicFiles.replace(file, text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The rows of {@code file} up to epoch {@code lastEpoch}; none when there is no such file. */
    static List<TensorStatistics> read(Path file, int lastEpoch) throws IOException {
        List<TensorStatistics> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) return rows;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER))
            throw new BadFileException(file.toString(), "not a layer statistics file: its first line is not " + HEADER);
        int columns = HEADER.split(",").length;
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (lines.get(i).isBlank()) continue;
            if (cells.length != columns)
                throw new BadFileException(file.toString(), "line " + (i + 1) + " has " + cells.length + " columns, not " + columns);
            try {
                int epoch = Integer.parseInt(cells[0]);
                if (epoch > lastEpoch) continue;
                double[] weights = new double[SPREAD.length], gradients = new double[SPREAD.length];
                for (int s = 0; s < SPREAD.length; s++) {
                    weights[s] = parse(cells[3 + s]);
                    gradients[s] = parse(cells[4 + SPREAD.length + s]);
                }
                rows.add(new TensorStatistics(epoch, cells[1], Integer.parseInt(cells[2]), Spread.fromArray(weights),
                        parse(cells[3 + SPREAD.length]), Spread.fromArray(gradients)));
            } catch (NumberFormatException e) {
                throw new BadFileException(file.toString(), "line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return rows;
    }

    private static String number(double v) { return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v); }

    private static double parse(String cell) { return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell); }
}
