package dev.vecnn.bench;

import dev.vecnn.kernels.Registry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Dense forward, backward-data and backward-weights at the reference network's two layers, batch
 * 64: 1600->128 and 128->10.
 *
 * <pre>java -jar bench/target/benchmarks.jar DenseBench -prof gc</pre>
 */
public class DenseBench extends ProblemBench {
    /** A name from Registry.DENSE.all(); BenchParamsTest fails if this list misses one. */
    @Param({"DenseReference", "DenseGemm"})
    public String implementation;

    @Param({"dense:mb64ic1600oc128", "dense-bwd-data:mb64ic1600oc128", "dense-bwd-weights:mb64ic1600oc128",
            "dense:mb64ic128oc10", "dense-bwd-data:mb64ic128oc10", "dense-bwd-weights:mb64ic128oc10"})
    public String shape;

    @Setup
    public void setUp() {
        bind(Registry.DENSE, shape, implementation);
    }
}
