package dev.vecnn.cli;

import dev.vecnn.engine.data.ClassNames;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.train.Evaluation;
import dev.vecnn.engine.train.Evaluator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vecnn eval}: a model's loss, accuracy, per-class precision and recall, and confusion matrix on a test set. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a model file on the test images of a data directory: loss, accuracy, per-class "
                + "precision and recall, and the confusion matrix.",
                "The directory needs only t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (raw or .gz)."})
final class EvalCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model file written by vecnn train.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory of the test files (default: the bundled MNIST sample).")
    Path data;

    @Option(names = "--json", description = "Print one JSON object: {\"accuracy\", \"loss\", \"count\", \"confusion\", "
            + "\"precision\", \"recall\", \"seconds\", \"imagesPerSecond\", \"model\", \"data\", \"classNames\"}; classes are "
            + "named as in the data the model was trained on (Fashion-MNIST's garments, MNIST's digits).")
    boolean json;

    @Mixin
    ComputeOptions compute;

    @Override
    public Integer call() throws IOException {
        int threads = compute.threads();
        var kernels = compute.kernels();
        SavedModel saved = SavedModel.read(model);
        Dataset test = TestData.read(data, saved.model());
        Evaluation result;
        long start = System.nanoTime();
        try (Evaluator evaluator = new Evaluator(saved.model(), kernels, threads)) {
            result = evaluator.evaluate(test);
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        PrintWriter out = spec.commandLine().getOut();
        if (json) printJson(out, result, seconds, test, saved.classNames());
        else print(out, saved, test, result, seconds);
        out.flush();
        return 0;
    }

    private void printJson(PrintWriter out, Evaluation result, double seconds, Dataset test, ClassNames names) {
        int classes = result.confusion().length;
        double[] precision = new double[classes], recall = new double[classes];
        for (int c = 0; c < classes; c++) {
            precision[c] = result.precision(c);
            recall[c] = result.recall(c);
        }
        out.println(new JsonLine().put("accuracy", result.accuracy(), 6).put("loss", result.loss(), 6)
                .put("count", result.count()).put("confusion", result.confusion())
                .put("precision", precision, 6).put("recall", recall, 6)
                .put("seconds", seconds, 3).put("imagesPerSecond", result.count() / seconds, 1)
                .put("model", model.toString()).put("data", test.name()).put("classNames", names.names()));
    }

    private static void print(PrintWriter out, SavedModel saved, Dataset test, Evaluation result, double seconds) {
        int classes = result.confusion().length;
        out.println("model  " + saved.describe());
        out.printf(Locale.ROOT, "data   %s: %,d images%n", test.name(), result.count());
        out.printf(Locale.ROOT, "test accuracy %s (loss %.4f), %.2f s, %,.0f images/s%n%n",
                TrainingReport.percent(result.accuracy()), result.loss(), seconds, result.count() / seconds);
        // Names that are only the class numbers (MNIST's digits) are not printed twice.
        ClassNames names = saved.classNames();
        boolean named = !names.justNumbers();
        int width = named ? names.names().stream().mapToInt(String::length).max().orElse(0) : 0;
        String nameColumn = named ? " %-" + width + "s" : "%s";
        out.printf(Locale.ROOT, "%5s" + nameColumn + " %10s %8s %8s%n", "class", named ? "name" : "", "precision", "recall",
                "images");
        for (int c = 0; c < classes; c++) {
            int images = 0;
            for (int v : result.confusion()[c]) images += v;
            out.printf(Locale.ROOT, "%5d" + nameColumn + " %10s %8s %8d%n", c, named ? names.name(c) : "",
                    percent(result.precision(c)), percent(result.recall(c)), images);
        }
        out.printf(Locale.ROOT, "%nconfusion matrix (rows: actual class, columns: predicted class)%n%6s", "");
        for (int c = 0; c < classes; c++) out.printf(Locale.ROOT, "%6d", c);
        out.println();
        for (int a = 0; a < classes; a++) {
            out.printf(Locale.ROOT, "%6d", a);
            for (int p = 0; p < classes; p++) out.printf(Locale.ROOT, "%6d", result.confusion()[a][p]);
            out.println(named ? "  " + names.name(a) : "");
        }
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
