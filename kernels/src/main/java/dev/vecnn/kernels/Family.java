package dev.vecnn.kernels;

import java.util.List;

/**
 * One kernel family: the reference twin (plain loops, the executable specification), the simd
 * implementation the engine runs by default, and every implementation, reference first, which
 * the tests, {@code vecnn verify} and the JMH benches all iterate so none escapes them.
 */
public record Family<T extends Kernel>(String name, T reference, T simd, List<T> all) {
    public Family {
        if (all.isEmpty() || all.get(0) != reference || !all.contains(simd))
            throw new IllegalArgumentException(name + ": the list must start with the reference and hold the simd default");
    }

    public T named(String implementation) {
        for (T kernel : all) if (kernel.name().equals(implementation)) return kernel;
        throw new IllegalArgumentException("no " + name + " kernel named '" + implementation + "'");
    }
}
