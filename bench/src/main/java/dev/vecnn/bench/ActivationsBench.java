package dev.vecnn.bench;

import dev.vecnn.kernels.Registry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Activations at the sizes the reference network feeds them at batch 64: relu forward and
 * backward after conv1 (64*32*26*26 = 1384448 elements), conv2 (64*64*11*11 = 495616) and the
 * dense layer (64*128 = 8192); the other activations, and PReLU per channel, at the largest.
 *
 * <pre>java -jar bench/target/benchmarks.jar ActivationsBench -prof gc</pre>
 */
public class ActivationsBench extends ProblemBench {
    /** A name from Registry.ACTIVATIONS.all(); BenchParamsTest fails if this list misses one. */
    @Param({"ActivationsReference", "ActivationsLanewise"})
    public String implementation;

    @Param({"relu:n1384448", "relu-bwd:n1384448", "relu:n495616", "relu-bwd:n495616", "relu:n8192", "relu-bwd:n8192",
            "leakyrelu:n1384448", "leakyrelu-bwd:n1384448", "sigmoid:n1384448", "sigmoid-bwd:n1384448",
            "tanh:n1384448", "tanh-bwd:n1384448", "prelu:mb64ic32sp676", "prelu-bwd:mb64ic32sp676"})
    public String shape;

    @Setup
    public void setUp() {
        bind(Registry.ACTIVATIONS, shape, implementation);
    }
}
