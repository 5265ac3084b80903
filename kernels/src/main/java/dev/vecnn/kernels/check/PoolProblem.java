package dev.vecnn.kernels.check;

import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Layout;
import dev.vecnn.kernels.PoolShape;
import dev.vecnn.kernels.Pooling;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.Workspace;

import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code maxpool:mb64ic32ih26kh2}, {@code maxpool-bwd:...}, {@code maxpoolrelu:...} (max pooling fused
 * with the ReLU before it), {@code maxpoolrelu-bwd:...}, {@code avgpool:...}, {@code avgpool-bwd:...}.
 * mb defaults to 1, iw to ih, kw to kh, sh to kh (windows side by side), sw to sh when sh is given
 * and to kw otherwise, ph to 0, pw to ph. FLOPs: one per window element and output (a compare or an
 * add), except max backward: one add per output. {@code nhwc1} lays input and output out channels-last.
 */
final class PoolProblem extends Problem<Pooling> {
    enum Pass {
        MAX("maxpool"), MAX_BACKWARD("maxpool-bwd"), MAX_RELU("maxpoolrelu"), MAX_RELU_BACKWARD("maxpoolrelu-bwd"),
        AVG("avgpool"), AVG_BACKWARD("avgpool-bwd");

        final String kind;

        Pass(String kind) {
            this.kind = kind;
        }
    }

    private static final List<String> PARAMS = List.of("mb", "ic", "ih", "iw", "kh", "kw", "sh", "sw", "ph", "pw", "nhwc");
    /**
     * Forward: x in, y out (and argmax out for max). Backward: dy in (and argmax in for max, and the
     * forward's y in for maxpoolrelu), dx out.
     */
    private static final int IN = 0, OUT = 1, ARGMAX = 2, FORWARD_Y = 3;

    final Pass pass;
    final PoolShape shape;

    PoolProblem(Pass pass, PoolShape shape) {
        this.pass = pass;
        this.shape = shape;
    }

    static PoolProblem parse(Pass pass, String text, String body) {
        Params p = Params.parse(text, body, PARAMS);
        int ih = p.size("ih"), kh = p.size("kh"), kw = p.size("kw", kh), ph = p.count("ph", 0);
        int sh = p.size("sh", kh), sw = p.size("sw", p.has("sh") ? sh : kw);
        try {
            return new PoolProblem(pass, new PoolShape(p.size("mb", 1), p.size("ic"), ih, p.size("iw", ih),
                    kh, kw, sh, sw, ph, p.count("pw", ph), p.flag("nhwc", false) ? Layout.NHWC : Layout.NCHW));
        } catch (IllegalArgumentException e) {
            throw p.bad(e.getMessage());
        }
    }

    @Override
    public String descriptor() {
        PoolShape s = shape;
        return new Params.Writer(pass.kind).putIf("mb", s.batch(), 1).put("ic", s.channels())
                .put("ih", s.inH()).putIf("iw", s.inW(), s.inH())
                .put("kh", s.kH()).putIf("kw", s.kW(), s.kH())
                .putIf("sh", s.strideH(), s.kH()).putIf("sw", s.strideW(), s.strideH() != s.kH() ? s.strideH() : s.kW())
                .putIf("ph", s.padH(), 0).putIf("pw", s.padW(), s.padH())
                .putIf("nhwc", s.layout() == Layout.NHWC, false).toString();
    }

    @Override
    public Family<Pooling> family() {
        return Registry.POOLING;
    }

    @Override
    public double flops() {
        double outputs = shape.outputSize();
        return pass == Pass.MAX_BACKWARD || pass == Pass.MAX_RELU_BACKWARD ? outputs : outputs * shape.kH() * shape.kW();
    }

    @Override
    List<Operand> operands() {
        int x = shape.inputSize(), y = shape.outputSize();
        return switch (pass) {
            case MAX -> List.of(Operand.input("x", x, Operand.Values.SIGNED), Operand.output("y", y),
                    Operand.indices("argmax", Operand.Role.OUTPUT, y));
            // Mostly positive, so that the ReLU leaves enough non-zero outputs to compare, even for 1x1 windows.
            case MAX_RELU -> List.of(Operand.input("x", x, Operand.Values.MOSTLY_POSITIVE), Operand.output("y", y),
                    Operand.indices("argmax", Operand.Role.OUTPUT, y));
            case MAX_BACKWARD -> List.of(Operand.input("dy", y, Operand.Values.SIGNED), Operand.output("dx", x),
                    Operand.indices("argmax", Operand.Role.INPUT, y));
            case MAX_RELU_BACKWARD -> List.of(Operand.input("dy", y, Operand.Values.SIGNED), Operand.output("dx", x),
                    Operand.indices("argmax", Operand.Role.INPUT, y), Operand.input("y", y, Operand.Values.MOSTLY_POSITIVE));
            case AVG -> List.of(Operand.input("x", x, Operand.Values.SIGNED), Operand.output("y", y));
            case AVG_BACKWARD -> List.of(Operand.input("dy", y, Operand.Values.SIGNED), Operand.output("dx", x));
        };
    }

    @Override
    List<Check> checks() {
        int window = shape.kH() * shape.kW();
        int overlap = ceilDiv(shape.kH(), shape.strideH()) * ceilDiv(shape.kW(), shape.strideW());
        return switch (pass) {
            case MAX, MAX_RELU -> List.of(new Check(OUT, 1, Exactness.ALWAYS), new Check(ARGMAX, 1, Exactness.ALWAYS));
            case MAX_BACKWARD, MAX_RELU_BACKWARD -> List.of(new Check(OUT, overlap, Exactness.ON_INTEGERS));
            case AVG -> List.of(new Check(OUT, window, Exactness.NEVER));
            case AVG_BACKWARD -> List.of(new Check(OUT, overlap, Exactness.NEVER));
        };
    }

    /** Max pooling on integers has ties, which must go to the first element of the window. */
    @Override
    boolean integerInputs() {
        return pass == Pass.MAX || pass == Pass.MAX_RELU || super.integerInputs();
    }

    @Override
    double call(Pooling kernel, Operands o, Workspace ws) {
        switch (pass) {
            case MAX -> kernel.maxForward(shape, o.f(IN), o.offset(IN), o.f(OUT), o.offset(OUT),
                    o.ints(ARGMAX), o.offset(ARGMAX));
            case MAX_BACKWARD -> kernel.maxBackward(shape, o.f(IN), o.offset(IN), o.ints(ARGMAX), o.offset(ARGMAX),
                    o.f(OUT), o.offset(OUT));
            case MAX_RELU -> kernel.maxReluForward(shape, o.f(IN), o.offset(IN), o.f(OUT), o.offset(OUT),
                    o.ints(ARGMAX), o.offset(ARGMAX));
            case MAX_RELU_BACKWARD -> kernel.maxReluBackward(shape, o.f(IN), o.offset(IN), o.f(FORWARD_Y),
                    o.offset(FORWARD_Y), o.ints(ARGMAX), o.offset(ARGMAX), o.f(OUT), o.offset(OUT));
            case AVG -> kernel.avgForward(shape, o.f(IN), o.offset(IN), o.f(OUT), o.offset(OUT));
            case AVG_BACKWARD -> kernel.avgBackward(shape, o.f(IN), o.offset(IN), o.f(OUT), o.offset(OUT));
        }
        return 0;
    }

    /** Max backward reads argmax: any element of each output's window (inside the image) is a valid one. */
    @Override
    void derive(Operands o, SplittableRandom rng, boolean integers) {
        if (pass != Pass.MAX_BACKWARD && pass != Pass.MAX_RELU_BACKWARD) return;
        PoolShape s = shape;
        int[] argmax = o.ints(ARGMAX);
        int out = o.offset(ARGMAX);
        for (int n = 0; n < s.batch(); n++)
            for (int c = 0; c < s.channels(); c++)
                for (int oy = 0; oy < s.outH(); oy++)
                    for (int ox = 0; ox < s.outW(); ox++) {
                        int y0 = Math.max(oy * s.strideH() - s.padH(), 0);
                        int y1 = Math.min(oy * s.strideH() - s.padH() + s.kH(), s.inH());
                        int x0 = Math.max(ox * s.strideW() - s.padW(), 0);
                        int x1 = Math.min(ox * s.strideW() - s.padW() + s.kW(), s.inW());
                        int iy = rng.nextInt(y0, y1), ix = rng.nextInt(x0, x1);
                        argmax[out + s.outputIndex(n, c, oy, ox)] = s.inputIndex(n, c, iy, ix);
                    }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
