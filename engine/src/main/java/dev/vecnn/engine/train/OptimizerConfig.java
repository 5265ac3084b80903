package dev.vecnn.engine.train;

import java.util.Locale;

/**
 * An optimiser and its hyper-parameters, with PyTorch's meaning and defaults: momentum 0.9 for
 * momentum and Nesterov, betas (0.9, 0.999) and eps 1e-8 for Adam and AdamW, weight decay 0
 * (L2 folded into the gradient) except AdamW's decoupled 0.01.
 */
public record OptimizerConfig(Kind kind, float lr, float momentum, float beta1, float beta2, float eps,
                              float weightDecay) {
    public enum Kind {
        SGD, MOMENTUM, NESTEROV, ADAM, ADAMW;

        public String label() { return name().toLowerCase(Locale.ROOT); }

        /** State arrays per parameter: none, a velocity, or Adam's two moments. */
        int slots() {
            return switch (this) {
                case SGD -> 0;
                case MOMENTUM, NESTEROV -> 1;
                case ADAM, ADAMW -> 2;
            };
        }
    }

    public OptimizerConfig {
        if (!(lr > 0) || !Float.isFinite(lr)) throw new IllegalArgumentException("learning rate must be positive, not " + lr);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must lie in [0, 1), not " + momentum);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
            throw new IllegalArgumentException("Adam betas must lie in [0, 1), not " + beta1 + ", " + beta2);
        if (!(eps > 0)) throw new IllegalArgumentException("eps must be positive, not " + eps);
        if (!(weightDecay >= 0) || !Float.isFinite(weightDecay))
            throw new IllegalArgumentException("weight decay must be >= 0, not " + weightDecay);
    }

    /** The optimiser called {@code name} (sgd, momentum, nesterov, adam, adamw) with its defaults. */
    public static OptimizerConfig named(String name, float lr) {
        Kind kind;
        try {
            kind = Kind.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "': expected sgd, momentum, nesterov, adam or adamw");
        }
        return new OptimizerConfig(kind, lr, 0.9f, 0.9f, 0.999f, 1e-8f, kind == Kind.ADAMW ? 0.01f : 0f);
    }

    public OptimizerConfig withLr(float value) {
        return new OptimizerConfig(kind, value, momentum, beta1, beta2, eps, weightDecay);
    }

    public OptimizerConfig withWeightDecay(float value) {
        return new OptimizerConfig(kind, lr, momentum, beta1, beta2, eps, value);
    }

    public OptimizerConfig withMomentum(float value) {
        return new OptimizerConfig(kind, lr, value, beta1, beta2, eps, weightDecay);
    }
}
