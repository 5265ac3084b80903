package dev.vecnn.cli;

import sun.misc.Signal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * SIGINT (Ctrl-C) and SIGTERM while a run trains. The first one calls {@code stop}, which asks the
 * trainer to stop after the batch it is training, so the run can save a checkpoint and say how to
 * resume it. A second one calls {@code atOnce} with its name, for a last word, and ends the
 * process at once with the same exit code: every file is replaced atomically, so whatever the
 * second signal interrupts, the last complete checkpoint stays. Closing puts the JVM's own
 * handlers back. Where a signal cannot be handled (the JVM runs with -Xrs, or the signal was
 * ignored when it started) it keeps its usual effect. sun.misc.Signal, which the compiler warns
 * about, is the JDK's only way to see a signal and go on running; a shutdown hook could save a
 * checkpoint, but not let a second Ctrl-C end the process at once.
 */
final class StopSignals implements AutoCloseable {
    private static final List<String> HANDLED = List.of("INT", "TERM");
    /**
     * Signals handled so far by every run in this JVM. The JVM runs a handler on a thread it starts
     * for the signal, some time after the signal; a test that raises one waits for this count.
     */
    private static final AtomicInteger HANDLED_SO_FAR = new AtomicInteger();

    private final List<Runnable> restore = new ArrayList<>();
    private final Runnable stop;
    private final Consumer<String> atOnce;
    private String received;
    private int exitCode;

    private StopSignals(Runnable stop, Consumer<String> atOnce) {
        this.stop = stop;
        this.atOnce = atOnce;
    }

    static StopSignals install(Runnable stop, Consumer<String> atOnce) {
        StopSignals signals = new StopSignals(stop, atOnce);
        for (String name : HANDLED) {
            try {
                var signal = new Signal(name);
                var previous = Signal.handle(signal, s -> signals.handle("SIG" + s.getName(), 128 + s.getNumber()));
                signals.restore.add(() -> Signal.handle(signal, previous));
            } catch (IllegalArgumentException e) {
                // -Xrs, or ignored from the start (nohup): the signal keeps the effect the user chose.
            }
        }
        return signals;
    }

    private void handle(String name, int code) {
        synchronized (this) {
            if (received == null) {
                received = name;
                exitCode = code;
                stop.run();
                HANDLED_SO_FAR.incrementAndGet();
                return;
            }
        }
        atOnce.accept(name);
        Runtime.getRuntime().halt(code);
    }

    static int handledSoFar() { return HANDLED_SO_FAR.get(); }

    /** The first signal's name, such as SIGINT; null before one came. */
    synchronized String name() { return received; }

    /** The exit code of a process ended by the first signal: 128 + its number, 130 for SIGINT, 143 for SIGTERM. */
    synchronized int exitCode() { return exitCode; }

    @Override
    public void close() {
        restore.forEach(Runnable::run);
    }
}
