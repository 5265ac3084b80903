package dev.vecnn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one way a command reports a bad option value or an impossible combination: as picocli's own
 * parameter error, which {@link UsageErrorHandler} prints as one line with exit code 2.
 */
final class Usage {
    private Usage() {}

    static CommandLine.ParameterException error(CommandSpec command, String message) {
        return new CommandLine.ParameterException(command.commandLine(), message);
    }
}
