package dev.vecnn.cli;

import picocli.CommandLine;

/**
 * A bad option or argument: one line naming it and pointing at the command's help, and picocli's
 * usage exit code (2), instead of the whole usage text.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        command.getErr().println("vecnn: " + ex.getMessage() + " (try '"
                + command.getCommandSpec().qualifiedName() + " --help')");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
