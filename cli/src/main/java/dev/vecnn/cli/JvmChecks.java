package dev.vecnn.cli;

import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.SimdSetting;

/**
 * The failures of the JVM's own setup that vecnn can foresee, each as one line saying what to do:
 * a bad {@code -Dvecnn.simd}, and a heap too small for the run.
 */
final class JvmChecks {
    private static final long MB = 1 << 20;

    private JvmChecks() {}

    /** What is wrong with the JVM's settings, or null. Loads the kernels only when a vector width is forced. */
    static String problem() {
        try {
            if (SimdSetting.forcedBits() <= 0) return null;
            Registry.simdVectorBits();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage() + ": fix -Dvecnn.simd in VECNN_JAVA_OPTS";
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return cause.getMessage() + ": choose a narrower -Dvecnn.simd in VECNN_JAVA_OPTS, or leave it out";
        }
    }

    static String outOfMemory() {
        return "out of memory: the Java heap (at most " + Runtime.getRuntime().maxMemory() / MB + " MB) is too small "
                + "for this run; give the JVM more, e.g. VECNN_JAVA_OPTS=-Xmx2g, or use less data (--limit, --batch-size)";
    }
}
