package dev.vecnn.kernels.check;

/**
 * The outcome of one differential case: the problem's descriptor, the implementation compared
 * with the reference, the seed and input kind that rebuild the data, the vector width the
 * implementation ran at (0: the simd kernels were off), the largest absolute and relative errors
 * over every checked element, and, for a failure, why, and the wrong element with the largest
 * relative error (null when the failure is not a wrong value: a kernel that threw, wrote out of
 * bounds or gave untrustworthy data). The relative error of an element is |opt - ref| /
 * (|ref| + scale), the quantity the tolerance bounds.
 */
public record CaseResult(String descriptor, String implementation, long seed, boolean integers, int vectorBits,
                         boolean passed, double maxAbsError, double maxRelError, String failure, Element worst) {

    /** One element of an output: its name with indices (e.g. {@code c[3,17]}), the reference value and the optimised one. */
    public record Element(String name, double reference, double optimised) {}

    /** The arguments of {@code vecnn verify} that rerun this case (the same vector width given, see {@link #vectorBits}). */
    public String rerunArguments() {
        return "--problem " + descriptor + " --seed " + seed;
    }

    /** One line that starts with the descriptor, so the case can be rerun alone. */
    public String report() {
        String head = descriptor + " [" + implementation + ", seed " + seed + (integers ? ", integer inputs" : "")
                + ", " + (vectorBits > 0 ? vectorBits + "-bit vectors" : "simd off") + "]";
        return passed ? head + ": passed, max abs error " + maxAbsError + ", max rel error " + maxRelError
                : head + ": " + failure;
    }

    @Override
    public String toString() {
        return report();
    }
}
