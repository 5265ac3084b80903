package dev.vecnn.kernels.check;

import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Kernel;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.simd.Simd;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs random differential cases for every family of the {@link Registry}: each case draws a
 * problem and fresh data, then compares every implementation of the family but the reference
 * with the reference (the reference with itself when a family has nothing else, so the checks
 * still run). Used by the tests and by {@code vecnn verify}; the same seed gives the same cases.
 */
public final class Verifier {
    /** Failed cases kept per family for the report; the count of failures is always complete. */
    private static final int KEPT_FAILURES = 20;

    private final RandomProblems problems = new RandomProblems();
    private final Differential differential = new Differential();

    /** What {@code cases} random problems of one family gave. */
    public record Summary(String family, int cases, int comparisons, int failures, double maxAbsError,
                          double maxRelError, String worstDescriptor, List<CaseResult> failed) {
        public boolean passed() {
            return failures == 0;
        }
    }

    /** The names of every registered family, in registry order. */
    public static List<String> familyNames() {
        return Registry.FAMILIES.stream().map(Family::name).toList();
    }

    /** The vector width the simd kernels run at, in words: "512-bit vectors (16 floats)" or "simd off". */
    public static String vectorWidth() {
        if (!Registry.SIMD_ENABLED) return "simd off (-Dvecnn.simd=0 or no Vector API module): reference against itself";
        return Simd.SPECIES.vectorBitSize() + "-bit vectors (" + Simd.LANES + " floats)";
    }

    /** The implementations compared with the reference: all but the reference, or the reference alone. */
    public static List<? extends Kernel> candidates(Family<?> family) {
        List<? extends Kernel> all = family.all();
        return all.size() > 1 ? all.subList(1, all.size()) : all;
    }

    /** {@code cases} random problems of every family, or of the one called {@code family} when it is not null. */
    public List<Summary> run(int cases, long seed, String family) {
        if (family != null && !familyNames().contains(family))
            throw new IllegalArgumentException("unknown family '" + family + "' (expected one of "
                    + String.join(", ", familyNames()) + ")");
        List<Summary> summaries = new ArrayList<>();
        for (Family<?> f : Registry.FAMILIES)
            if (family == null || f.name().equals(family)) summaries.add(runFamily(f, cases, seed));
        return summaries;
    }

    /** {@code cases} random problems of one family, seeded from {@code seed} and the family's name. */
    public Summary runFamily(Family<?> family, int cases, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ (long) family.name().hashCode() << 20);
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            Problem<?> problem = problems.draw(family.name(), rng);
            long caseSeed = rng.nextLong();
            boolean integers = problem.integerInputs() && rng.nextBoolean();
            for (Kernel candidate : candidates(family))
                results.add(differential.compare(problem, candidate, caseSeed, integers));
        }
        return summarise(family.name(), cases, results);
    }

    /**
     * One problem against every candidate of its family, with float inputs and, where they make
     * results exact, with integer inputs: what a failure's descriptor reruns.
     */
    public List<CaseResult> runProblem(Problem<?> problem, long seed) {
        List<CaseResult> results = new ArrayList<>();
        for (Kernel candidate : candidates(problem.family())) {
            results.add(differential.compare(problem, candidate, seed, false));
            if (problem.integerInputs()) results.add(differential.compare(problem, candidate, seed, true));
        }
        return results;
    }

    /** Folds comparisons into one family's summary; {@code cases} is the number of problems behind them. */
    public static Summary summarise(String family, int cases, List<CaseResult> results) {
        int failures = 0;
        double maxAbs = 0, maxRel = 0;
        CaseResult worst = null;
        List<CaseResult> failed = new ArrayList<>();
        for (CaseResult r : results) {
            maxAbs = Math.max(maxAbs, r.maxAbsError());
            if (!r.passed()) {
                failures++;
                if (failed.size() < KEPT_FAILURES) failed.add(r);
            }
            boolean worse = worst == null || (worst.passed() && !r.passed())
                    || (worst.passed() == r.passed() && r.maxRelError() > worst.maxRelError());
            if (worse) worst = r;
            maxRel = Math.max(maxRel, r.maxRelError());
        }
        return new Summary(family, cases, results.size(), failures, maxAbs, maxRel,
                worst == null ? "" : worst.descriptor(), List.copyOf(failed));
    }
}
