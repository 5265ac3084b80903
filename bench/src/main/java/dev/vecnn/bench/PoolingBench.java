package dev.vecnn.bench;

import dev.vecnn.kernels.Registry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Max and average pooling, forward and backward, 2x2 windows at stride 2 over the reference
 * network's two convolution outputs at batch 64: 32x26x26 and 64x11x11, NCHW and channels-last
 * (as the trainer runs them).
 *
 * <pre>java -jar bench/target/benchmarks.jar PoolingBench -prof gc</pre>
 */
public class PoolingBench extends ProblemBench {
    /** A name from Registry.POOLING.all(); BenchParamsTest fails if this list misses one. */
    @Param({"PoolingReference", "PoolingPerLayout", "PoolingRowVector", "PoolingChannelVector"})
    public String implementation;

    @Param({"maxpool:mb64ic32ih26kh2", "maxpool-bwd:mb64ic32ih26kh2", "maxpoolrelu:mb64ic32ih26kh2",
            "maxpoolrelu-bwd:mb64ic32ih26kh2", "avgpool:mb64ic32ih26kh2", "avgpool-bwd:mb64ic32ih26kh2",
            "maxpool:mb64ic64ih11kh2", "maxpool-bwd:mb64ic64ih11kh2", "maxpoolrelu:mb64ic64ih11kh2",
            "maxpoolrelu-bwd:mb64ic64ih11kh2", "avgpool:mb64ic64ih11kh2", "avgpool-bwd:mb64ic64ih11kh2",
            "maxpool:mb64ic32ih26kh2nhwc1", "maxpool-bwd:mb64ic32ih26kh2nhwc1", "maxpoolrelu:mb64ic32ih26kh2nhwc1",
            "maxpoolrelu-bwd:mb64ic32ih26kh2nhwc1", "avgpool:mb64ic32ih26kh2nhwc1", "avgpool-bwd:mb64ic32ih26kh2nhwc1",
            "maxpool:mb64ic64ih11kh2nhwc1", "maxpool-bwd:mb64ic64ih11kh2nhwc1", "maxpoolrelu:mb64ic64ih11kh2nhwc1",
            "maxpoolrelu-bwd:mb64ic64ih11kh2nhwc1"})
    public String shape;

    @Setup
    public void setUp() {
        bind(Registry.POOLING, shape, implementation);
    }
}
