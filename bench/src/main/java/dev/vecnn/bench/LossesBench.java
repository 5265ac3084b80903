package dev.vecnn.bench;

import dev.vecnn.kernels.Registry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The losses at the top of the reference network: 64 rows of 10 classes; the fused softmax +
 * cross-entropy it trains with, and softmax, its backward pass and squared error.
 *
 * <pre>java -jar bench/target/benchmarks.jar LossesBench -prof gc</pre>
 */
public class LossesBench extends ProblemBench {
    /** A name from Registry.LOSSES.all(); BenchParamsTest fails if this list misses one. */
    @Param({"LossesReference", "LossesMaskedRows"})
    public String implementation;

    @Param({"softmax-xent:mb64c10", "softmax:mb64c10", "softmax-bwd:mb64c10", "mse:mb64c10"})
    public String shape;

    @Setup
    public void setUp() {
        bind(Registry.LOSSES, shape, implementation);
    }
}
