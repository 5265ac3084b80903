package dev.vecnn.kernels.check;

import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.Workspace;

import java.util.List;

/**
 * {@code gemm:m64n7744k288}: C = alpha * op(A) * op(B) + beta * C. Optional: {@code ta1}/{@code tb1}
 * (A or B transposed), {@code alpha} (1), {@code beta} (0: C is overwritten and never read), and
 * leading dimensions {@code lda}, {@code ldb}, {@code ldc} (the tightest by default). FLOPs 2 * M * N * K.
 */
final class GemmProblem extends Problem<Gemm> {
    static final String KIND = "gemm";
    private static final List<String> PARAMS = List.of("m", "n", "k", "ta", "tb", "alpha", "beta", "lda", "ldb", "ldc");
    private static final int A = 0, B = 1, C = 2;

    final boolean transA, transB;
    final int m, n, k, lda, ldb, ldc;
    final float alpha, beta;

    GemmProblem(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta, int lda, int ldb, int ldc) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        this.lda = lda;
        this.ldb = ldb;
        this.ldc = ldc;
    }

    static GemmProblem tight(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta) {
        return new GemmProblem(transA, transB, m, n, k, alpha, beta, transA ? m : k, transB ? k : n, n);
    }

    static GemmProblem parse(String text, String body) {
        Params p = Params.parse(text, body, PARAMS);
        boolean ta = p.flag("ta", false), tb = p.flag("tb", false);
        int m = p.size("m"), n = p.size("n"), k = p.size("k");
        int lda = p.size("lda", ta ? m : k), ldb = p.size("ldb", tb ? k : n), ldc = p.size("ldc", n);
        if (lda < (ta ? m : k)) throw p.bad("lda" + lda + " is below the " + (ta ? "m" : "k") + " columns of A");
        if (ldb < (tb ? k : n)) throw p.bad("ldb" + ldb + " is below the " + (tb ? "k" : "n") + " columns of B");
        if (ldc < n) throw p.bad("ldc" + ldc + " is below the n columns of C");
        return new GemmProblem(ta, tb, m, n, k, p.real("alpha", 1f), p.real("beta", 0f), lda, ldb, ldc);
    }

    @Override
    public String descriptor() {
        return new Params.Writer(KIND).put("m", m).put("n", n).put("k", k)
                .putIf("ta", transA, false).putIf("tb", transB, false)
                .putIf("alpha", alpha, 1f).putIf("beta", beta, 0f)
                .putIf("lda", lda, transA ? m : k).putIf("ldb", ldb, transB ? k : n).putIf("ldc", ldc, n)
                .toString();
    }

    @Override
    public Family<Gemm> family() {
        return Registry.GEMM;
    }

    @Override
    public double flops() {
        return 2.0 * m * n * k;
    }

    @Override
    List<Operand> operands() {
        Operand.Role cRole = beta == 0f ? Operand.Role.OUTPUT : Operand.Role.ACCUMULATOR;
        return List.of(
                Operand.matrix("A", Operand.Role.INPUT, transA ? k : m, transA ? m : k, lda, Operand.Values.SIGNED),
                Operand.matrix("B", Operand.Role.INPUT, transB ? n : k, transB ? k : n, ldb, Operand.Values.SIGNED),
                Operand.matrix("C", cRole, m, n, ldc, Operand.Values.SIGNED));
    }

    @Override
    List<Check> checks() {
        boolean dyadic = isSmallDyadic(alpha) && isSmallDyadic(beta);
        return List.of(new Check(C, k + 1, dyadic ? Exactness.ON_INTEGERS : Exactness.NEVER));
    }

    @Override
    double call(Gemm kernel, Operands o, Workspace ws) {
        kernel.sgemm(transA, transB, m, n, k, alpha, o.f(A), o.offset(A), lda, o.f(B), o.offset(B), ldb,
                beta, o.f(C), o.offset(C), ldc, ws);
        return 0;
    }

    @Override
    Problem<Gemm> magnitudeProblem() {
        return new GemmProblem(transA, transB, m, n, k, Math.abs(alpha), Math.abs(beta), lda, ldb, ldc);
    }

    /** Coefficients like 2, -1 or 0.25 keep integer products exact. */
    private static boolean isSmallDyadic(float value) {
        float scaled = value * 16f;
        return scaled == Math.rint(scaled) && Math.abs(value) <= 16f;
    }
}
