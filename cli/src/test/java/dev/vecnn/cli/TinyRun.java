package dev.vecnn.cli;

import dev.vecnn.engine.data.ClassNames;
import dev.vecnn.engine.io.ModelFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Training settings small enough for tests (a one-conv network on 400 of the bundled sample's
 * digits), and one such run trained once and shared by the tests that only need a model file.
 */
final class TinyRun {
    static final String SPEC = "conv(4,3) relu maxpool(2) flatten dense(10)";
    private static Path shared;
    private static String sharedOutput;

    private TinyRun() {}

    /** train for {@code epochs} with the tiny settings into {@code out}, then {@code more} options. */
    static String[] args(Path out, int epochs, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--spec", SPEC, "--limit", "400", "--val-split", "0.25",
                "--epochs", Integer.toString(epochs), "--batch-size", "32", "--lr", "0.01", "--out", out.toString()));
        args.addAll(Arrays.asList(more));
        return args.toArray(String[]::new);
    }

    /** The directory of a finished tiny run (trained on first use). */
    static synchronized Path directory() {
        if (shared == null) {
            try {
                Path parent = Files.createTempDirectory("vecnn-cli-test");
                parent.toFile().deleteOnExit();
                Path out = parent.resolve("run");
                sharedOutput = Cli.ok(args(out, 2)).out();
                out.toFile().deleteOnExit(); // deleteOnExit runs in reverse order: the files, then their directories
                try (var files = Files.list(out)) {
                    files.forEach(f -> f.toFile().deleteOnExit());
                }
                shared = out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** What the shared run printed. */
    static synchronized String output() {
        directory();
        return sharedOutput;
    }

    static Path model() {
        return directory().resolve("best.vecnn");
    }

    /** A copy of {@link #model()} at {@code file} that says its classes are called {@code names}. */
    static Path withClassNames(Path file, ClassNames names) throws IOException {
        Map<String, String> options = new HashMap<>(ModelFile.read(model()).options());
        names.store(options);
        return withOptions(file, options);
    }

    /** A copy of {@link #model()} at {@code file} with these model-file options (the run's recorded settings). */
    static Path withOptions(Path file, Map<String, String> options) throws IOException {
        ModelFile.Contents c = ModelFile.read(model());
        ModelFile.write(file, new ModelFile.Contents(c.spec(), c.inputShape(), c.classes(), c.parameters(),
                c.optimizerState(), c.epoch(), c.step(), c.rngState(), options));
        return file;
    }
}
