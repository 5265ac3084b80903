package dev.vecnn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vecnn} command: thin subcommands that parse options and call the engine and kernels. */
@Command(name = "vecnn", mixinStandardHelpOptions = true, version = "vecnn 0.1.0",
        description = "A CNN engine for the JVM whose hot loops use the Java Vector API.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, SummaryCommand.class,
                VerifyCommand.class, BenchCommand.class, DownloadCommand.class,
                ReportCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by main and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(new UserErrorHandler())
                .setParameterExceptionHandler(new UsageErrorHandler())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'vecnn --help'");
    }
}
