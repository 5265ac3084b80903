package dev.vecnn.bench;

import dev.vecnn.kernels.Registry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Every batch-norm pass where a batch norm would sit in the reference network at batch 64: after
 * conv1 (32 channels of 26x26), after conv2 (64 of 11x11) and after the dense layer (128 features).
 *
 * <pre>java -jar bench/target/benchmarks.jar BatchNormBench -prof gc</pre>
 */
public class BatchNormBench extends ProblemBench {
    /** A name from Registry.BATCH_NORM.all(); BenchParamsTest fails if this list misses one. */
    @Param({"BatchNormReference", "BatchNormLanewise"})
    public String implementation;

    @Param({"bnorm-sum:mb64ic32sp676", "bnorm-sumsq:mb64ic32sp676", "bnorm-norm:mb64ic32sp676",
            "bnorm-bwd-reduce:mb64ic32sp676", "bnorm-bwd-data:mb64ic32sp676",
            "bnorm-sum:mb64ic64sp121", "bnorm-sumsq:mb64ic64sp121", "bnorm-norm:mb64ic64sp121",
            "bnorm-bwd-reduce:mb64ic64sp121", "bnorm-bwd-data:mb64ic64sp121",
            "bnorm-sum:mb64ic128sp1", "bnorm-sumsq:mb64ic128sp1", "bnorm-norm:mb64ic128sp1",
            "bnorm-bwd-reduce:mb64ic128sp1", "bnorm-bwd-data:mb64ic128sp1"})
    public String shape;

    @Setup
    public void setUp() {
        bind(Registry.BATCH_NORM, shape, implementation);
    }
}
