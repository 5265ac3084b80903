package dev.vecnn.kernels.check;

import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Optimizers;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.Workspace;

import java.util.List;

/**
 * One optimiser update over n parameters: {@code sgd:n1000lr0.01}, {@code momentum:n1000mom0.9},
 * {@code nesterov}, {@code adam:n1000t10}, {@code adamw}. Defaults: lr 0.01 (0.001 for Adam and
 * AdamW), wd (weight decay) 0, mom 0.9, beta1 0.9, beta2 0.999, eps 1e-8, t (1-based step) 1.
 * FLOPs per parameter, counted from the formulas: sgd 3, momentum 5, nesterov 7, adam 13, adamw 14
 * (square root and divisions counted as one each).
 */
final class OptimizerProblem extends Problem<Optimizers> {
    enum Rule {
        SGD("sgd", 3), MOMENTUM("momentum", 5), NESTEROV("nesterov", 7), ADAM("adam", 13), ADAMW("adamw", 14);

        final String kind;
        final int flopsPerElement;

        Rule(String kind, int flopsPerElement) {
            this.kind = kind;
            this.flopsPerElement = flopsPerElement;
        }

        boolean adam() {
            return this == ADAM || this == ADAMW;
        }

        float defaultLr() {
            return adam() ? 1e-3f : 1e-2f;
        }

        List<String> params() {
            return switch (this) {
                case SGD -> List.of("n", "lr", "wd");
                case MOMENTUM, NESTEROV -> List.of("n", "lr", "mom", "wd");
                case ADAM, ADAMW -> List.of("n", "lr", "beta1", "beta2", "eps", "t", "wd");
            };
        }
    }

    private static final float MOMENTUM = 0.9f, BETA1 = 0.9f, BETA2 = 0.999f, EPS = 1e-8f;
    /** p, g, then v (momentum, nesterov; Adam's second moment) and m (Adam's first moment). */
    private static final int P = 0, G = 1, V = 2, M = 3;

    final Rule rule;
    final int n, t;
    final float lr, weightDecay, momentum, beta1, beta2, eps;

    OptimizerProblem(Rule rule, int n, float lr, float weightDecay, float momentum, float beta1, float beta2,
                     float eps, int t) {
        this.rule = rule;
        this.n = n;
        this.lr = lr;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.t = t;
    }

    static OptimizerProblem parse(Rule rule, String text, String body) {
        Params p = Params.parse(text, body, rule.params());
        return new OptimizerProblem(rule, p.size("n"), p.real("lr", rule.defaultLr()), p.real("wd", 0f),
                p.real("mom", MOMENTUM), p.real("beta1", BETA1), p.real("beta2", BETA2), p.real("eps", EPS),
                p.size("t", 1));
    }

    @Override
    public String descriptor() {
        Params.Writer w = new Params.Writer(rule.kind).put("n", n).putIf("lr", lr, rule.defaultLr());
        switch (rule) {
            case MOMENTUM, NESTEROV -> w.putIf("mom", momentum, MOMENTUM);
            case ADAM, ADAMW -> w.putIf("beta1", beta1, BETA1).putIf("beta2", beta2, BETA2).putIf("eps", eps, EPS)
                    .putIf("t", t, 1);
            case SGD -> { }
        }
        return w.putIf("wd", weightDecay, 0f).toString();
    }

    @Override
    public Family<Optimizers> family() {
        return Registry.OPTIMIZERS;
    }

    @Override
    public double flops() {
        return (double) rule.flopsPerElement * n;
    }

    @Override
    List<Operand> operands() {
        Operand p = Operand.updated("p", n, Operand.Values.SIGNED), g = Operand.input("g", n, Operand.Values.SIGNED);
        return switch (rule) {
            case SGD -> List.of(p, g);
            case MOMENTUM, NESTEROV -> List.of(p, g, Operand.updated("v", n, Operand.Values.SIGNED));
            case ADAM, ADAMW -> List.of(p, g, Operand.updated("v", n, Operand.Values.UNIT),
                    Operand.updated("m", n, Operand.Values.SIGNED));
        };
    }

    @Override
    List<Check> checks() {
        Check p = new Check(P, 1, Exactness.NEVER), v = new Check(V, 1, Exactness.NEVER);
        return switch (rule) {
            case SGD -> List.of(p);
            case MOMENTUM, NESTEROV -> List.of(p, v);
            case ADAM, ADAMW -> List.of(p, v, new Check(M, 1, Exactness.NEVER));
        };
    }

    @Override
    double call(Optimizers kernel, Operands o, Workspace ws) {
        switch (rule) {
            case SGD -> kernel.sgd(n, o.f(P), o.offset(P), o.f(G), o.offset(G), lr, weightDecay);
            case MOMENTUM -> kernel.momentum(n, o.f(P), o.offset(P), o.f(G), o.offset(G), o.f(V), o.offset(V),
                    lr, momentum, weightDecay);
            case NESTEROV -> kernel.nesterov(n, o.f(P), o.offset(P), o.f(G), o.offset(G), o.f(V), o.offset(V),
                    lr, momentum, weightDecay);
            case ADAM -> kernel.adam(n, o.f(P), o.offset(P), o.f(G), o.offset(G), o.f(M), o.offset(M),
                    o.f(V), o.offset(V), lr, beta1, beta2, eps, t, weightDecay);
            case ADAMW -> kernel.adamW(n, o.f(P), o.offset(P), o.f(G), o.offset(G), o.f(M), o.offset(M),
                    o.f(V), o.offset(V), lr, beta1, beta2, eps, t, weightDecay);
        }
        return 0;
    }

    /**
     * Every term of each update in absolute value. For Adam the step's magnitude is
     * lr |m-terms| / (1 - beta1^t) / (sqrt(v / (1 - beta2^t)) + eps) with the updated v, which has
     * no cancellation (both of its terms are positive).
     */
    @Override
    Magnitudes magnitudes(Optimizers reference, Operands pristine, Workspace ws) {
        Magnitudes mags = customMagnitudes(pristine);
        Operands out = mags.values();
        double wd = Math.abs(weightDecay), mom = Math.abs(momentum);
        for (int e = 0; e < n; e++) {
            double p = Math.abs(pristine.get(P, e)), g = Math.abs(pristine.get(G, e));
            double d = g + (rule == Rule.ADAMW ? 0 : wd * p);
            switch (rule) {
                case SGD -> out.set(P, e, (float) (p + lr * d));
                case MOMENTUM, NESTEROV -> {
                    double v = mom * Math.abs(pristine.get(V, e)) + d;
                    out.set(V, e, (float) v);
                    out.set(P, e, (float) (p + lr * (rule == Rule.MOMENTUM ? v : d + mom * v)));
                }
                case ADAM, ADAMW -> {
                    double gradient = pristine.get(G, e) + (rule == Rule.ADAMW ? 0 : weightDecay * (double) pristine.get(P, e));
                    double m = beta1 * Math.abs(pristine.get(M, e)) + (1 - beta1) * d;
                    double v = beta2 * pristine.get(V, e) + (1 - beta2) * gradient * gradient;
                    double vScale = beta2 * pristine.get(V, e) + (1 - beta2) * d * d;
                    double step = lr * m / (1 - Math.pow(beta1, t)) / (Math.sqrt(v / (1 - Math.pow(beta2, t))) + eps);
                    out.set(M, e, (float) m);
                    out.set(V, e, (float) vScale);
                    out.set(P, e, (float) (p * (1 + lr * wd) + step));
                }
            }
        }
        return mags;
    }
}
