package dev.vecnn.kernels.check;

import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Kernel;
import dev.vecnn.kernels.Workspace;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * One kernel call of one family at one shape, written as a descriptor string in the style of
 * oneDNN's benchdnn ({@code gemm:m64n7744k288}, {@code conv:mb64ic32ih13oc64kh3}). The descriptor is
 * parsed here and only here, printed on every failure so the case can be rerun alone, and shared
 * by the tests, {@code vecnn verify} and the JMH benches. A problem knows its FLOP count, fills its
 * operands from a seed and runs any implementation of its family on them.
 */
public abstract class Problem<K extends Kernel> {
    /** Every kind of problem by its descriptor prefix. */
    private static final Map<String, BiFunction<String, String, Problem<?>>> KINDS = parsers();

    Problem() {}

    /**
     * The problem a descriptor names, e.g. {@code conv-bwd-data:mb2ic19ih13oc33kh3ph1}; throws
     * IllegalArgumentException naming the bad part of a bad descriptor.
     */
    public static Problem<?> parse(String descriptor) {
        String text = descriptor.trim();
        int colon = text.indexOf(':');
        String kind = colon < 0 ? text : text.substring(0, colon);
        BiFunction<String, String, Problem<?>> parser = KINDS.get(kind);
        if (parser == null)
            throw new IllegalArgumentException("bad problem '" + text + "': unknown kind '" + kind
                    + "' (expected one of " + String.join(", ", KINDS.keySet()) + ")");
        if (colon < 0)
            throw new IllegalArgumentException("bad problem '" + text + "': expected " + kind + ":parameters");
        return parser.apply(text, text.substring(colon + 1));
    }

    /** Every descriptor prefix, e.g. gemm, conv, conv-bwd-data, relu, adam. */
    public static List<String> kinds() {
        return List.copyOf(KINDS.keySet());
    }

    /** The canonical descriptor: {@code parse(descriptor()).descriptor()} is itself. */
    public abstract String descriptor();

    /** The family whose implementations run this problem. */
    public abstract Family<K> family();

    /**
     * Floating-point operations of one call: 2 * M * N * K for GEMM-like work, and for the other
     * kinds the count their class documents (arithmetic operations per element of the formula).
     */
    public abstract double flops();

    /**
     * Operands filled from {@code seed} with random floats, each at index 0 of its own array:
     * what a bench times a kernel on.
     */
    public final Operands prepare(long seed) {
        return fill(seed, false, 0);
    }

    /** The implementation called {@code implementation} (e.g. "SgemmReference") bound to operands from {@code seed}. */
    public final Call bind(String implementation, long seed) {
        return bind(family().named(implementation), prepare(seed));
    }

    /** {@code implementation}, which must belong to this problem's family, bound to {@code operands}. */
    public final Call bind(Kernel implementation, Operands operands) {
        K kernel = member(implementation);
        Workspace ws = new Workspace();
        return new Call(this, kernel.name(), operands, () -> call(kernel, operands, ws));
    }

    @Override
    public final String toString() {
        return descriptor();
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof Problem<?> p && p.descriptor().equals(descriptor());
    }

    @Override
    public final int hashCode() {
        return descriptor().hashCode();
    }

    // ---- what each kind supplies ----

    /** The arrays of one call, in the order {@link #call} indexes them. */
    abstract List<Operand> operands();

    /** What the runner compares: every operand the call writes, and the scalar result if any. */
    abstract List<Check> checks();

    /** One kernel call on the operands; returns its scalar result, or 0 if it has none. */
    abstract double call(K kernel, Operands o, Workspace ws);

    /** Fills the DERIVED operands from the drawn ones (statistics, masks, labels, softmax rows). */
    void derive(Operands o, SplittableRandom rng, boolean integers) {}

    /** True when integer inputs make at least one output exact, or exercise ties (max pooling). */
    boolean integerInputs() {
        return checks().stream().anyMatch(c -> c.exact() == Exactness.ON_INTEGERS);
    }

    /**
     * The magnitude of the terms summed into every checked element (the {@code scale} of the
     * tolerance rule). By default, for kernels linear in each input: the reference run on the
     * absolute values of every input (and of the problem's scalars, see {@link #magnitudeProblem}),
     * which gives sum |a_i b_i| per element. Non-linear kinds override this with their own formula.
     */
    Magnitudes magnitudes(K reference, Operands pristine, Workspace ws) {
        Operands abs = pristine.copy();
        for (int i = 0; i < abs.count(); i++) {
            Operand op = abs.operand(i);
            if (op.indices()) continue;
            for (int e = 0; e < op.length(); e++) {
                if (!op.live(e)) continue;
                abs.set(i, e, op.role() == Operand.Role.OUTPUT ? 0f : Math.abs(abs.get(i, e)));
            }
        }
        double result = magnitudeProblem().call(reference, abs, ws);
        return new Magnitudes(abs, Math.abs(result));
    }

    /** This problem with every scalar coefficient replaced by its absolute value (GEMM's alpha, beta). */
    Problem<K> magnitudeProblem() {
        return this;
    }

    /** Magnitudes written by a kind's own formula into a copy of the operands, result scale 0. */
    static Magnitudes customMagnitudes(Operands pristine) {
        return new Magnitudes(pristine.copy(), 0);
    }

    /**
     * Allocates and fills the operands: drawn values for inputs, accumulators and updated state,
     * NaN in every output, then the derived operands.
     */
    final Operands fill(long seed, boolean integers, int guard) {
        SplittableRandom rng = new SplittableRandom(seed);
        Operands o = Operands.allocate(operands(), guard);
        for (int i = 0; i < o.count(); i++) {
            Operand op = o.operand(i);
            if (op.indices()) {
                if (op.role() == Operand.Role.OUTPUT)
                    Arrays.fill(o.ints(i), o.offset(i), o.offset(i) + op.length(), Integer.MIN_VALUE);
                continue;
            }
            for (int e = 0; e < op.length(); e++) {
                if (!op.live(e)) continue;
                o.set(i, e, op.role() == Operand.Role.OUTPUT ? Float.NaN : op.values().draw(rng, integers));
            }
        }
        derive(o, rng, integers);
        return o;
    }

    /** {@code implementation} as this family's kernel type, after checking it is one of the family's. */
    @SuppressWarnings("unchecked")
    final K member(Kernel implementation) {
        if (!family().all().contains(implementation))
            throw new IllegalArgumentException(implementation.name() + " is not a " + family().name() + " kernel");
        return (K) implementation;
    }

    /** When an output may be compared bit for bit. */
    enum Exactness {
        /**
         * Always: a copy, a select or one rounded product (im2col, max pooling, relu, dropout), or a
         * sum whose order and rounding the family's contract fixes (strided taps).
         */
        ALWAYS,
        /** When the inputs are small integers: every sum is then exact in float. */
        ON_INTEGERS,
        /** Never: divisions, transcendental functions or rounding that depends on the order of operations. */
        NEVER
    }

    /**
     * One comparison: an operand (or {@link #RESULT}, the kernel's returned scalar), the length K
     * of the longest sum behind one of its elements (rtol grows with sqrt(K)), whether it is
     * exact, and the largest fraction of zeros the reference may hold among the elements whose
     * magnitude is non-zero before the data is mistrusted.
     */
    record Check(int operand, int reduction, Exactness exact, double maxZeroFraction) {
        static final int RESULT = -1;

        Check(int operand, int reduction, Exactness exact) {
            this(operand, reduction, exact, 0.5);
        }
    }

    /** The per-element magnitudes of the checked outputs, in an operands-shaped copy, and of the result. */
    record Magnitudes(Operands values, double result) {}

    private static Map<String, BiFunction<String, String, Problem<?>>> parsers() {
        Map<String, BiFunction<String, String, Problem<?>>> kinds = new LinkedHashMap<>();
        kinds.put(GemmProblem.KIND, GemmProblem::parse);
        for (Im2colProblem.Pass pass : Im2colProblem.Pass.values())
            kinds.put(pass.kind, (text, body) -> Im2colProblem.parse(pass, text, body));
        for (ConvProblem.Pass pass : ConvProblem.Pass.values())
            kinds.put(pass.kind, (text, body) -> ConvProblem.parse(pass, text, body));
        kinds.put(ConvReluPoolProblem.KIND, ConvReluPoolProblem::parse);
        kinds.put(ConvReluPoolBackwardProblem.KIND, ConvReluPoolBackwardProblem::parse);
        for (PoolProblem.Pass pass : PoolProblem.Pass.values())
            kinds.put(pass.kind, (text, body) -> PoolProblem.parse(pass, text, body));
        for (DenseProblem.Pass pass : DenseProblem.Pass.values())
            kinds.put(pass.kind, (text, body) -> DenseProblem.parse(pass, text, body));
        for (ActivationProblem.Op op : ActivationProblem.Op.values())
            kinds.put(op.kind, (text, body) -> ActivationProblem.parse(op, text, body));
        for (LossProblem.Op op : LossProblem.Op.values())
            kinds.put(op.kind, (text, body) -> LossProblem.parse(op, text, body));
        for (BatchNormProblem.Pass pass : BatchNormProblem.Pass.values())
            kinds.put(pass.kind, (text, body) -> BatchNormProblem.parse(pass, text, body));
        for (DropoutProblem.Op op : DropoutProblem.Op.values())
            kinds.put(op.kind, (text, body) -> DropoutProblem.parse(op, text, body));
        for (OptimizerProblem.Rule rule : OptimizerProblem.Rule.values())
            kinds.put(rule.kind, (text, body) -> OptimizerProblem.parse(rule, text, body));
        kinds.put(TapsProblem.KIND, TapsProblem::parse);
        return kinds;
    }
}
