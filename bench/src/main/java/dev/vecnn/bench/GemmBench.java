package dev.vecnn.bench;

import dev.vecnn.kernels.Registry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * C = A x B (no transposes, beta = 0) for every GEMM implementation at square sizes and at the
 * shapes the reference network calls: conv2 forward per image (m64n121k288) and over a batch of
 * 64 (m64n7744k288), the 1600->128 dense layer (m64n128k1600) and conv1 per image (m32n676k9).
 * The secondary result {@code gflop} reads in GFLOP/s.
 *
 * <pre>java -jar bench/target/benchmarks.jar GemmBench -p shape=gemm:m1024n1024k1024 -prof gc</pre>
 */
public class GemmBench extends ProblemBench {
    /** A name from Registry.GEMM.all(); BenchParamsTest fails if this list misses one. */
    @Param({"SgemmReference", "Sgemm8x2vFma", "SgemmParallel"})
    public String implementation;

    @Param({"gemm:m128n128k128", "gemm:m256n256k256", "gemm:m512n512k512", "gemm:m1024n1024k1024",
            "gemm:m64n121k288", "gemm:m64n7744k288", "gemm:m64n128k1600", "gemm:m32n676k9"})
    public String shape;

    @Setup
    public void setUp() {
        bind(Registry.GEMM, shape, implementation);
    }
}
