package dev.vecnn.kernels.check;

import dev.vecnn.kernels.Conv2d;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Layout;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.Workspace;

import java.util.List;

/**
 * {@code conv:mb64ic32ih13oc64kh3sh1ph0} and its passes {@code conv-bwd-data:...} and
 * {@code conv-bwd-weights:...}. mb defaults to 1, iw to ih, kw to kh, sh to 1, sw to sh, ph to 0,
 * pw to ph; {@code bias0} drops the bias (forward) or its gradient (backward-weights); {@code nhwc1}
 * lays the activations out channels-last (the weights stay (oc, ic, kh, kw)). FLOPs
 * 2 * mb * oc * oh * ow * ic * kh * kw for every pass.
 */
final class ConvProblem extends Problem<Conv2d> {
    enum Pass {
        FORWARD("conv"), BACKWARD_DATA("conv-bwd-data"), BACKWARD_WEIGHTS("conv-bwd-weights");

        final String kind;

        Pass(String kind) {
            this.kind = kind;
        }
    }

    private static final List<String> PARAMS =
            List.of("mb", "ic", "ih", "iw", "oc", "kh", "kw", "sh", "sw", "ph", "pw", "bias", "nhwc");
    /** Forward: x, w, bias in, y out. Backward-data: dy, w in, dx out. Backward-weights: x, dy in, dw, db accumulated. */
    private static final int X = 0, W = 1, BIAS = 2, Y = 3;
    private static final int DY = 0, DX = 2;
    private static final int WEIGHTS_DY = 1, DW = 2, DB = 3;

    final Pass pass;
    final ConvShape shape;
    final boolean bias;

    ConvProblem(Pass pass, ConvShape shape, boolean bias) {
        this.pass = pass;
        this.shape = shape;
        this.bias = bias;
    }

    static ConvProblem parse(Pass pass, String text, String body) {
        Params p = Params.parse(text, body, PARAMS);
        ConvShape shape = shape(p, p.size("mb", 1), p.size("oc"));
        return new ConvProblem(pass, p.flag("nhwc", false) ? shape.in(Layout.NHWC) : shape, p.flag("bias", true));
    }

    /** The geometry shared with im2col: ic ih iw kh kw sh sw ph pw. */
    static ConvShape shape(Params p, int batch, int outC) {
        int ih = p.size("ih"), kh = p.size("kh"), sh = p.size("sh", 1), ph = p.count("ph", 0);
        try {
            return new ConvShape(batch, p.size("ic"), ih, p.size("iw", ih), outC, kh, p.size("kw", kh),
                    sh, p.size("sw", sh), ph, p.count("pw", ph));
        } catch (IllegalArgumentException e) {
            throw p.bad(e.getMessage());
        }
    }

    /** Writes ic ih iw, leaving out iw when it equals ih. */
    static Params.Writer input(Params.Writer w, ConvShape s) {
        return w.put("ic", s.inC()).put("ih", s.inH()).putIf("iw", s.inW(), s.inH());
    }

    /** Writes kh kw sh sw ph pw, leaving out what equals its default. */
    static Params.Writer window(Params.Writer w, ConvShape s) {
        return w.put("kh", s.kH()).putIf("kw", s.kW(), s.kH())
                .putIf("sh", s.strideH(), 1).putIf("sw", s.strideW(), s.strideH())
                .putIf("ph", s.padH(), 0).putIf("pw", s.padW(), s.padH());
    }

    /** The most windows that read one input pixel along each axis, multiplied: the terms of one col2im sum per channel. */
    static int overlap(ConvShape s) {
        return ceilDiv(s.kH(), s.strideH()) * ceilDiv(s.kW(), s.strideW());
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    public String descriptor() {
        Params.Writer w = input(new Params.Writer(pass.kind).putIf("mb", shape.batch(), 1), shape)
                .put("oc", shape.outC());
        return window(w, shape).putIf("bias", bias, true).putIf("nhwc", shape.layout() == Layout.NHWC, false).toString();
    }

    @Override
    public Family<Conv2d> family() {
        return Registry.CONV2D;
    }

    @Override
    public double flops() {
        return shape.flops();
    }

    @Override
    List<Operand> operands() {
        int x = shape.inputSize(), w = shape.weightSize(), y = shape.outputSize(), oc = shape.outC();
        return switch (pass) {
            case FORWARD -> List.of(Operand.input("x", x, Operand.Values.SIGNED),
                    Operand.input("w", w, Operand.Values.SIGNED), Operand.input("bias", oc, Operand.Values.SIGNED),
                    Operand.output("y", y));
            case BACKWARD_DATA -> List.of(Operand.input("dy", y, Operand.Values.SIGNED),
                    Operand.input("w", w, Operand.Values.SIGNED), Operand.output("dx", x));
            case BACKWARD_WEIGHTS -> List.of(Operand.input("x", x, Operand.Values.SIGNED),
                    Operand.input("dy", y, Operand.Values.SIGNED), Operand.accumulator("dw", w),
                    Operand.accumulator("db", oc));
        };
    }

    @Override
    List<Check> checks() {
        int pixels = shape.batch() * shape.outH() * shape.outW();
        return switch (pass) {
            case FORWARD -> List.of(new Check(Y, shape.colRows() + 1, Exactness.ON_INTEGERS));
            case BACKWARD_DATA -> List.of(new Check(DX, shape.outC() * overlap(shape), Exactness.ON_INTEGERS));
            case BACKWARD_WEIGHTS -> List.of(new Check(DW, pixels + 1, Exactness.ON_INTEGERS),
                    new Check(DB, pixels + 1, Exactness.ON_INTEGERS));
        };
    }

    @Override
    double call(Conv2d kernel, Operands o, Workspace ws) {
        switch (pass) {
            case FORWARD -> kernel.forward(shape, o.f(X), o.offset(X), o.f(W), o.offset(W),
                    bias ? o.f(BIAS) : null, o.offset(BIAS), o.f(Y), o.offset(Y), ws);
            case BACKWARD_DATA -> kernel.backwardData(shape, o.f(DY), o.offset(DY), o.f(W), o.offset(W),
                    o.f(DX), o.offset(DX), ws);
            case BACKWARD_WEIGHTS -> kernel.backwardWeights(shape, o.f(X), o.offset(X), o.f(WEIGHTS_DY), o.offset(WEIGHTS_DY),
                    o.f(DW), o.offset(DW), bias ? o.f(DB) : null, o.offset(DB), ws);
        }
        return 0;
    }
}
