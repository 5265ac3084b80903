package dev.vecnn.kernels.check;

import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Losses;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.Workspace;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Row-wise losses over (mb, c): {@code softmax:mb64c10}, {@code softmax-bwd}, {@code softmax-xent}
 * (fused softmax + cross-entropy; {@code scale}, the gradient scale, defaults to 1 / mb) and
 * {@code mse} (squared error; scale defaults to 1 / (mb * c)). Logits are drawn with a large random
 * offset per row (up to +-100), so a softmax that skips the max subtraction overflows and fails.
 * FLOPs per element: 4 for softmax (subtract, exp, add, divide), 4 for its backward (two for the
 * dot product, subtract, multiply), 5 for softmax-xent (softmax, subtract), 3 for mse (subtract,
 * square-add, scale).
 */
final class LossProblem extends Problem<Losses> {
    enum Op {
        SOFTMAX("softmax", 4), SOFTMAX_BACKWARD("softmax-bwd", 4), CROSS_ENTROPY("softmax-xent", 5), MSE("mse", 3);

        final String kind;
        final int flopsPerElement;

        Op(String kind, int flopsPerElement) {
            this.kind = kind;
            this.flopsPerElement = flopsPerElement;
        }

        boolean scaled() {
            return this == CROSS_ENTROPY || this == MSE;
        }
    }

    private static final double ROW_OFFSET = 100;
    /** softmax: x, y. softmax-bwd: y, dy, dx. xent: logits, labels, dLogits. mse: pred, target, dPred. */
    private static final int IN = 0, SOFTMAX_OUT = 1, SECOND = 1, OUT = 2;

    final Op op;
    final int rows, classes;
    final float gradScale;

    LossProblem(Op op, int rows, int classes, float gradScale) {
        this.op = op;
        this.rows = rows;
        this.classes = classes;
        this.gradScale = gradScale;
    }

    static LossProblem of(Op op, int rows, int classes) {
        return new LossProblem(op, rows, classes, defaultScale(op, rows, classes));
    }

    static LossProblem parse(Op op, String text, String body) {
        Params p = Params.parse(text, body, op.scaled() ? List.of("mb", "c", "scale") : List.of("mb", "c"));
        int rows = p.size("mb", 1), classes = p.size("c");
        return new LossProblem(op, rows, classes, op.scaled() ? p.real("scale", defaultScale(op, rows, classes)) : 0f);
    }

    /** The gradient of the mean loss. */
    private static float defaultScale(Op op, int rows, int classes) {
        return switch (op) {
            case CROSS_ENTROPY -> 1f / rows;
            case MSE -> 1f / (rows * classes);
            default -> 0f;
        };
    }

    @Override
    public String descriptor() {
        Params.Writer w = new Params.Writer(op.kind).putIf("mb", rows, 1).put("c", classes);
        return (op.scaled() ? w.putIf("scale", gradScale, defaultScale(op, rows, classes)) : w).toString();
    }

    @Override
    public Family<Losses> family() {
        return Registry.LOSSES;
    }

    @Override
    public double flops() {
        return (double) op.flopsPerElement * rows * classes;
    }

    @Override
    List<Operand> operands() {
        int n = rows * classes;
        return switch (op) {
            case SOFTMAX -> List.of(Operand.input("x", n, Operand.Values.WIDE), Operand.output("y", n));
            case SOFTMAX_BACKWARD -> List.of(Operand.input("y", n, Operand.Values.DERIVED),
                    Operand.input("dy", n, Operand.Values.SIGNED), Operand.output("dx", n));
            case CROSS_ENTROPY -> List.of(Operand.input("logits", n, Operand.Values.WIDE),
                    Operand.indices("labels", Operand.Role.INPUT, rows), Operand.output("dLogits", n));
            case MSE -> List.of(Operand.input("pred", n, Operand.Values.SIGNED),
                    Operand.input("target", n, Operand.Values.SIGNED), Operand.output("dPred", n));
        };
    }

    @Override
    List<Check> checks() {
        // With one class the softmax is 1, so its gradients are zero by the maths, not by accident.
        double zeros = classes == 1 ? 1 : 0.5;
        return switch (op) {
            case SOFTMAX -> List.of(new Check(SOFTMAX_OUT, classes, Exactness.NEVER));
            case SOFTMAX_BACKWARD -> List.of(new Check(OUT, classes, Exactness.NEVER, zeros));
            case CROSS_ENTROPY -> List.of(new Check(OUT, classes, Exactness.NEVER, zeros),
                    new Check(Check.RESULT, classes + rows, Exactness.NEVER));
            case MSE -> List.of(new Check(OUT, 1, Exactness.NEVER),
                    new Check(Check.RESULT, rows * classes, Exactness.NEVER));
        };
    }

    @Override
    double call(Losses kernel, Operands o, Workspace ws) {
        return switch (op) {
            case SOFTMAX -> {
                kernel.softmax(rows, classes, o.f(IN), o.offset(IN), o.f(SOFTMAX_OUT), o.offset(SOFTMAX_OUT));
                yield 0;
            }
            case SOFTMAX_BACKWARD -> {
                kernel.softmaxBackward(rows, classes, o.f(IN), o.offset(IN), o.f(SECOND), o.offset(SECOND),
                        o.f(OUT), o.offset(OUT));
                yield 0;
            }
            case CROSS_ENTROPY -> kernel.softmaxCrossEntropy(rows, classes, o.f(IN), o.offset(IN),
                    o.ints(SECOND), o.offset(SECOND), gradScale, o.f(OUT), o.offset(OUT));
            case MSE -> kernel.squaredError(rows, classes, o.f(IN), o.offset(IN), o.f(SECOND), o.offset(SECOND),
                    gradScale, o.f(OUT), o.offset(OUT));
        };
    }

    /** Logits get a row offset; softmax-bwd's y is a real softmax row; labels are uniform over the classes. */
    @Override
    void derive(Operands o, SplittableRandom rng, boolean integers) {
        switch (op) {
            case SOFTMAX, CROSS_ENTROPY -> {
                for (int r = 0; r < rows; r++) {
                    float offset = (float) Math.rint(rng.nextDouble(-ROW_OFFSET, ROW_OFFSET));
                    for (int j = 0; j < classes; j++) o.set(IN, r * classes + j, o.get(IN, r * classes + j) + offset);
                }
                if (op == Op.CROSS_ENTROPY)
                    for (int r = 0; r < rows; r++) o.ints(SECOND)[o.offset(SECOND) + r] = rng.nextInt(classes);
            }
            case SOFTMAX_BACKWARD -> {
                double[] logits = new double[classes];
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < classes; j++) logits[j] = rng.nextDouble(-4, 4);
                    double[] p = softmax(logits);
                    for (int j = 0; j < classes; j++) o.set(IN, r * classes + j, (float) p[j]);
                }
            }
            case MSE -> { }
        }
    }

    /**
     * softmax: the output itself (each y is one exp over a sum of positive terms). softmax-bwd:
     * y (|dy| + sum |dy y|). xent: gradScale (p + [j == label]) for the gradient, and
     * sum over rows of |log-sum-exp| + |logit of the label| for the loss. mse: 2 gradScale
     * (|pred| + |target|) and sum (|pred| + |target|)^2.
     */
    @Override
    Magnitudes magnitudes(Losses reference, Operands pristine, Workspace ws) {
        Magnitudes m = customMagnitudes(pristine);
        Operands v = m.values();
        double result = 0;
        double[] row = new double[classes];
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            switch (op) {
                case SOFTMAX -> {
                    for (int j = 0; j < classes; j++) row[j] = pristine.get(IN, base + j);
                    double[] p = softmax(row);
                    for (int j = 0; j < classes; j++) v.set(SOFTMAX_OUT, base + j, (float) p[j]);
                }
                case SOFTMAX_BACKWARD -> {
                    double dot = 0;
                    for (int j = 0; j < classes; j++)
                        dot += Math.abs(pristine.get(SECOND, base + j) * pristine.get(IN, base + j));
                    for (int j = 0; j < classes; j++)
                        v.set(OUT, base + j, (float) (pristine.get(IN, base + j)
                                * (Math.abs(pristine.get(SECOND, base + j)) + dot)));
                }
                case CROSS_ENTROPY -> {
                    for (int j = 0; j < classes; j++) row[j] = pristine.get(IN, base + j);
                    double[] p = softmax(row);
                    int label = pristine.ints(SECOND)[pristine.offset(SECOND) + r];
                    for (int j = 0; j < classes; j++)
                        v.set(OUT, base + j, (float) (Math.abs(gradScale) * (p[j] + (j == label ? 1 : 0))));
                    result += Math.abs(logSumExp(row)) + Math.abs(row[label]);
                }
                case MSE -> {
                    for (int j = 0; j < classes; j++) {
                        double sum = Math.abs(pristine.get(IN, base + j)) + Math.abs(pristine.get(SECOND, base + j));
                        v.set(OUT, base + j, (float) (2 * Math.abs(gradScale) * sum));
                        result += sum * sum;
                    }
                }
            }
        }
        return new Magnitudes(v, result);
    }

    private static double[] softmax(double[] x) {
        double lse = logSumExp(x);
        double[] p = new double[x.length];
        for (int j = 0; j < x.length; j++) p[j] = Math.exp(x[j] - lse);
        return p;
    }

    private static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) max = Math.max(max, v);
        double sum = 0;
        for (double v : x) sum += Math.exp(v - max);
        return max + Math.log(sum);
    }
}
