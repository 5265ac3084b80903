package dev.vecnn.cli;

import dev.vecnn.cli.plot.ModelReport;
import dev.vecnn.engine.train.Evaluation;
import dev.vecnn.engine.train.Evaluator;
import dev.vecnn.kernels.Kernels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vecnn report}: the training report's figures and page for a saved model. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Draw the figures of a saved model (curves, confusion matrix, filters, feature maps, predictions, "
                + "weight and gradient distributions, feature space) and report.html, the page that shows them all.",
                "The curves and distributions come from the metrics.csv and layer-stats.csv of the model's run when they "
                        + "sit beside the model file. By default the test images of the data the model was trained on "
                        + "(as its file records it), or those of --data DIR."})
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "A model file written by vecnn train, or a run directory (its best.vecnn, else last.vecnn).")
    Path model;

    @Mixin
    DataOptions data;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the figures and report.html go (default: the model's directory).")
    Path out;

    @Mixin
    ComputeOptions compute;

    @Override
    public Integer call() throws IOException {
        int threads = compute.threads();
        Kernels kernels = compute.kernels();
        SavedModel saved = SavedModel.read(model);
        TestData.Choice choice = TestData.choose(data.data, saved, spec.commandLine().getErr());
        Evaluation evaluation;
        try (Evaluator evaluator = new Evaluator(saved.model(), kernels, threads)) {
            evaluation = evaluator.evaluate(choice.test());
        }
        Path directory = out != null ? out : saved.file().toAbsolutePath().getParent();
        ModelReport.Result result = ModelReport.write(directory, saved.file(), saved.model(), saved.checkpoint().epoch(),
                saved.checkpoint().seed(), saved.options(), saved.classNames(), choice.test(), evaluation, kernels, threads);
        PrintWriter printer = spec.commandLine().getOut();
        printer.println("model   " + saved.describe());
        printer.printf(Locale.ROOT, "data    %s: %,d test images (%s)%n", choice.test().name(), choice.test().count(),
                choice.origin());
        printer.printf(Locale.ROOT, "report  %s (%d figures, drawn in %.2f s)%n", result.page(), result.files().size(),
                result.seconds());
        for (Path file : result.files()) printer.println("        " + file);
        printer.flush();
        return 0;
    }
}
