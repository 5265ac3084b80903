package dev.vecnn.bench;

import dev.vecnn.kernels.Registry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One pass of elastic distortion's Gaussian over a 28 x 28 field: sigma 4 (25 taps) as
 * {@code elastic(34,4)} draws it, and sigma 2 (13 taps). An augmented image costs four passes.
 *
 * <pre>java -jar bench/target/benchmarks.jar TapsBench -prof gc</pre>
 */
public class TapsBench extends ProblemBench {
    /** A name from Registry.TAPS.all(); BenchParamsTest fails if this list misses one. */
    @Param({"StridedTapsReference", "StridedTapsLanewise"})
    public String implementation;

    @Param({"taps:n784k25s28", "taps:n784k13s28"})
    public String shape;

    @Setup
    public void setUp() {
        bind(Registry.TAPS, shape, implementation);
    }
}
