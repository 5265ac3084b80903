package dev.vecnn.measure;

import dev.vecnn.kernels.simd.FmaPeak;

import java.util.ArrayList;
import java.util.List;

/** One measurement of the vector FMA peak: {@link FmaPeak}'s chains, timed on every thread of a timer at once. */
final class Peak {
    /** Loop trips per call: about a million flops, long enough to hide the call, short enough to sample often. */
    private static final int ITERATIONS = 4096;
    /** On a busy machine C2 took three seconds to compile the chains; until then they run a thousand times slower. */
    private static final long MAX_WARMUP_NANOS = 5_000_000_000L;

    private Peak() {}

    /**
     * The peak in GFLOP/s of the timer's threads together, each running its own chains. Every other
     * figure is read against this one, so its warm-up waits longer for C2 than a kernel's would.
     */
    static double gflops(Timer timer, Budget budget) {
        List<Runnable> copies = new ArrayList<>(timer.threads());
        for (int t = 0; t < timer.threads(); t++) copies.add(new Chains());
        Budget patient = new Budget(budget.warmupNanos(), Math.max(budget.maxWarmupNanos(), MAX_WARMUP_NANOS),
                budget.measureNanos(), budget.singleCallNanos());
        return timer.threads() * FmaPeak.flops(ITERATIONS) / timer.time(copies, patient).secondsPerCall() * 1e-9;
    }

    /** One thread's chains; the sum is kept so the JIT cannot drop the work. */
    private static final class Chains implements Runnable {
        private volatile float sink;

        @Override
        public void run() {
            sink += FmaPeak.chains(ITERATIONS);
        }
    }
}
