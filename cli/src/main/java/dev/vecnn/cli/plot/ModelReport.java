package dev.vecnn.cli.plot;

import dev.vecnn.engine.data.ClassNames;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.Evaluation;
import dev.vecnn.engine.train.RunDirectory;
import dev.vecnn.kernels.Kernels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of a saved model ({@code vecnn report}): the same figures and page as training
 * writes, from the model and its test results; the curves and the distributions from the
 * metrics.csv and layer-stats.csv of its run when they sit beside the model file (up to the
 * model's epoch), else the distributions from the model's weights alone. Classes take the names the
 * model file stores, else those of the test data.
 */
public final class ModelReport {
    /** What was written: the files, and the seconds the figures and page took. */
    public record Result(List<Path> files, Path page, double seconds) {}

    private ModelReport() {}

    /**
     * Writes into {@code out}. {@code options} are the model file's stored settings, {@code epoch}
     * the epochs it was trained for, {@code classNames} those it stores (when they are only numbers,
     * the test data's, which may know better).
     */
    public static Result write(Path out, Path modelFile, Model model, int epoch, long seed, Map<String, String> options,
                               ClassNames classNames, Dataset test, Evaluation evaluation, Kernels kernels, int threads)
            throws IOException {
        Path run = modelFile.toAbsolutePath().getParent();
        MetricsTable metrics = MetricsTable.read(run.resolve(RunDirectory.METRICS), epoch);
        List<TensorStatistics> statistics = TensorStatisticsCsv.read(run.resolve(TensorStatisticsCsv.FILE), epoch);
        if (statistics.isEmpty()) statistics = TensorStatistics.of(epoch, model, null);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("model", modelFile.toString());
        settings.put("epochs trained", Integer.toString(epoch));
        options.forEach(settings::putIfAbsent);
        settings.put("seed", Long.toString(seed));
        settings.put("test data", test.name());
        String status = String.format(Locale.ROOT, "Report of %s after %d epoch%s: test accuracy %.2f %% on %s test images.",
                modelFile.getFileName(), epoch, epoch == 1 ? "" : "s", 100 * evaluation.accuracy(), Report.count(evaluation.count()));
        List<String> names = classNames.justNumbers() ? ClassNames.of(test) : classNames.names();
        Report.Written written = Report.write(out, new Snapshot(model, epoch, kernels, threads, test, "test", names, evaluation,
                metrics, statistics, settings, status, 0));
        return new Result(written.figures().stream().map(f -> out.resolve(f.file())).toList(), out.resolve(Report.PAGE),
                written.seconds());
    }
}
