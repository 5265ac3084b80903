package dev.vecnn.bench;

import dev.vecnn.kernels.Registry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Dropout after the dense layer (64*128 elements, as in docs/DESIGN.md's example network) and spatial
 * dropout over conv1's output (64*32 planes of 26x26).
 *
 * <pre>java -jar bench/target/benchmarks.jar DropoutBench -prof gc</pre>
 */
public class DropoutBench extends ProblemBench {
    /** A name from Registry.DROPOUT.all(); BenchParamsTest fails if this list misses one. */
    @Param({"DropoutReference", "DropoutLanewise"})
    public String implementation;

    @Param({"dropout:n8192", "dropout-channel:mb64ic32sp676"})
    public String shape;

    @Setup
    public void setUp() {
        bind(Registry.DROPOUT, shape, implementation);
    }
}
