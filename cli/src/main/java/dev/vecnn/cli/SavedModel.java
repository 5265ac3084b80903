package dev.vecnn.cli;

import dev.vecnn.engine.data.ClassNames;
import dev.vecnn.engine.io.BadFileException;
import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.Checkpoint;
import dev.vecnn.engine.train.RunDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model file read back: what it holds, the network rebuilt from it, the names of its classes and
 * the settings of the run that trained it (its model-file options; empty for a file from elsewhere).
 */
record SavedModel(Path file, Checkpoint checkpoint, Model model, ClassNames classNames, Map<String, String> options) {
    /** Reads {@code path}: a model file, or a run directory of vecnn train (its best model, else its last). */
    static SavedModel read(Path path) throws IOException {
        Path file = Files.isDirectory(path) ? inRun(path) : path;
        ModelFile.Contents contents = ModelFile.read(file);
        Checkpoint checkpoint = Checkpoint.of(file.toString(), contents);
        return new SavedModel(file, checkpoint, checkpoint.model(file.toString()),
                ClassNames.stored(contents.options(), checkpoint.classes()), Map.copyOf(contents.options()));
    }

    private static Path inRun(Path directory) throws BadFileException {
        for (String name : new String[] {RunDirectory.BEST, RunDirectory.LAST}) {
            Path file = directory.resolve(name);
            if (Files.isRegularFile(file)) return file;
        }
        throw new BadFileException(directory.toString(), "a directory without " + RunDirectory.BEST + " or "
                + RunDirectory.LAST + ": give a model file, or the output directory of a vecnn train run");
    }

    /** One line: the network, its input and classes, and how long it was trained. */
    String describe() {
        return file + ": " + model.spec() + " (" + model.input() + " -> " + model.classes() + " classes, "
                + checkpoint.epoch() + " epoch" + (checkpoint.epoch() == 1 ? "" : "s") + " trained)";
    }
}
