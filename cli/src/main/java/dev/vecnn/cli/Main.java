package dev.vecnn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vecnn} command: thin subcommands that parse options and call the engine and kernels. */
@Command(name = "vecnn", mixinStandardHelpOptions = true, version = "vecnn 0.1.0",
        description = "A CNN engine for the JVM whose hot loops use the Java Vector API.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, SummaryCommand.class,
                VerifyCommand.class, BenchCommand.class, DownloadCommand.class, CompletionCommand.class,
                ExportCommand.class, ImportCommand.class, ReportCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "The ./vecnn launcher also runs the JMH benchmarks: ./vecnn jmh [JMH options] (bench/README.md).",
                "Options can come from a file: vecnn train @FILE reads FILE's words as if typed in its place "
                        + "(separated by spaces or lines; a value with spaces in double quotes; # starts a comment line); "
                        + "options given after @FILE override it.",
                "JVM options (heap, -Dvecnn.simd=512|256|128|0) go in VECNN_JAVA_OPTS."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        String problem = JvmChecks.problem();
        if (problem != null) {
            System.err.println("vecnn: " + problem);
            System.exit(UserErrorHandler.RUNTIME_ERROR);
        }
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("vecnn: " + JvmChecks.outOfMemory());
            code = UserErrorHandler.RUNTIME_ERROR;
        }
        System.exit(code);
    }

    /** The configured command line, shared by main and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(new UserErrorHandler())
                .setParameterExceptionHandler(new UsageErrorHandler())
                .setCaseInsensitiveEnumValuesAllowed(true)
                // An option given again later, e.g. after an @-file that sets it, replaces the earlier value.
                .setOverwrittenOptionsAllowed(true);
    }

    @Override
    public void run() {
        throw Usage.error(spec, "missing command: one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
