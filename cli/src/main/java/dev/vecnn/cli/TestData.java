package dev.vecnn.cli;

import dev.vecnn.engine.data.DataSource;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.data.Downscale;
import dev.vecnn.engine.model.Model;

import java.io.IOException;
import java.nio.file.Path;

/** The test images of {@code --data} (the bundled sample without it), shrunk to the model's input if it was trained on downscaled images. */
final class TestData {
    private TestData() {}

    static Dataset read(Path directory, Model model) throws IOException {
        DataSource source = directory == null ? DataSource.bundledSample() : DataSource.directory(directory);
        return Downscale.toInput(source.test(), model.input().height(), model.input().width());
    }
}
