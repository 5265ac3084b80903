package dev.vecnn.cli;

import com.google.gson.annotations.SerializedName;
import dev.vecnn.engine.data.ClassNames;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.data.ImageInput;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.Evaluator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code vecnn predict}: a model's most likely classes for pictures and test images, one row per image. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Print a model's most likely classes, one row per image: picture files of any size (PNG, "
                + "JPEG, GIF, BMP; a directory stands for the pictures in it), and test images by index.",
                "A picture is made grayscale, light ink on dark like MNIST (dark ink on light paper is inverted), "
                        + "padded to the model's aspect ratio and resized to its input. The model is loaded once."})
final class PredictCommand implements Callable<Integer> {
    /** Picture files a directory given to --image stands for, by extension, as Java's ImageIO reads them. */
    private static final List<String> PICTURES = List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "A model file written by vecnn train, or a run directory (its best.vecnn, else last.vecnn).")
    Path model;

    @Option(names = "--image", paramLabel = "FILE", description = "A picture file, or a directory of them; repeatable.")
    List<Path> images = new ArrayList<>();

    @Option(names = "--index", paramLabel = "I", split = ",",
            description = "Test images by index, from 0, of --data (default: the model's own test data); "
                    + "repeatable or comma-separated.")
    List<Integer> indexes = new ArrayList<>();

    @Mixin
    DataOptions data;

    @Option(names = "--top", paramLabel = "K", defaultValue = "1",
            description = "Classes shown per image, most likely first (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    OutputOptions output;

    @Mixin
    ComputeOptions compute;

    /** One image's result: what it is, its label (-1 for a picture), and its class probabilities. */
    private record Row(String image, Integer index, int label, float[] probabilities) {}

    @Override
    public Integer call() throws IOException {
        if (images.isEmpty() && indexes.isEmpty())
            throw Usage.error(spec, "give the images to classify: --image FILE (or a directory), or --index I");
        if (data.data != null && indexes.isEmpty())
            throw Usage.error(spec, "--data gives the test images of --index; pictures come with --image alone");
        int threads = compute.threads();
        var kernels = compute.kernels();
        SavedModel saved = SavedModel.read(model);
        Model network = saved.model();
        if (top < 1 || top > network.classes())
            throw Usage.error(spec, "--top must be between 1 and " + network.classes() + " (the model's classes), not " + top);
        List<Path> pictures = pictures();
        TestData.Choice choice = null;
        if (!indexes.isEmpty()) {
            choice = TestData.choose(data.data, saved, spec.commandLine().getErr());
            for (int index : indexes)
                if (index < 0 || index >= choice.test().count())
                    throw Usage.error(spec, "--index " + index + " is outside " + choice.test().name()
                            + ", which holds images 0.." + (choice.test().count() - 1));
        }
        List<Row> rows = new ArrayList<>();
        try (Evaluator evaluator = new Evaluator(network, kernels, threads)) {
            for (Path picture : pictures) {
                float[] pixels = ImageInput.read(picture, network.input().channels(), network.input().height(),
                        network.input().width());
                Dataset one = ImageInput.asDataset(picture.toString(), pixels, network.input().height(),
                        network.input().width(), network.classes());
                rows.add(new Row(picture.toString(), null, -1, evaluator.probabilities(one)[0]));
            }
            if (choice != null) {
                Dataset test = choice.test();
                int[] chosen = indexes.stream().mapToInt(Integer::intValue).toArray();
                float[][] probabilities = evaluator.probabilities(test.subset(test.name() + "[" + indexes + "]", chosen));
                for (int i = 0; i < chosen.length; i++)
                    rows.add(new Row("index " + chosen[i], chosen[i], test.label(chosen[i]), probabilities[i]));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) printJson(out, saved, choice, rows);
        else print(out, saved, choice, rows);
        out.flush();
        return 0;
    }

    /** The files of --image, a directory standing for its pictures (sorted by name). */
    private List<Path> pictures() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path image : images) {
            if (!Files.isDirectory(image)) {
                files.add(image);
                continue;
            }
            try (Stream<Path> listing = Files.list(image)) {
                List<Path> found = listing.filter(Files::isRegularFile).filter(PredictCommand::isPicture).sorted().toList();
                if (found.isEmpty())
                    throw new UserError(image + ": a directory without pictures (" + String.join(", ", PICTURES) + ")");
                files.addAll(found);
            }
        }
        return files;
    }

    private static boolean isPicture(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return PICTURES.stream().anyMatch(name::endsWith);
    }

    /** Classes best first, ties by class number. */
    private static int[] ranked(float[] probabilities) {
        Integer[] order = new Integer[probabilities.length];
        for (int c = 0; c < order.length; c++) order[c] = c;
        Arrays.sort(order, Comparator.comparingDouble((Integer c) -> -probabilities[c]).thenComparingInt(c -> c));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    private void print(PrintWriter out, SavedModel saved, TestData.Choice choice, List<Row> rows) {
        ClassNames names = saved.classNames();
        out.println("model  " + saved.describe());
        if (choice != null) out.println("data   " + choice.test().name() + " (" + choice.origin() + ")");
        boolean labels = choice != null;
        int imageWidth = Math.max(5, rows.stream().mapToInt(r -> r.image().length()).max().orElse(0));
        int labelWidth = 5;
        for (int c = 0; c < names.count(); c++) labelWidth = Math.max(labelWidth, shown(c, names).length());
        String header = String.format(Locale.ROOT, "%-" + imageWidth + "s  ", "image")
                + (labels ? String.format(Locale.ROOT, "%-" + labelWidth + "s  ", "label") : "")
                + (top == 1 ? "predicted" : "top " + top + " predicted");
        out.println(header);
        for (Row row : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + imageWidth + "s  ", row.image()));
            if (labels) line.append(String.format(Locale.ROOT, "%-" + labelWidth + "s  ", row.label() >= 0 ? shown(row.label(), names) : "-"));
            int[] ranked = ranked(row.probabilities());
            for (int k = 0; k < top; k++)
                line.append(k == 0 ? "" : "   ").append(shown(ranked[k], names))
                        .append(String.format(Locale.ROOT, " %.2f%%", 100 * row.probabilities()[ranked[k]]));
            out.println(line.toString().stripTrailing());
        }
    }

    /** A class as text: its number, and its name when it has one. */
    private static String shown(int c, ClassNames names) {
        return names.justNumbers() ? Integer.toString(c) : c + " " + names.name(c);
    }

    /** The --json document: one prediction per image, in the order of the rows. */
    private record Report(Path model, String data, List<Prediction> predictions) {}

    /** index, label and labelName are null for a picture file; top holds the K most likely classes. */
    private record Prediction(String image, Integer index, Integer label, String labelName, List<Ranked> top) {}

    private record Ranked(@SerializedName("class") int classNumber, String name, float probability) {}

    private void printJson(PrintWriter out, SavedModel saved, TestData.Choice choice, List<Row> rows) {
        ClassNames names = saved.classNames();
        List<Prediction> predictions = new ArrayList<>();
        for (Row row : rows) {
            int[] ranked = ranked(row.probabilities());
            List<Ranked> best = new ArrayList<>();
            for (int k = 0; k < top; k++) best.add(new Ranked(ranked[k], names.name(ranked[k]), row.probabilities()[ranked[k]]));
            boolean labelled = row.label() >= 0;
            predictions.add(new Prediction(row.image(), row.index(), labelled ? row.label() : null,
                    labelled ? names.name(row.label()) : null, best));
        }
        Json.print(out, new Report(saved.file(), choice == null ? null : choice.test().name(), predictions));
    }
}
