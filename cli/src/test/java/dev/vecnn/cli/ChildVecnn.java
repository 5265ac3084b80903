package dev.vecnn.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * vecnn in a JVM of its own (this test JVM's java and class path), for tests that signal or kill
 * a process. Its output lines are collected as they come, so a test can wait for one.
 */
final class ChildVecnn implements AutoCloseable {
    /** Longer than any child of the suite should take; a child still running then fails its test. */
    private static final long TIMEOUT_SECONDS = 120;

    private final Process process;
    private final BlockingQueue<String> outLines = new LinkedBlockingQueue<>();
    private final List<String> out = new ArrayList<>();
    private final StringBuffer err = new StringBuffer();
    private final Thread outReader;
    private final Thread errReader;

    private ChildVecnn(Process process) {
        this.process = process;
        outReader = Thread.ofVirtual().start(() -> readLines(process.inputReader(StandardCharsets.UTF_8), true));
        errReader = Thread.ofVirtual().start(() -> readLines(process.errorReader(StandardCharsets.UTF_8), false));
    }

    /** Starts {@code vecnn args...} with the JVM options {@code jvm} (e.g. -XX:ActiveProcessorCount=1). */
    static ChildVecnn start(List<String> jvm, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "--add-modules=jdk.incubator.vector", "-XX:+UseSerialGC"));
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(Arrays.asList(args));
        try {
            return new ChildVecnn(new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ChildVecnn start(String... args) {
        return start(List.of(), args);
    }

    private void readLines(BufferedReader reader, boolean stdout) {
        try (reader) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (stdout) {
                    synchronized (out) {
                        out.add(line);
                    }
                    outLines.add(line);
                } else if (!line.startsWith("WARNING: Using incubator modules")) {
                    err.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            // The process was killed: what it wrote so far is all there is.
        }
    }

    long pid() { return process.pid(); }

    boolean isAlive() { return process.isAlive(); }

    /** Waits for the next stdout line that starts with {@code prefix}, or null if the process ends first. */
    String awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = outLines.poll(10, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) return line;
            if (line == null && !process.isAlive() && outLines.isEmpty() && !outReader.isAlive()) return null;
        }
        throw new AssertionError("no line starting with '" + prefix + "' within " + TIMEOUT_SECONDS + " s:\n" + out() + err());
    }

    /** Sends a signal by name (INT, TERM, KILL) with the system's kill command. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
        if (kill.waitFor() != 0) throw new AssertionError("kill -" + name + " " + pid() + " failed");
    }

    /** SIGKILL: the process ends at once, with no chance to clean up. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits for the process to end and returns its exit code. */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("vecnn did not end within " + TIMEOUT_SECONDS + " s:\n" + out() + err());
        }
        outReader.join();
        errReader.join();
        return process.exitValue();
    }

    /** Waits for the process to end; fails unless it succeeded. */
    ChildVecnn ok() throws InterruptedException {
        int code = exitCode();
        if (code != 0) throw new AssertionError("vecnn exited with " + code + ":\n" + out() + err());
        return this;
    }

    String out() {
        synchronized (out) {
            return String.join("\n", out) + (out.isEmpty() ? "" : "\n");
        }
    }

    String err() { return err.toString(); }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}
