package dev.vecnn.cli;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.model.Summary;
import dev.vecnn.engine.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vecnn summary}: a network's layers, output shapes, parameters and forward MFLOPs. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Print a network's layers with their output shapes, parameter counts and forward MFLOPs "
                + "per image, with the totals.", "The spec grammar is in engine/SPEC.md."})
final class SummaryCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--spec", paramLabel = "SPEC", description = "The network, e.g. \"conv(8,3) relu flatten dense(10)\".")
        String text;

        @Option(names = "--spec-file", paramLabel = "FILE", description = "A file holding the network spec.")
        Path file;

        @Option(names = "--model", paramLabel = "FILE", description = "A model file written by vecnn train.")
        Path model;
    }

    @Option(names = "--input", paramLabel = "CxHxW", converter = Converters.ShapeConverter.class,
            description = "Input shape for --spec and --spec-file (default: 1x28x28).")
    Shape input;

    @Mixin
    OutputOptions output;

    /** The --json document: the input shape, one entry per layer and the totals. */
    private record Report(String input, List<Layer> layers, long parameters, double mflops) {}

    private record Layer(String layer, String output, long parameters, double mflops) {}

    @Override
    public Integer call() throws IOException {
        Model model;
        if (source.model != null) {
            if (input != null) throw Usage.error(spec, "--input comes from the model file; give it only with --spec or --spec-file");
            model = SavedModel.read(source.model).model();
        } else {
            String text = source.text != null ? source.text : SpecFiles.read(source.file);
            try {
                model = Model.build(text, input != null ? input : new Shape(1, 28, 28), 0);
            } catch (SpecException e) {
                throw Usage.error(spec, e.getMessage());
            }
        }
        Summary summary = model.summary();
        if (output.json)
            Json.print(spec.commandLine().getOut(), new Report(summary.input().toString(), summary.rows().stream()
                    .map(r -> new Layer(r.layer(), r.output().toString(), r.parameters(), r.mflops())).toList(),
                    summary.parameters(), summary.mflops()));
        else print(spec.commandLine().getOut(), summary);
        return 0;
    }

    private static final String ROW = "%-3s %-28s %-12s %12s %10s%n";

    static void print(PrintWriter out, Summary summary) {
        out.printf(Locale.ROOT, ROW, "#", "layer", "output", "parameters", "MFLOPs");
        out.printf(Locale.ROOT, ROW, "", "input", summary.input(), "", "");
        int index = 1;
        for (Summary.Row row : summary.rows())
            out.printf(Locale.ROOT, ROW, index++, row.layer(), row.output(), String.format(Locale.ROOT, "%,d", row.parameters()),
                    String.format(Locale.ROOT, "%.3f", row.mflops()));
        out.printf(Locale.ROOT, ROW, "", "total", "", String.format(Locale.ROOT, "%,d", summary.parameters()),
                String.format(Locale.ROOT, "%.3f", summary.mflops()));
        out.flush();
    }

}
