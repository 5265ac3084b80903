package dev.vecnn.cli;

import picocli.CommandLine;

/**
 * A mistake on the command line (an unknown option, a bad value) as one line on stderr and exit
 * code 2, picocli's usage-error code, instead of the message followed by the whole usage text.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        command.getErr().println("vecnn: " + ex.getMessage() + " (see '" + command.getCommandSpec().qualifiedName()
                + " --help')");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
