package dev.vecnn.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --data}: where the images come from, the same option on every command that reads them. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory of MNIST-layout IDX files, raw or .gz (default: the bundled MNIST sample; "
                    + "eval and predict: the data the model was trained on).")
    Path data;
}
