package dev.vecnn.cli;

import dev.vecnn.kernels.Kernels;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --threads} and {@code --kernels}: how a command computes, never what. */
final class ComputeOptions {
    static final int MAX_THREADS = 256;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--threads", paramLabel = "T",
            description = "Worker threads (default: every core). The results do not depend on it.")
    Integer threads;

    @Option(names = "--kernels", paramLabel = "NAME", defaultValue = Kernels.SIMD,
            description = "Kernel implementation: simd (Vector API) or reference (plain loops); default ${DEFAULT-VALUE}.")
    String kernels;

    int threads() {
        if (threads == null) return Runtime.getRuntime().availableProcessors();
        if (threads < 1 || threads > MAX_THREADS)
            throw Usage.error(mixee, "--threads must be between 1 and " + MAX_THREADS + ", not " + threads);
        return threads;
    }

    Kernels kernels() {
        if (!kernels.equals(Kernels.SIMD) && !kernels.equals(Kernels.REFERENCE))
            throw Usage.error(mixee, "--kernels must be simd or reference, not '" + kernels + "'");
        return Kernels.named(kernels);
    }
}
