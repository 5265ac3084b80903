package dev.vecnn.bench;

import dev.vecnn.kernels.Registry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The fused convolution (bias, ReLU and 2 x 2 max pooling in the write-out) at the reference
 * network's two layers, channels-last: inference's at the inference plan's pieces of 16 images and
 * at vecnn bench's batch of 64, training's (with the winners) and its weight gradient at the
 * trainer's chunk of 32. Each forward call packs the weights first, as the plan does once per model.
 *
 * <pre>java -jar bench/target/benchmarks.jar ConvReluPoolBench -prof gc</pre>
 */
public class ConvReluPoolBench extends ProblemBench {
    /** A name from Registry.CONV_RELU_POOL.all(); BenchParamsTest fails if this list misses one. */
    @Param({"Conv2dReluPoolReference", "Conv2dReluPoolPerShape", "Conv2dReluPoolImplicitGemm",
            "Conv2dReluPoolDirect1Channel"})
    public String implementation;

    @Param({"conv-relu-pool:mb16ic1ih28oc32kh3pool2nhwc1", "conv-relu-pool:mb16ic32ih13oc64kh3pool2nhwc1",
            "conv-relu-pool:mb64ic1ih28oc32kh3pool2nhwc1", "conv-relu-pool:mb64ic32ih13oc64kh3pool2nhwc1",
            "conv-relu-pool:mb32ic1ih28oc32kh3pool2nhwc1argmax1", "conv-relu-pool:mb32ic32ih13oc64kh3pool2nhwc1argmax1",
            "conv-relu-pool:mb64ic32ih13oc64kh3pool2nhwc1argmax1", "conv-relu-pool-bwd-weights:mb32ic1ih28oc32kh3pool2nhwc1",
            "conv-relu-pool-bwd-weights:mb32ic32ih13oc64kh3pool2nhwc1"})
    public String shape;

    @Setup
    public void setUp() {
        bind(Registry.CONV_RELU_POOL, shape, implementation);
    }
}
