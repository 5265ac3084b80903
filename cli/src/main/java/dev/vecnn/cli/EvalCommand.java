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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vecnn eval}: a model's loss, accuracy, per-class precision and recall, and confusion matrix on a test set. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a model on test images: loss, accuracy, per-class precision and recall, and the "
                + "confusion matrix. By default the test images of the data the model was trained on (as its file "
                + "records it), or those of --data DIR.",
                "The directory needs only t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (raw or .gz)."})
final class EvalCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "A model file written by vecnn train, or a run directory (its best.vecnn, else last.vecnn).")
    Path model;

    @Mixin
    DataOptions data;

    @Mixin
    OutputOptions output;

    @Mixin
    ComputeOptions compute;

    @Override
    public Integer call() throws IOException {
        int threads = compute.threads();
        var kernels = compute.kernels();
        SavedModel saved = SavedModel.read(model);
        TestData.Choice choice = TestData.choose(data.data, saved, spec.commandLine().getErr());
        Dataset test = choice.test();
        Evaluation result;
        long start = System.nanoTime();
        try (Evaluator evaluator = new Evaluator(saved.model(), kernels, threads)) {
            result = evaluator.evaluate(test);
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) printJson(out, result, seconds, test, saved.classNames());
        else print(out, saved, choice, result, seconds);
        out.flush();
        return 0;
    }

    /**
     * The --json document; precision and recall per class, null for a class never predicted or never
     * present; the classes named as in the data the model was trained on.
     */
    private record Report(double accuracy, double loss, int count, int[][] confusion, double[] precision, double[] recall,
                          double seconds, double imagesPerSecond, Path model, String data, List<String> classNames) {}

    private void printJson(PrintWriter out, Evaluation result, double seconds, Dataset test, ClassNames names) {
        int classes = result.confusion().length;
        double[] precision = new double[classes], recall = new double[classes];
        for (int c = 0; c < classes; c++) {
            precision[c] = result.precision(c);
            recall[c] = result.recall(c);
        }
        Json.print(out, new Report(result.accuracy(), result.loss(), result.count(), result.confusion(), precision, recall,
                seconds, result.count() / seconds, model, test.name(), names.names()));
    }

    private static void print(PrintWriter out, SavedModel saved, TestData.Choice choice, Evaluation result, double seconds) {
        int classes = result.confusion().length;
        out.println("model  " + saved.describe());
        out.printf(Locale.ROOT, "data   %s: %,d images (%s)%n", choice.test().name(), result.count(), choice.origin());
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
