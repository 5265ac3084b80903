package dev.vecnn.kernels.check;

import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.StridedTaps;
import dev.vecnn.kernels.Workspace;

import java.util.List;

/**
 * {@code taps:n784k25s28}: n outputs of a k-tap correlation whose taps are s floats apart (elastic
 * distortion's sigma-4 Gaussian over a 28 x 28 plane). The contract fixes the order and rounding
 * of every sum, so the output is compared bit for bit. FLOPs: a multiply and an add per tap and output.
 */
final class TapsProblem extends Problem<StridedTaps> {
    static final String KIND = "taps";
    private static final int W = 0, X = 1, Y = 2;

    final int n, taps, stride;

    TapsProblem(int n, int taps, int stride) {
        this.n = n;
        this.taps = taps;
        this.stride = stride;
    }

    static TapsProblem parse(String text, String body) {
        Params params = Params.parse(text, body, List.of("n", "k", "s"));
        return new TapsProblem(params.size("n"), params.size("k"), params.size("s"));
    }

    @Override
    public String descriptor() {
        return new Params.Writer(KIND).put("n", n).put("k", taps).put("s", stride).toString();
    }

    @Override
    public Family<StridedTaps> family() {
        return Registry.TAPS;
    }

    @Override
    public double flops() {
        return 2.0 * n * taps;
    }

    @Override
    List<Operand> operands() {
        return List.of(Operand.input("w", taps, Operand.Values.SIGNED),
                Operand.input("x", n + (taps - 1) * stride, Operand.Values.SIGNED), Operand.output("y", n));
    }

    @Override
    List<Check> checks() {
        return List.of(new Check(Y, taps, Exactness.ALWAYS));
    }

    @Override
    double call(StridedTaps kernel, Operands o, Workspace ws) {
        kernel.apply(n, taps, stride, o.f(W), o.offset(W), o.f(X), o.offset(X), o.f(Y), o.offset(Y));
        return 0;
    }
}
