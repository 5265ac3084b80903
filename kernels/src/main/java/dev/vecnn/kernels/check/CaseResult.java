package dev.vecnn.kernels.check;

/**
 * The outcome of one differential case: the problem's descriptor, the implementation compared
 * with the reference, the seed and input kind that rebuild the data, the largest absolute and
 * relative errors over every checked element, and, for a failure, why and where. The relative
 * error of an element is |opt - ref| / (|ref| + scale), the quantity the tolerance bounds.
 */
public record CaseResult(String descriptor, String implementation, long seed, boolean integers, boolean passed,
                         double maxAbsError, double maxRelError, String failure) {

    /** One line that starts with the descriptor, so the case can be rerun alone. */
    public String report() {
        String head = descriptor + " [" + implementation + ", seed " + seed + (integers ? ", integer inputs" : "") + "]";
        return passed ? head + ": passed, max abs error " + maxAbsError + ", max rel error " + maxRelError
                : head + ": " + failure;
    }

    @Override
    public String toString() {
        return report();
    }
}
