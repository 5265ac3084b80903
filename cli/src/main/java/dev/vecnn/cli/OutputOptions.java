package dev.vecnn.cli;

import picocli.CommandLine.Option;

/** {@code --json}: how a command prints its result, the same on every command that has one. */
final class OutputOptions {
    @Option(names = "--json",
            description = "Print the result as one JSON object (train: one object per line, as it happens) "
                    + "instead of text; the keys are listed in the README.")
    boolean json;
}
