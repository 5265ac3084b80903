package dev.vecnn.bench;

import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.check.Call;
import dev.vecnn.kernels.check.Problem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One kernel call per benchmark invocation: a problem descriptor (dev.vecnn.kernels.check.Problem)
 * bound to one implementation of its family, on operands drawn from a fixed seed. Each subclass
 * names a family and lists, as {@code @Param}s, every implementation in its registry and the
 * shapes of the reference network at batch 64; BenchParamsTest fails when an implementation is
 * missing. The primary score is calls per second, the secondary {@code gflop} GFLOP/s (the
 * problem's own FLOP count per call).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public abstract class ProblemBench {
    private static final long SEED = 42;

    private Call call;
    private double gflopPerCall;

    /** Binds {@code implementation} to the problem {@code shape} describes, which must belong to {@code family}. */
    protected final void bind(Family<?> family, String shape, String implementation) {
        Problem<?> problem = Problem.parse(shape);
        if (problem.family() != family)
            throw new IllegalArgumentException(shape + " is a " + problem.family().name() + " problem, not " + family.name());
        call = problem.bind(implementation, SEED);
        gflopPerCall = problem.flops() * 1e-9;
    }

    /** The kernel's scalar result (a loss) is returned so that JMH consumes it; the rest it writes to the operands. */
    @Benchmark
    public double run(Gflops gflops) {
        gflops.gflop += gflopPerCall;
        return call.run();
    }
}
