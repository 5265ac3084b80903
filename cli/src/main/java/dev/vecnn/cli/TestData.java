package dev.vecnn.cli;

import dev.vecnn.engine.data.ClassNames;
import dev.vecnn.engine.data.DataSource;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.data.Downloader;
import dev.vecnn.engine.data.Downscale;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.RunSettings;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The test images eval and predict use: those of {@code --data}, or by default those of the data
 * the model was trained on, as its file records it (a directory; none means the bundled MNIST
 * sample). A recorded directory that has gone is looked for where a known data set lives: Debian's
 * package ({@code /usr/share/datasets/NAME}) and vecnn download's cache. The images are shrunk to
 * the model's input when it was trained on downscaled ones.
 */
final class TestData {
    /** Where Debian's dataset packages put their files. */
    private static final Path DEBIAN_DATASETS = Path.of("/usr/share/datasets");

    private TestData() {}

    /** The test set, and in words where it comes from and why, for the report. */
    record Choice(Dataset test, String origin) {}

    static Choice choose(Path given, SavedModel saved, PrintWriter err) throws IOException {
        Model model = saved.model();
        String recorded = saved.options().get(RunSettings.DATA);
        if (given != null) {
            Dataset test = DataSource.directory(given).test();
            Dataset fitted = Downscale.toInput(test, model.input().height(), model.input().width());
            boolean trainedOnIt = recorded != null && Path.of(recorded).equals(given.toAbsolutePath().normalize());
            if (fitted != test && !trainedOnIt)
                err.println("vecnn: warning: " + test.name() + " holds " + test.height() + "x" + test.width()
                        + " images; they are shrunk to the model's " + model.input().height() + "x"
                        + model.input().width() + " input");
            return new Choice(fitted, "--data");
        }
        if (recorded == null)
            return new Choice(fit(DataSource.bundledSample().test(), model), "the bundled MNIST sample, which the model "
                    + "was trained on (its file names no other data)");
        Path directory = Path.of(recorded);
        if (Files.isDirectory(directory))
            return new Choice(fit(DataSource.directory(directory).test(), model), "the data the model was trained on");
        for (Path elsewhere : knownPlaces(saved, directory))
            if (Files.isDirectory(elsewhere))
                return new Choice(fit(DataSource.directory(elsewhere).test(), model), "the model was trained on "
                        + directory + ", which is gone; the same data set found here");
        throw new UserError("the model was trained on " + directory + ", which no longer exists: give the test images "
                + "with --data DIR");
    }

    /** Where the known data set the model was trained on may be now: Debian's package, then the download cache. */
    private static List<Path> knownPlaces(SavedModel saved, Path recorded) {
        List<String> names = new ArrayList<>();
        String dataset = saved.options().get(ClassNames.DATASET_OPTION);
        if (dataset != null) names.add(dataset);
        if (recorded.getFileName() != null && !names.contains(recorded.getFileName().toString()))
            names.add(recorded.getFileName().toString());
        List<Path> places = new ArrayList<>();
        for (String name : names) {
            places.add(DEBIAN_DATASETS.resolve(name));
            places.add(Downloader.defaultCache().resolve(name));
        }
        return places;
    }

    private static Dataset fit(Dataset test, Model model) {
        return Downscale.toInput(test, model.input().height(), model.input().width());
    }
}
