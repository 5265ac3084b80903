package dev.vecnn.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * SIGINT (Ctrl-C) and SIGTERM while a run trains. The first one calls {@code stop}, which asks the
 * trainer to stop after the batch it is training, so the run can save a checkpoint and say how to
 * resume it. A second one calls {@code atOnce} with its name, for a last word, and ends the
 * process at once with the same exit code: every file is replaced atomically, so whatever the
 * second signal interrupts, the last complete checkpoint stays. Closing puts the JVM's own
 * handlers back. Where a signal cannot be handled (the JVM runs with -Xrs, or the signal was
 * ignored when it started) it keeps its usual effect.
 */
final class StopSignals implements AutoCloseable {
    private static final List<String> HANDLED = List.of("INT", "TERM");

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final Runnable stop;
    private final Consumer<String> atOnce;
    private volatile Signal received;

    private StopSignals(Runnable stop, Consumer<String> atOnce) {
        this.stop = stop;
        this.atOnce = atOnce;
    }

    static StopSignals install(Runnable stop, Consumer<String> atOnce) {
        StopSignals signals = new StopSignals(stop, atOnce);
        for (String name : HANDLED) {
            Signal signal = new Signal(name);
            try {
                signals.previous.put(signal, Signal.handle(signal, signals::handle));
            } catch (IllegalArgumentException e) {
                // -Xrs, or ignored from the start (nohup): the signal keeps the effect the user chose.
            }
        }
        return signals;
    }

    private void handle(Signal signal) {
        synchronized (this) {
            if (received == null) {
                received = signal;
                stop.run();
                return;
            }
        }
        atOnce.accept(name(signal));
        Runtime.getRuntime().halt(exitCode(signal));
    }

    /** True once a signal asked the run to stop. */
    boolean received() { return received != null; }

    /** The first signal's name, such as SIGINT. */
    String name() { return name(received); }

    /** The exit code of a process ended by the first signal: 128 + its number, 130 for SIGINT, 143 for SIGTERM. */
    int exitCode() { return exitCode(received); }

    private static String name(Signal signal) { return "SIG" + signal.getName(); }

    private static int exitCode(Signal signal) { return 128 + signal.getNumber(); }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
