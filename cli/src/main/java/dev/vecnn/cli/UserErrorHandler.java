package dev.vecnn.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns the exceptions a user can cause into one line on stderr and exit code 1. Anything else is
 * a bug in vecnn and keeps its stack trace, so it can be reported.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int RUNTIME_ERROR = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        String message = userMessage(ex);
        if (message == null) throw ex;
        commandLine.getErr().println("vecnn: " + message);
        return RUNTIME_ERROR;
    }

    private static String userMessage(Exception ex) {
        if (ex instanceof UserError) return ex.getMessage();
        if (ex instanceof UncheckedIOException io) return io.getCause().getMessage();
        if (ex instanceof IOException) return ex.getMessage();
        if (ex instanceof IllegalArgumentException) return ex.getMessage();
        return null;
    }
}
