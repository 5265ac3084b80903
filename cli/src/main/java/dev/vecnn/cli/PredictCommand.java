package dev.vecnn.cli;

import dev.vecnn.engine.data.ClassNames;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.data.ImageInput;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.Evaluator;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vecnn predict}: a model's class probabilities for one test image or one picture, best first. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Print a model's class probabilities for one image, most likely class first: test image I "
                + "of a data directory, or a picture file of any size (PNG, JPEG, GIF, BMP).",
                "A picture is made grayscale, light ink on dark like MNIST (dark ink on light paper is inverted), "
                        + "padded to the model's aspect ratio and resized to its input."})
final class PredictCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model file written by vecnn train.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @ArgGroup(exclusive = false)
        TestImage testImage;

        @Option(names = "--image", paramLabel = "FILE", description = "A picture file.")
        Path image;
    }

    static final class TestImage {
        @Option(names = "--data", paramLabel = "DIR", description = "Directory of the test files (default: the bundled MNIST sample).")
        Path data;

        @Option(names = "--index", paramLabel = "I", required = true, description = "Which test image, from 0.")
        int index;
    }

    @Mixin
    OutputOptions output;

    @Mixin
    ComputeOptions compute;

    @Override
    public Integer call() throws IOException {
        int threads = compute.threads();
        var kernels = compute.kernels();
        SavedModel saved = SavedModel.read(model);
        Model network = saved.model();
        Dataset one;
        String name;
        int label = -1;
        if (input.image != null) {
            float[] pixels = ImageInput.read(input.image, network.input().channels(), network.input().height(),
                    network.input().width());
            name = input.image.toString();
            one = ImageInput.asDataset(name, pixels, network.input().height(), network.input().width(), network.classes());
        } else {
            Dataset test = TestData.read(input.testImage.data, network);
            int index = input.testImage.index;
            if (index < 0 || index >= test.count())
                throw Usage.error(spec, "--index " + index + " is outside "
                        + test.name() + ", which holds images 0.." + (test.count() - 1));
            one = test.subset(test.name() + "[" + index + "]", new int[] {index});
            name = "image " + index + " of " + test.name();
            label = test.label(index);
        }
        float[] probabilities;
        try (Evaluator evaluator = new Evaluator(network, kernels, threads)) {
            probabilities = evaluator.probabilities(one)[0];
        }
        Integer[] ranked = new Integer[probabilities.length];
        for (int c = 0; c < ranked.length; c++) ranked[c] = c;
        Arrays.sort(ranked, Comparator.comparingDouble((Integer c) -> -probabilities[c]).thenComparingInt(c -> c));
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) printJson(out, name, label, ranked, probabilities, saved.classNames());
        else print(out, name, label, ranked, probabilities, saved.classNames());
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, String name, int label, Integer[] ranked, float[] probabilities,
                              ClassNames names) {
        // Names that are only the class numbers (MNIST's digits) are not printed twice.
        boolean named = !names.justNumbers();
        int width = names.names().stream().mapToInt(String::length).max().orElse(0);
        out.println(name + (label >= 0 ? " (label " + shown(label, names) + ")" : "") + ": predicted "
                + shown(ranked[0], names));
        for (int c : ranked) {
            double p = probabilities[c];
            out.printf(Locale.ROOT, "%5d %8.2f%%  %s%s%n", c, 100 * p,
                    named ? String.format(Locale.ROOT, "%-" + width + "s  ", names.name(c)) : "",
                    "#".repeat((int) Math.round(40 * p)));
        }
    }

    /** A class as text: its number, and its name when it has one. */
    private static String shown(int c, ClassNames names) {
        return names.justNumbers() ? Integer.toString(c) : c + " " + names.name(c);
    }

    /**
     * The --json document; label and labelName are null for a picture file; classes, their names
     * and probabilities are best first, named as in the data the model was trained on.
     */
    private record Prediction(String image, Integer label, String labelName, int predicted, String predictedName,
                              int[] classes, List<String> classNames, float[] probabilities) {}

    private static void printJson(PrintWriter out, String name, int label, Integer[] ranked, float[] probabilities,
                                  ClassNames names) {
        float[] sorted = new float[ranked.length];
        int[] classes = new int[ranked.length];
        List<String> rankedNames = new ArrayList<>();
        for (int i = 0; i < ranked.length; i++) {
            classes[i] = ranked[i];
            sorted[i] = probabilities[ranked[i]];
            rankedNames.add(names.name(ranked[i]));
        }
        Json.print(out, new Prediction(name, label >= 0 ? label : null, label >= 0 ? names.name(label) : null, ranked[0],
                names.name(ranked[0]), classes, rankedNames, sorted));
    }
}
