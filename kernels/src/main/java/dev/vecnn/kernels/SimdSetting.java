package dev.vecnn.kernels;

/**
 * Reads {@code -Dvecnn.simd} without touching the Vector API, so the choice between simd and scalar
 * code can be made even where the incubator module is missing.
 */
public final class SimdSetting {
    private SimdSetting() {}

    /** The forced vector width in bits, or -1 for the machine's preferred width; 0 means scalar. */
    public static int forcedBits() {
        String value = System.getProperty("vecnn.simd", "").trim();
        if (value.isEmpty()) return -1;
        return switch (value) {
            case "0", "128", "256", "512" -> Integer.parseInt(value);
            default -> throw new IllegalArgumentException(
                    "vecnn.simd must be 512, 256, 128 or 0 (scalar), not '" + value + "'");
        };
    }

    /** True when the Vector API module was added to this JVM (--add-modules jdk.incubator.vector). */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
