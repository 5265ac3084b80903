package dev.vecnn.kernels.check;

import dev.vecnn.kernels.Kernel;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.Workspace;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs one problem through its family's reference and through a candidate implementation on the
 * same seeded data and compares them with {@link Tolerance}. Before each call outputs hold NaN,
 * accumulators and updated state hold non-zero values, every array has a sentinel guard on both
 * sides of its operand and in the gaps of strided matrices, and the workspace is filled with NaN.
 * A case fails when a kernel throws, touches a guard, a gap or an input, leaves NaN behind,
 * differs from the reference beyond the tolerance, or when the reference output is mostly zeros
 * and so proves nothing (benchdnn's "mistrusted"). Not thread-safe: one runner per thread.
 */
public final class Differential {
    /** Guard elements around each operand; odd, so vectors of the operand are not aligned the way its array is. */
    static final int GUARD = 3;
    /** Zeros allowed beyond the fraction a check permits, so that a 3-element output of one relu may be all zero. */
    private static final int ZERO_SLACK = 4;

    /** Floats each workspace slot starts with, so a kernel's first scratch request already finds NaN. */
    private static final int SCRATCH = 1 << 15;

    private final Workspace ws = new Workspace();

    public Differential() {
        for (Workspace.Slot slot : Workspace.Slot.values()) ws.floats(slot, SCRATCH);
    }

    /** Compares {@code candidate}, a member of the problem's family, with the family's reference. */
    public CaseResult compare(Problem<?> problem, Kernel candidate, long seed, boolean integers) {
        return compareMember(problem, candidate, seed, integers);
    }

    private <K extends Kernel> CaseResult compareMember(Problem<K> problem, Kernel candidate, long seed, boolean integers) {
        return compare(problem, problem.family().reference(), problem.member(candidate), seed, integers);
    }

    /** The comparison itself, with the reference given: the runner's own tests hand it deliberately broken kernels. */
    <K extends Kernel> CaseResult compare(Problem<K> problem, K reference, K candidate, long seed, boolean integers) {
        Outcome outcome = new Outcome(problem.descriptor(), candidate.name(), seed, integers);
        Operands pristine = problem.fill(seed, integers, GUARD);

        Operands ref = pristine.copy();
        double refResult;
        try {
            refResult = call(problem, reference, ref);
        } catch (RuntimeException e) {
            return outcome.fail("the reference " + reference.name() + " threw " + e);
        }
        Operands opt = pristine.copy();
        double optResult;
        try {
            optResult = call(problem, candidate, opt);
        } catch (RuntimeException e) {
            return outcome.fail("threw " + e);
        }
        poisonWorkspace();
        Problem.Magnitudes magnitudes = problem.magnitudes(reference, pristine, ws);

        Set<Integer> checked = new HashSet<>();
        for (Problem.Check check : problem.checks()) checked.add(check.operand());
        String stray = strayWrite(pristine, ref, checked);
        if (stray != null) return outcome.fail("the reference " + reference.name() + " " + stray);
        stray = strayWrite(pristine, opt, checked);
        if (stray != null) return outcome.fail(stray);

        for (Problem.Check check : problem.checks()) {
            boolean exact = check.exact() == Problem.Exactness.ALWAYS
                    || check.exact() == Problem.Exactness.ON_INTEGERS && integers;
            Tolerance tolerance = exact ? Tolerance.EXACT : Tolerance.forSum(check.reduction());
            if (check.operand() == Problem.Check.RESULT) {
                outcome.compareResult(refResult, optResult, magnitudes.result(), tolerance, check.reduction());
            } else if (pristine.operand(check.operand()).indices()) {
                if (exact) outcome.compareIndices(pristine.operand(check.operand()), ref, opt, check.operand());
            } else {
                outcome.compareFloats(check, ref, opt, magnitudes.values(), tolerance);
            }
        }
        return outcome.result();
    }

    private <K extends Kernel> double call(Problem<K> problem, K kernel, Operands operands) {
        poisonWorkspace();
        return problem.call(kernel, operands, ws);
    }

    /** Whatever a kernel finds in its scratch space is unspecified: make relying on zeros fail. */
    private void poisonWorkspace() {
        for (Workspace.Slot slot : Workspace.Slot.values()) Arrays.fill(ws.floats(slot, 0), Float.NaN);
    }

    /** Where {@code after} differs from {@code before} outside the live elements of the checked operands, or null. */
    private static String strayWrite(Operands before, Operands after, Set<Integer> checked) {
        for (int i = 0; i < before.count(); i++) {
            Operand op = before.operand(i);
            int offset = before.offset(i);
            int length = op.indices() ? before.ints(i).length : before.f(i).length;
            for (int at = 0; at < length; at++) {
                int e = at - offset;
                boolean inside = e >= 0 && e < op.length();
                if (inside && op.live(e) && checked.contains(i)) continue;
                boolean same = op.indices() ? before.ints(i)[at] == after.ints(i)[at]
                        : Float.floatToRawIntBits(before.f(i)[at]) == Float.floatToRawIntBits(after.f(i)[at]);
                if (same) continue;
                if (!inside) return "wrote outside " + op.name() + ", at its element " + e + " (a guard)";
                if (!op.live(e)) return "wrote the gap " + element(op, e) + " between rows of " + op.name();
                return "modified its input " + element(op, e);
            }
        }
        return null;
    }

    static String element(Operand op, int e) {
        return op.rows() > 1 ? op.name() + "[" + e / op.stride() + "," + e % op.stride() + "]" : op.name() + "[" + e + "]";
    }

    /** Accumulates the errors of one case and its first failure. */
    private static final class Outcome {
        private final String descriptor, implementation;
        private final long seed;
        private final boolean integers;
        private double maxAbs, maxRel;
        private String failure;
        /** The wrong element with the largest relative error so far, and that error. */
        private CaseResult.Element worst;
        private double worstRel = -1;

        Outcome(String descriptor, String implementation, long seed, boolean integers) {
            this.descriptor = descriptor;
            this.implementation = implementation;
            this.seed = seed;
            this.integers = integers;
        }

        CaseResult fail(String why) {
            failure = why;
            maxAbs = maxRel = Double.POSITIVE_INFINITY;
            return result();
        }

        CaseResult result() {
            return new CaseResult(descriptor, implementation, seed, integers, Registry.simdVectorBits(), failure == null, maxAbs,
                    maxRel, failure, worst);
        }

        void compareFloats(Problem.Check check, Operands ref, Operands opt, Operands scales, Tolerance tolerance) {
            int i = check.operand();
            Operand op = ref.operand(i);
            int live = 0, zeros = 0, wrong = 0;
            String first = null;
            for (int e = 0; e < op.length(); e++) {
                if (!op.live(e)) continue;
                double r = ref.get(i, e), o = opt.get(i, e), scale = scales.get(i, e);
                if (!Double.isFinite(r)) {
                    note("the reference gave " + r + " at " + element(op, e) + ": the problem or the reference is wrong");
                    return;
                }
                if (scale != 0) {
                    live++;
                    if (r == 0) zeros++;
                }
                double error = Double.isFinite(o) ? Math.abs(o - r) : Double.POSITIVE_INFINITY;
                double relative = record(error, r, scale);
                if (tolerance.accepts(o, r, scale)) continue;
                wrong++;
                wrong(element(op, e), r, o, relative);
                if (first == null)
                    first = element(op, e) + ": reference " + (float) r + ", optimised " + (float) o
                            + describeBound(tolerance, check.reduction(), r, scale, error);
            }
            if (first != null) note(first + (wrong > 1 ? " (" + (wrong - 1) + " more elements wrong)" : ""));
            else if (live > 0 && zeros > check.maxZeroFraction() * live + ZERO_SLACK)
                note("untrustworthy data: " + zeros + " of " + live + " elements of the reference " + op.name()
                        + " are zero");
        }

        void compareIndices(Operand op, Operands ref, Operands opt, int i) {
            for (int e = 0; e < op.length(); e++) {
                int r = ref.ints(i)[ref.offset(i) + e], o = opt.ints(i)[opt.offset(i) + e];
                if (r != o) {
                    note(element(op, e) + ": reference " + r + ", optimised " + o);
                    wrong(element(op, e), r, o, Double.POSITIVE_INFINITY);
                    return;
                }
            }
        }

        void compareResult(double r, double o, double scale, Tolerance tolerance, int reduction) {
            if (!Double.isFinite(r)) {
                note("the reference returned " + r + ": the problem or the reference is wrong");
                return;
            }
            double error = Double.isFinite(o) ? Math.abs(o - r) : Double.POSITIVE_INFINITY;
            double relative = record(error, r, scale);
            if (!tolerance.accepts(o, r, scale)) {
                note("returned " + o + ", reference " + r + describeBound(tolerance, reduction, r, scale, error));
                wrong("result", r, o, relative);
            }
        }

        /** Takes an element's error into the maxima and returns its relative error. */
        private double record(double error, double reference, double scale) {
            double magnitude = Math.abs(reference) + scale;
            double relative = error == 0 ? 0 : magnitude == 0 ? Double.POSITIVE_INFINITY : error / magnitude;
            maxAbs = Math.max(maxAbs, error);
            maxRel = Math.max(maxRel, relative);
            return relative;
        }

        private void wrong(String element, double reference, double optimised, double relative) {
            if (relative > worstRel) {
                worstRel = relative;
                worst = new CaseResult.Element(element, reference, optimised);
            }
        }

        private static String describeBound(Tolerance tolerance, int reduction, double r, double scale, double error) {
            if (tolerance.equals(Tolerance.EXACT)) return ", expected bit-exact";
            return ", |diff| " + (float) error + " > allowed " + (float) tolerance.bound(r, scale)
                    + " (K " + reduction + ", scale " + (float) scale + ")";
        }

        private void note(String why) {
            if (failure == null) failure = why;
        }
    }
}
