package dev.vecnn.bench;

import dev.vecnn.kernels.Registry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * im2col and col2im of one image at the reference network's two convolutions (a convolution
 * lowers each image of the batch in turn).
 *
 * <pre>java -jar bench/target/benchmarks.jar Im2colBench -prof gc</pre>
 */
public class Im2colBench extends ProblemBench {
    /** A name from Registry.IM2COL.all(); BenchParamsTest fails if this list misses one. */
    @Param({"Im2colReference", "Im2colRowCopy"})
    public String implementation;

    @Param({"im2col:ic1ih28kh3", "col2im:ic1ih28kh3", "im2col:ic32ih13kh3", "col2im:ic32ih13kh3"})
    public String shape;

    @Setup
    public void setUp() {
        bind(Registry.IM2COL, shape, implementation);
    }
}
