package dev.vecnn.cli;

import dev.vecnn.cli.plot.ModelReport;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.train.Evaluation;
import dev.vecnn.engine.train.Evaluator;
import dev.vecnn.engine.train.RunSettings;
import dev.vecnn.kernels.Kernels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vecnn report}: the training report's figures and page for a saved model. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Draw the figures of a saved model (curves, confusion matrix, filters, feature maps, predictions, "
                + "weight and gradient distributions, feature space) and report.html, the page that shows them all.",
                "The curves and distributions come from the metrics.csv and layer-stats.csv of the model's run when they "
                        + "sit beside the model file."})
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model file written by vecnn train.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory of the test files (default: the data the model "
            + "was trained on, as its file records, else the bundled MNIST sample).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the figures and report.html go (default: the model's directory).")
    Path out;

    @Mixin
    ComputeOptions compute;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        int threads = compute.threads();
        Kernels kernels = compute.kernels();
        SavedModel saved = SavedModel.read(model);
        Map<String, String> options = ModelFile.read(model).options();
        Path testDirectory = data != null ? data
                : RunSettings.fromOptions(model.toString(), options, saved.checkpoint().seed(), threads).data().directory();
        Dataset test = TestData.read(testDirectory, saved.model());
        Evaluation evaluation;
        try (Evaluator evaluator = new Evaluator(saved.model(), kernels, threads)) {
            evaluation = evaluator.evaluate(test);
        }
        Path directory = out != null ? out : model.toAbsolutePath().getParent();
        ModelReport.Result result = ModelReport.write(directory, model, saved.model(), saved.checkpoint().epoch(),
                saved.checkpoint().seed(), options, test, evaluation, kernels, threads);
        PrintWriter printer = spec.commandLine().getOut();
        printer.println("model   " + saved.describe());
        printer.printf(Locale.ROOT, "report  %s (%d figures, drawn in %.2f s)%n", result.page(), result.files().size(),
                result.seconds());
        for (Path file : result.files()) printer.println("        " + file);
        printer.flush();
        return 0;
    }
}
