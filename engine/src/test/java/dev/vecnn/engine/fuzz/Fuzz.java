package dev.vecnn.engine.fuzz;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs one fuzz case: the parser must either accept the bytes or throw the project's own error
 * type, nothing else (no other exception, no OutOfMemoryError or StackOverflowError), and must not
 * allocate more than the case allows, as the JVM counts this thread's allocations.
 */
final class Fuzz {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** What a case runs: returns normally for accepted input, throws for refused input. */
    interface Target {
        void run() throws Exception;
    }

    private Fuzz() {}

    /**
     * Runs {@code target}; {@code expected} is the one exception type it may throw, {@code maxBytes} the
     * most it may allocate; {@code what} names the case in a failure. Returns true if the input was accepted.
     */
    static boolean check(String what, Class<? extends Throwable> expected, long maxBytes, Target target) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        boolean accepted;
        try {
            target.run();
            accepted = true;
        } catch (Throwable e) {
            if (!expected.isInstance(e)) {
                AssertionError error = new AssertionError(what + ": threw " + e + " instead of " + expected.getSimpleName());
                error.initCause(e);
                throw error;
            }
            if (e.getMessage() == null || e.getMessage().isBlank()) fail(what + ": " + e.getClass().getSimpleName() + " without a message");
            accepted = false;
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated <= maxBytes, what + ": allocated " + allocated + " bytes, more than the " + maxBytes + " it justifies");
        return accepted;
    }
}
