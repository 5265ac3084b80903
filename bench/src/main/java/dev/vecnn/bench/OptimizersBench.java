package dev.vecnn.bench;

import dev.vecnn.kernels.Registry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Every optimiser update over the reference network's 225034 parameters (conv1 320, conv2 18496,
 * dense 204928 and 1290, weights and biases) as one flat array.
 *
 * <pre>java -jar bench/target/benchmarks.jar OptimizersBench -prof gc</pre>
 */
public class OptimizersBench extends ProblemBench {
    /** A name from Registry.OPTIMIZERS.all(); BenchParamsTest fails if this list misses one. */
    @Param({"OptimizersReference", "OptimizersLanewise"})
    public String implementation;

    @Param({"sgd:n225034", "momentum:n225034", "nesterov:n225034", "adam:n225034", "adamw:n225034"})
    public String shape;

    @Setup
    public void setUp() {
        bind(Registry.OPTIMIZERS, shape, implementation);
    }
}
