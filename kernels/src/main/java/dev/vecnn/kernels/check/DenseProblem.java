package dev.vecnn.kernels.check;

import dev.vecnn.kernels.Dense;
import dev.vecnn.kernels.DenseShape;
import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.Workspace;

import java.util.List;

/**
 * {@code dense:mb64ic1600oc128}, {@code dense-bwd-data:...}, {@code dense-bwd-weights:...}: x (mb, ic),
 * w (oc, ic), y (mb, oc). mb defaults to 1; {@code bias0} drops the bias or its gradient. FLOPs
 * 2 * mb * ic * oc for every pass.
 */
final class DenseProblem extends Problem<Dense> {
    enum Pass {
        FORWARD("dense"), BACKWARD_DATA("dense-bwd-data"), BACKWARD_WEIGHTS("dense-bwd-weights");

        final String kind;

        Pass(String kind) {
            this.kind = kind;
        }
    }

    private static final List<String> PARAMS = List.of("mb", "ic", "oc", "bias");
    /** Forward: x, w, b in, y out. Backward-data: dy, w in, dx out. Backward-weights: x, dy in, dw, db accumulated. */
    private static final int X = 0, W = 1, B = 2, Y = 3;
    private static final int DY = 0, DX = 2;
    private static final int WEIGHTS_DY = 1, DW = 2, DB = 3;

    final Pass pass;
    final DenseShape shape;
    final boolean bias;

    DenseProblem(Pass pass, DenseShape shape, boolean bias) {
        this.pass = pass;
        this.shape = shape;
        this.bias = bias;
    }

    static DenseProblem parse(Pass pass, String text, String body) {
        Params p = Params.parse(text, body, PARAMS);
        return new DenseProblem(pass, new DenseShape(p.size("mb", 1), p.size("ic"), p.size("oc")), p.flag("bias", true));
    }

    @Override
    public String descriptor() {
        return new Params.Writer(pass.kind).putIf("mb", shape.batch(), 1).put("ic", shape.in()).put("oc", shape.out())
                .putIf("bias", bias, true).toString();
    }

    @Override
    public Family<Dense> family() {
        return Registry.DENSE;
    }

    @Override
    public double flops() {
        return shape.flops();
    }

    @Override
    List<Operand> operands() {
        int x = shape.batch() * shape.in(), w = shape.out() * shape.in(), y = shape.batch() * shape.out();
        return switch (pass) {
            case FORWARD -> List.of(Operand.input("x", x, Operand.Values.SIGNED),
                    Operand.input("w", w, Operand.Values.SIGNED), Operand.input("b", shape.out(), Operand.Values.SIGNED),
                    Operand.output("y", y));
            case BACKWARD_DATA -> List.of(Operand.input("dy", y, Operand.Values.SIGNED),
                    Operand.input("w", w, Operand.Values.SIGNED), Operand.output("dx", x));
            case BACKWARD_WEIGHTS -> List.of(Operand.input("x", x, Operand.Values.SIGNED),
                    Operand.input("dy", y, Operand.Values.SIGNED), Operand.accumulator("dw", w),
                    Operand.accumulator("db", shape.out()));
        };
    }

    @Override
    List<Check> checks() {
        return switch (pass) {
            case FORWARD -> List.of(new Check(Y, shape.in() + 1, Exactness.ON_INTEGERS));
            case BACKWARD_DATA -> List.of(new Check(DX, shape.out(), Exactness.ON_INTEGERS));
            case BACKWARD_WEIGHTS -> List.of(new Check(DW, shape.batch() + 1, Exactness.ON_INTEGERS),
                    new Check(DB, shape.batch() + 1, Exactness.ON_INTEGERS));
        };
    }

    @Override
    double call(Dense kernel, Operands o, Workspace ws) {
        switch (pass) {
            case FORWARD -> kernel.forward(shape, o.f(X), o.offset(X), o.f(W), o.offset(W),
                    bias ? o.f(B) : null, o.offset(B), o.f(Y), o.offset(Y), ws);
            case BACKWARD_DATA -> kernel.backwardData(shape, o.f(DY), o.offset(DY), o.f(W), o.offset(W),
                    o.f(DX), o.offset(DX), ws);
            case BACKWARD_WEIGHTS -> kernel.backwardWeights(shape, o.f(X), o.offset(X), o.f(WEIGHTS_DY), o.offset(WEIGHTS_DY),
                    o.f(DW), o.offset(DW), bias ? o.f(DB) : null, o.offset(DB), ws);
        }
        return 0;
    }
}
