package dev.vecnn.bench;

import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.Workspace;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * C = A x B (no transposes, beta = 0) for every GEMM implementation in {@link Registry#GEMM} at
 * square sizes and at the shapes the reference network's convolutions and dense layers call
 * (conv2 forward m64n121k288 per image, conv2 over a 64-image batch m64n7744k288, the dense layer
 * m64n128k1600, conv1 m32n676k9). The secondary result {@code gflop} is GFLOP/s (2mnk per call).
 *
 * <pre>java -jar bench/target/benchmarks.jar GemmBench -p shape=m1024n1024k1024 -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBench {
    private static final Pattern SHAPE = Pattern.compile("m(\\d+)n(\\d+)k(\\d+)");

    /** A name from Registry.GEMM.all(); GemmBenchTest fails if this list misses one. */
    @Param({"SgemmReference", "Sgemm8x2vFma", "SgemmParallel"})
    public String implementation;

    @Param({"m128n128k128", "m256n256k256", "m512n512k512", "m1024n1024k1024",
            "m64n121k288", "m64n7744k288", "m64n128k1600", "m32n676k9"})
    public String shape;

    private Gemm gemm;
    private int m, n, k;
    private float[] a, b, c;
    private Workspace workspace;

    /** GFLOP done; JMH divides by the measured time, giving GFLOP/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public double gflop;

        @Setup(Level.Iteration)
        public void reset() {
            gflop = 0;
        }
    }

    @Setup
    public void setUp() {
        Matcher sizes = SHAPE.matcher(shape);
        if (!sizes.matches()) throw new IllegalArgumentException("shape must look like m64n121k288, not " + shape);
        m = Integer.parseInt(sizes.group(1));
        n = Integer.parseInt(sizes.group(2));
        k = Integer.parseInt(sizes.group(3));
        gemm = Registry.GEMM.named(implementation);
        SplittableRandom random = new SplittableRandom(42);
        a = randomFloats(random, m * k);
        b = randomFloats(random, k * n);
        c = new float[m * n];
        workspace = new Workspace();
    }

    @Benchmark
    public float[] sgemm(Flops flops) {
        gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n, workspace);
        flops.gflop += 2e-9 * m * n * k;
        return c;
    }

    static float[] randomFloats(SplittableRandom random, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float) random.nextDouble(-1, 1);
        return x;
    }
}
