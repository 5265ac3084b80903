package dev.vecnn.cli;

import dev.vecnn.engine.data.ClassNames;
import dev.vecnn.engine.io.BadFileException;
import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.Checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model file read back: what it holds, the network rebuilt from it, the names of its classes, and
 * its options (training settings, notes).
 */
record SavedModel(Path file, Checkpoint checkpoint, Model model, ClassNames classNames,
                  Map<String, String> options) {
    static SavedModel read(Path file) throws IOException {
        ModelFile.Contents contents = ModelFile.read(file);
        Checkpoint checkpoint = Checkpoint.of(file.toString(), contents);
        try {
            return new SavedModel(file, checkpoint, checkpoint.model(),
                    ClassNames.stored(contents.options(), checkpoint.classes()), contents.options());
        } catch (IllegalArgumentException e) {
            throw new BadFileException(file.toString(), "cannot rebuild its network: " + e.getMessage());
        }
    }

    /** One line: the network, its input and classes, and how long it was trained. */
    String describe() {
        return file + ": " + model.spec() + " (" + model.input() + " -> " + model.classes() + " classes, "
                + checkpoint.epoch() + " epoch" + (checkpoint.epoch() == 1 ? "" : "s") + " trained)";
    }
}
