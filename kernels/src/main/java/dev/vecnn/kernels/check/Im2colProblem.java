package dev.vecnn.kernels.check;

import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Im2col;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.Workspace;

import java.util.List;

/**
 * {@code im2col:ic3ih13kh3ph1} and {@code col2im:...}: one image lowered to its column matrix, and
 * the adjoint. Geometry as in {@link ConvProblem} without mb and oc. FLOPs: one per element of the
 * column matrix (a copy for im2col, an add for col2im).
 */
final class Im2colProblem extends Problem<Im2col> {
    enum Pass {
        IM2COL("im2col"), COL2IM("col2im");

        final String kind;

        Pass(String kind) {
            this.kind = kind;
        }
    }

    private static final List<String> PARAMS = List.of("ic", "ih", "iw", "kh", "kw", "sh", "sw", "ph", "pw");
    private static final int IN = 0, OUT = 1;

    final Pass pass;
    final ConvShape shape;

    Im2colProblem(Pass pass, ConvShape shape) {
        this.pass = pass;
        this.shape = shape;
    }

    static Im2colProblem parse(Pass pass, String text, String body) {
        return new Im2colProblem(pass, ConvProblem.shape(Params.parse(text, body, PARAMS), 1, 1));
    }

    @Override
    public String descriptor() {
        return ConvProblem.window(ConvProblem.input(new Params.Writer(pass.kind), shape), shape).toString();
    }

    @Override
    public Family<Im2col> family() {
        return Registry.IM2COL;
    }

    @Override
    public double flops() {
        return (double) shape.colRows() * shape.colCols();
    }

    @Override
    List<Operand> operands() {
        int image = shape.inC() * shape.inH() * shape.inW(), col = shape.colRows() * shape.colCols();
        return pass == Pass.IM2COL
                ? List.of(Operand.input("x", image, Operand.Values.SIGNED), Operand.output("col", col))
                : List.of(Operand.input("col", col, Operand.Values.SIGNED), Operand.output("dx", image));
    }

    @Override
    List<Check> checks() {
        return pass == Pass.IM2COL
                ? List.of(new Check(OUT, 1, Exactness.ALWAYS))
                : List.of(new Check(OUT, ConvProblem.overlap(shape), Exactness.ON_INTEGERS));
    }

    @Override
    double call(Im2col kernel, Operands o, Workspace ws) {
        if (pass == Pass.IM2COL) kernel.im2col(shape, o.f(IN), o.offset(IN), o.f(OUT), o.offset(OUT));
        else kernel.col2im(shape, o.f(IN), o.offset(IN), o.f(OUT), o.offset(OUT));
        return 0;
    }
}
