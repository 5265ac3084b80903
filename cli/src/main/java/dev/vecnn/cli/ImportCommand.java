package dev.vecnn.cli;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.model.Model;
import dev.vecnn.onnx.ImportedModel;
import dev.vecnn.onnx.OnnxImport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code vecnn import}: an ONNX model (a PyTorch export, a vecnn export) as a vecnn model file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Read an ONNX model made of layers vecnn has (Conv, MaxPool, AveragePool, Gemm or MatMul + Add, "
                + "Flatten or Reshape, Relu, LeakyRelu, PRelu, Sigmoid, Tanh, Softmax, BatchNormalization, Dropout) as a "
                + "model file that eval, predict, summary and train --init use.",
                "Its input must take N x C x H x W float32 pixels / 255, as vecnn feeds them."})
final class ImportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--onnx", paramLabel = "FILE", required = true, description = "The ONNX model to read.")
    Path onnx;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The model file to write (replaced atomically).")
    Path out;

    @Option(names = "--input", paramLabel = "CxHxW", converter = Converters.ShapeConverter.class,
            description = "The input shape, where the file leaves it open (e.g. 1x28x28).")
    Shape input;

    @Override
    public Integer call() throws IOException {
        ImportedModel imported = OnnxImport.read(onnx, input);
        ModelFile.write(out, imported.contents());
        Model model = imported.model();
        PrintWriter printer = spec.commandLine().getOut();
        printer.println("wrote " + out + ": " + model.spec() + " (" + model.input() + " -> " + model.classes()
                + " classes, " + String.format(java.util.Locale.ROOT, "%,d", model.parameterCount()) + " parameters)");
        printer.flush();
        return 0;
    }
}
