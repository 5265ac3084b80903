package dev.vecnn.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs vecnn in-process through {@link Main#commandLine()} with captured output. */
final class Cli {
    private Cli() {}

    record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        /** The one line a user mistake must print, checked to be a single vecnn line without a stack trace. */
        String errorLine() {
            List<String> lines = err.lines().toList();
            if (lines.size() != 1 || !lines.get(0).startsWith("vecnn: ") || err.contains("Exception") || err.contains("\tat "))
                throw new AssertionError("expected one 'vecnn: ' line on stderr, got:\n" + err);
            return lines.get(0);
        }
    }

    static Run run(String... args) {
        return run(new StringWriter(), args);
    }

    /** Runs with {@code out} taking the standard output, such as a {@link WhenPrinted} that acts during the run. */
    static Run run(StringWriter out, String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** Runs and fails unless the command succeeded. */
    static Run ok(String... args) {
        Run run = run(args);
        if (run.exitCode() != 0)
            throw new AssertionError("vecnn " + String.join(" ", args) + " exited with " + run.exitCode() + ":\n" + run.err());
        return run;
    }
}
