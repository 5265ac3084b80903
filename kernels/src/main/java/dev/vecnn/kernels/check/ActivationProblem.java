package dev.vecnn.kernels.check;

import dev.vecnn.kernels.Activations;
import dev.vecnn.kernels.ChannelShape;
import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.Workspace;

import java.util.List;

/**
 * Element-wise activations: {@code relu:n1000}, {@code relu-bwd}, {@code leakyrelu:n1000alpha0.1}
 * (alpha, the slope, defaults to 0.01), {@code leakyrelu-bwd}, {@code sigmoid}, {@code sigmoid-bwd},
 * {@code tanh}, {@code tanh-bwd}, and per channel {@code prelu:mb64ic32sp676}, {@code prelu-bwd}
 * (sp = spatial size, mb defaults to 1). FLOPs per element: 1 for the relu family forward and
 * backward, 3 for prelu backward (select, product, slope-gradient add), 3 for sigmoid (exp, add,
 * divide), 1 for tanh, 3 for the sigmoid and tanh backward.
 */
final class ActivationProblem extends Problem<Activations> {
    enum Op {
        RELU("relu", 1), RELU_BACKWARD("relu-bwd", 1), LEAKY("leakyrelu", 1), LEAKY_BACKWARD("leakyrelu-bwd", 1),
        PRELU("prelu", 1), PRELU_BACKWARD("prelu-bwd", 3), SIGMOID("sigmoid", 3), SIGMOID_BACKWARD("sigmoid-bwd", 3),
        TANH("tanh", 1), TANH_BACKWARD("tanh-bwd", 3);

        final String kind;
        final int flopsPerElement;

        Op(String kind, int flopsPerElement) {
            this.kind = kind;
            this.flopsPerElement = flopsPerElement;
        }

        boolean perChannel() {
            return this == PRELU || this == PRELU_BACKWARD;
        }
    }

    private static final float DEFAULT_SLOPE = 0.01f;
    /** Forward: x (or y for sigmoid/tanh backward) then the output. Backward: x or y, dy, dx. PReLU: x, slope, then y or dy, dx, dSlope. */
    private static final int IN = 0, FORWARD_OUT = 1, DY = 1, BACKWARD_OUT = 2;
    private static final int SLOPE = 1, PRELU_OUT = 2, PRELU_DY = 2, PRELU_DX = 3, PRELU_DSLOPE = 4;

    final Op op;
    /** The elements (n) of the flat kinds, or batch, channels, spatial of prelu. */
    final ChannelShape shape;
    final float slope;

    ActivationProblem(Op op, ChannelShape shape, float slope) {
        this.op = op;
        this.shape = shape;
        this.slope = slope;
    }

    static ActivationProblem parse(Op op, String text, String body) {
        if (op.perChannel()) {
            Params p = Params.parse(text, body, List.of("mb", "ic", "sp"));
            return new ActivationProblem(op, new ChannelShape(p.size("mb", 1), p.size("ic"), p.size("sp")), 0f);
        }
        boolean leaky = op == Op.LEAKY || op == Op.LEAKY_BACKWARD;
        Params p = Params.parse(text, body, leaky ? List.of("n", "alpha") : List.of("n"));
        return new ActivationProblem(op, new ChannelShape(1, 1, p.size("n")), leaky ? p.real("alpha", DEFAULT_SLOPE) : 0f);
    }

    @Override
    public String descriptor() {
        Params.Writer w = new Params.Writer(op.kind);
        if (op.perChannel())
            return w.putIf("mb", shape.batch(), 1).put("ic", shape.channels()).put("sp", shape.spatial()).toString();
        w.put("n", shape.size());
        return (op == Op.LEAKY || op == Op.LEAKY_BACKWARD ? w.putIf("alpha", slope, DEFAULT_SLOPE) : w).toString();
    }

    @Override
    public Family<Activations> family() {
        return Registry.ACTIVATIONS;
    }

    @Override
    public double flops() {
        return (double) op.flopsPerElement * shape.size();
    }

    @Override
    List<Operand> operands() {
        int n = shape.size();
        Operand dy = Operand.input("dy", n, Operand.Values.SIGNED);
        return switch (op) {
            case RELU, LEAKY -> List.of(Operand.input("x", n, Operand.Values.MOSTLY_POSITIVE), Operand.output("y", n));
            case RELU_BACKWARD, LEAKY_BACKWARD ->
                    List.of(Operand.input("x", n, Operand.Values.MOSTLY_POSITIVE), dy, Operand.output("dx", n));
            case SIGMOID, TANH -> List.of(Operand.input("x", n, Operand.Values.WIDE), Operand.output("y", n));
            case SIGMOID_BACKWARD -> List.of(Operand.input("y", n, Operand.Values.UNIT), dy, Operand.output("dx", n));
            case TANH_BACKWARD -> List.of(Operand.input("y", n, Operand.Values.SIGNED), dy, Operand.output("dx", n));
            case PRELU -> List.of(Operand.input("x", n, Operand.Values.MOSTLY_POSITIVE),
                    Operand.input("slope", shape.channels(), Operand.Values.SIGNED), Operand.output("y", n));
            case PRELU_BACKWARD -> List.of(Operand.input("x", n, Operand.Values.MOSTLY_POSITIVE),
                    Operand.input("slope", shape.channels(), Operand.Values.SIGNED), dy, Operand.output("dx", n),
                    Operand.accumulator("dSlope", shape.channels()));
        };
    }

    @Override
    List<Check> checks() {
        return switch (op) {
            case RELU, LEAKY, TANH, SIGMOID -> List.of(new Check(FORWARD_OUT, 1, exactness()));
            case RELU_BACKWARD, LEAKY_BACKWARD, SIGMOID_BACKWARD, TANH_BACKWARD ->
                    List.of(new Check(BACKWARD_OUT, 1, exactness()));
            case PRELU -> List.of(new Check(PRELU_OUT, 1, Exactness.ALWAYS));
            case PRELU_BACKWARD -> List.of(new Check(PRELU_DX, 1, Exactness.ALWAYS),
                    new Check(PRELU_DSLOPE, shape.perChannel() + 1, Exactness.ON_INTEGERS));
        };
    }

    /** The relu family is a select and at most one product: exact. Sigmoid and tanh are not. */
    private Exactness exactness() {
        return switch (op) {
            case SIGMOID, SIGMOID_BACKWARD, TANH, TANH_BACKWARD -> Exactness.NEVER;
            default -> Exactness.ALWAYS;
        };
    }

    @Override
    double call(Activations kernel, Operands o, Workspace ws) {
        int n = shape.size();
        switch (op) {
            case RELU -> kernel.relu(n, o.f(IN), o.offset(IN), o.f(FORWARD_OUT), o.offset(FORWARD_OUT));
            case RELU_BACKWARD -> kernel.reluBackward(n, o.f(IN), o.offset(IN), o.f(DY), o.offset(DY),
                    o.f(BACKWARD_OUT), o.offset(BACKWARD_OUT));
            case LEAKY -> kernel.leakyRelu(n, slope, o.f(IN), o.offset(IN), o.f(FORWARD_OUT), o.offset(FORWARD_OUT));
            case LEAKY_BACKWARD -> kernel.leakyReluBackward(n, slope, o.f(IN), o.offset(IN), o.f(DY), o.offset(DY),
                    o.f(BACKWARD_OUT), o.offset(BACKWARD_OUT));
            case SIGMOID -> kernel.sigmoid(n, o.f(IN), o.offset(IN), o.f(FORWARD_OUT), o.offset(FORWARD_OUT));
            case SIGMOID_BACKWARD -> kernel.sigmoidBackward(n, o.f(IN), o.offset(IN), o.f(DY), o.offset(DY),
                    o.f(BACKWARD_OUT), o.offset(BACKWARD_OUT));
            case TANH -> kernel.tanh(n, o.f(IN), o.offset(IN), o.f(FORWARD_OUT), o.offset(FORWARD_OUT));
            case TANH_BACKWARD -> kernel.tanhBackward(n, o.f(IN), o.offset(IN), o.f(DY), o.offset(DY),
                    o.f(BACKWARD_OUT), o.offset(BACKWARD_OUT));
            case PRELU -> kernel.prelu(shape, o.f(IN), o.offset(IN), o.f(SLOPE), o.offset(SLOPE),
                    o.f(PRELU_OUT), o.offset(PRELU_OUT));
            case PRELU_BACKWARD -> kernel.preluBackward(shape, o.f(IN), o.offset(IN), o.f(SLOPE), o.offset(SLOPE),
                    o.f(PRELU_DY), o.offset(PRELU_DY), o.f(PRELU_DX), o.offset(PRELU_DX),
                    o.f(PRELU_DSLOPE), o.offset(PRELU_DSLOPE));
        }
        return 0;
    }

    /**
     * The relu family is linear in dy and selects by the sign of x, so the default (reference on
     * absolute values) serves its outputs except the PReLU slope gradient, a sum over the x <= 0
     * that absolute values would empty. Sigmoid and tanh are formed from terms of order 1
     * (1 + exp(-x), exp(x) +- exp(-x)): scale 1. Their backward passes: |dy| (y + y^2) and
     * |dy| (1 + y^2), the terms of y - y^2 and 1 - y^2.
     */
    @Override
    Magnitudes magnitudes(Activations reference, Operands pristine, Workspace ws) {
        if (op != Op.PRELU_BACKWARD && exactness() == Exactness.ALWAYS)
            return super.magnitudes(reference, pristine, ws);
        Magnitudes m = customMagnitudes(pristine);
        Operands v = m.values();
        int n = shape.size();
        for (int e = 0; e < n; e++) {
            switch (op) {
                case SIGMOID, TANH -> v.set(FORWARD_OUT, e, 1f);
                case SIGMOID_BACKWARD -> {
                    double y = pristine.get(IN, e);
                    v.set(BACKWARD_OUT, e, (float) (Math.abs(pristine.get(DY, e)) * (Math.abs(y) + y * y)));
                }
                case TANH_BACKWARD -> {
                    double y = pristine.get(IN, e);
                    v.set(BACKWARD_OUT, e, (float) (Math.abs(pristine.get(DY, e)) * (1 + y * y)));
                }
                default -> { }
            }
        }
        if (op == Op.PRELU_BACKWARD) preluMagnitudes(pristine, v);
        return m;
    }

    private void preluMagnitudes(Operands pristine, Operands v) {
        int channels = shape.channels(), spatial = shape.spatial();
        double[] dSlope = new double[channels];
        for (int c = 0; c < channels; c++) dSlope[c] = Math.abs(pristine.get(PRELU_DSLOPE, c));
        for (int e = 0; e < shape.size(); e++) {
            int c = e / spatial % channels;
            double x = pristine.get(IN, e), dy = Math.abs(pristine.get(PRELU_DY, e));
            v.set(PRELU_DX, e, (float) (dy * Math.max(1, Math.abs(pristine.get(SLOPE, c)))));
            if (x <= 0) dSlope[c] += dy * -x;
        }
        for (int c = 0; c < channels; c++) v.set(PRELU_DSLOPE, c, (float) dSlope[c]);
    }
}
