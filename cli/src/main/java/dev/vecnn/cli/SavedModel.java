package dev.vecnn.cli;

import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.Checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/** A model file read back: what it holds and the network rebuilt from it. */
record SavedModel(Path file, Checkpoint checkpoint, Model model) {
    static SavedModel read(Path file) throws IOException {
        Checkpoint checkpoint = Checkpoint.of(file.toString(), ModelFile.read(file));
        return new SavedModel(file, checkpoint, checkpoint.model(file.toString()));
    }

    /** One line: the network, its input and classes, and how long it was trained. */
    String describe() {
        return file + ": " + model.spec() + " (" + model.input() + " -> " + model.classes() + " classes, "
                + checkpoint.epoch() + " epoch" + (checkpoint.epoch() == 1 ? "" : "s") + " trained)";
    }
}
