package dev.vecnn.kernels.check;

import dev.vecnn.kernels.ChannelShape;
import dev.vecnn.kernels.Dropout;
import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.Workspace;

import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code dropout:n1000p0.5} (one mask entry per element) and {@code dropout-channel:mb64ic32sp676p0.5}
 * (one per plane). p, the drop probability, defaults to 0.5; kept entries of the mask are 1 / (1 - p).
 * FLOPs: one product per element.
 */
final class DropoutProblem extends Problem<Dropout> {
    enum Op {
        ELEMENT("dropout"), CHANNEL("dropout-channel");

        final String kind;

        Op(String kind) {
            this.kind = kind;
        }
    }

    private static final float DEFAULT_P = 0.5f;
    private static final int X = 0, MASK = 1, Y = 2;

    final Op op;
    final ChannelShape shape;
    final float p;

    DropoutProblem(Op op, ChannelShape shape, float p) {
        this.op = op;
        this.shape = shape;
        this.p = p;
    }

    static DropoutProblem parse(Op op, String text, String body) {
        Params params = Params.parse(text, body, op == Op.ELEMENT ? List.of("n", "p") : List.of("mb", "ic", "sp", "p"));
        float p = params.real("p", DEFAULT_P);
        if (p < 0f || p >= 1f) throw params.bad("'p" + p + "' must be in [0, 1)");
        ChannelShape shape = op == Op.ELEMENT ? new ChannelShape(1, 1, params.size("n"))
                : new ChannelShape(params.size("mb", 1), params.size("ic"), params.size("sp"));
        return new DropoutProblem(op, shape, p);
    }

    @Override
    public String descriptor() {
        Params.Writer w = new Params.Writer(op.kind);
        if (op == Op.ELEMENT) w.put("n", shape.size());
        else w.putIf("mb", shape.batch(), 1).put("ic", shape.channels()).put("sp", shape.spatial());
        return w.putIf("p", p, DEFAULT_P).toString();
    }

    @Override
    public Family<Dropout> family() {
        return Registry.DROPOUT;
    }

    @Override
    public double flops() {
        return shape.size();
    }

    @Override
    List<Operand> operands() {
        int masks = op == Op.ELEMENT ? shape.size() : shape.batch() * shape.channels();
        return List.of(Operand.input("x", shape.size(), Operand.Values.SIGNED),
                Operand.input("mask", masks, Operand.Values.DERIVED), Operand.output("y", shape.size()));
    }

    @Override
    List<Check> checks() {
        return List.of(new Check(Y, 1, Exactness.ALWAYS));
    }

    @Override
    double call(Dropout kernel, Operands o, Workspace ws) {
        if (op == Op.ELEMENT) kernel.apply(shape.size(), o.f(X), o.offset(X), o.f(MASK), o.offset(MASK), o.f(Y), o.offset(Y));
        else kernel.applyPerChannel(shape, o.f(X), o.offset(X), o.f(MASK), o.offset(MASK), o.f(Y), o.offset(Y));
        return 0;
    }

    @Override
    void derive(Operands o, SplittableRandom rng, boolean integers) {
        float kept = 1f / (1f - p);
        for (int e = 0; e < o.operand(MASK).length(); e++) o.set(MASK, e, rng.nextFloat() < p ? 0f : kept);
    }
}
