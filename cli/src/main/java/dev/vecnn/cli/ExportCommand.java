package dev.vecnn.cli;

import dev.vecnn.engine.data.DataSource;
import dev.vecnn.engine.data.TrainingData;
import dev.vecnn.engine.io.BadFileException;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.RunSettings;
import dev.vecnn.onnx.ExportSettings;
import dev.vecnn.onnx.OnnxExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vecnn export}: a model file as an ONNX model that other inference engines and frameworks read. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a model file as an ONNX model of standard operators.",
                "Input 'input': N x C x H x W float32, each pixel byte / 255 as vecnn computes on. Outputs 'logits' and "
                        + "'probabilities' (their softmax), N x classes. The metadata carry the vecnn spec, the input "
                        + "shape, the training data and the class names."})
final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model file written by vecnn train or import.")
    Path model;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The ONNX file to write (replaced atomically).")
    Path out;

    @Option(names = "--opset", paramLabel = "N", defaultValue = "" + ExportSettings.DEFAULT_OPSET,
            description = "ONNX operator set version, " + ExportSettings.MIN_OPSET + " to " + ExportSettings.MAX_OPSET
                    + " (default: ${DEFAULT-VALUE}).")
    int opset;

    @Option(names = "--batch", paramLabel = "N|dynamic", defaultValue = "dynamic",
            description = "The batch dimension: a fixed number of images, or dynamic (default: ${DEFAULT-VALUE}).")
    String batch;

    @Override
    public Integer call() throws IOException {
        int batchSize = batchSize();
        SavedModel saved = SavedModel.read(model);
        TrainingData data = trainingData(saved);
        Model network = saved.model();
        ExportSettings settings;
        try {
            settings = new ExportSettings(opset, batchSize, data == null ? null : dataName(data),
                    saved.classNames().names(), saved.checkpoint().epoch());
        } catch (IllegalArgumentException e) {
            throw Usage.error(spec, e.getMessage());
        }
        OnnxExport.write(out, network, settings);
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "wrote %s: ONNX opset %d, input '%s' %s x %s (pixels / 255), outputs '%s' and '%s' "
                        + "(%d classes: %s)%n", out, opset, OnnxExport.INPUT, batchSize == 0 ? "N" : batchSize,
                network.input().isFlat() ? network.input().toString() : network.input().toString().replace("x", " x "),
                OnnxExport.LOGITS, OnnxExport.PROBABILITIES, network.classes(), String.join(", ", settings.classNames()));
        printer.flush();
        return 0;
    }

    private int batchSize() {
        if (batch.equalsIgnoreCase("dynamic")) return 0;
        try {
            int n = Integer.parseInt(batch);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Usage.error(spec,
                "--batch must be a number of images (at least 1) or 'dynamic', not '" + batch + "'");
    }

    /** The data a vecnn train run recorded in the model file; null for an imported model. */
    private static TrainingData trainingData(SavedModel saved) {
        try {
            return RunSettings.fromOptions(saved.file().toString(), saved.options(), saved.checkpoint().seed(), 1,
                    saved.model().classes()).data();
        } catch (BadFileException e) {
            return null;
        }
    }

    private static String dataName(TrainingData data) {
        return data.directory() == null ? DataSource.bundledSample().name() : data.directory().toString();
    }
}
