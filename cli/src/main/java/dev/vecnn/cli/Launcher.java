package dev.vecnn.cli;

import dev.vecnn.kernels.SimdSetting;

/**
 * How the user started vecnn, for the commands it prints to run something again: the launcher
 * script passes its own name (./vecnn, or a path) in -Dvecnn.launcher; run otherwise (java -jar)
 * the name is plain vecnn.
 */
final class Launcher {
    static final String PROPERTY = "vecnn.launcher";

    private Launcher() {}

    static String name() {
        return System.getProperty(PROPERTY, "vecnn");
    }

    /**
     * What goes before {@link #name()} so the command runs at the same vector width: the forced
     * width in VECNN_JAVA_OPTS when -Dvecnn.simd forced one, nothing otherwise.
     */
    static String widthPrefix() {
        int forced = SimdSetting.forcedBits();
        return forced > 0 ? "VECNN_JAVA_OPTS=-Dvecnn.simd=" + forced + " " : "";
    }
}
