package dev.vecnn.spark;

import dev.vecnn.cli.Main;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the vecnn command line in-process, for results to compare with; fails unless it exits with 0. */
final class VecnnCli {
    private VecnnCli() {}

    /** The command's standard output. */
    static String run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        if (code != 0) throw new AssertionError("vecnn " + String.join(" ", args) + " exited with " + code + ":\n" + err);
        return out.toString();
    }
}
