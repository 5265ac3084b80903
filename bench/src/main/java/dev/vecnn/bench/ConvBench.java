package dev.vecnn.bench;

import dev.vecnn.kernels.Registry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Convolution forward, backward-data and backward-weights at the reference network's two layers,
 * conv1 1->32 channels on 28x28 and conv2 32->64 on 13x13, both 3x3: channels-last as the trainer
 * runs them (chunks of 32 images) and at vecnn bench's batch of 64, and NCHW at batch 64. A kernel given a layout it does not cover hands the
 * call to its reference twin, so only the pairs of a kernel and its own layout say anything.
 *
 * <pre>java -jar bench/target/benchmarks.jar ConvBench -prof gc</pre>
 */
public class ConvBench extends ProblemBench {
    /** A name from Registry.CONV2D.all(); BenchParamsTest fails if this list misses one. */
    @Param({"Conv2dReference", "Conv2dPerShape", "Conv2dIm2col", "Conv2dIm2colBatched", "Conv2dDirect1Channel",
            "Conv2dImplicitGemmNhwc"})
    public String implementation;

    @Param({"conv:mb32ic1ih28oc32kh3nhwc1", "conv-bwd-weights:mb32ic1ih28oc32kh3nhwc1",
            "conv:mb32ic32ih13oc64kh3nhwc1", "conv-bwd-data:mb32ic32ih13oc64kh3nhwc1",
            "conv-bwd-weights:mb32ic32ih13oc64kh3nhwc1",
            "conv:mb64ic1ih28oc32kh3nhwc1", "conv-bwd-data:mb64ic1ih28oc32kh3nhwc1",
            "conv-bwd-weights:mb64ic1ih28oc32kh3nhwc1", "conv:mb64ic32ih13oc64kh3nhwc1",
            "conv-bwd-data:mb64ic32ih13oc64kh3nhwc1", "conv-bwd-weights:mb64ic32ih13oc64kh3nhwc1",
            "conv:mb64ic1ih28oc32kh3", "conv-bwd-weights:mb64ic1ih28oc32kh3",
            "conv:mb64ic32ih13oc64kh3", "conv-bwd-data:mb64ic32ih13oc64kh3", "conv-bwd-weights:mb64ic32ih13oc64kh3"})
    public String shape;

    @Setup
    public void setUp() {
        bind(Registry.CONV2D, shape, implementation);
    }
}
