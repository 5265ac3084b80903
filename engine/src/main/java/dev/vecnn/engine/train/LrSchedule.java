package dev.vecnn.engine.train;

import dev.vecnn.engine.spec.Arguments;
import dev.vecnn.engine.spec.LayerCall;
import dev.vecnn.engine.spec.SpecException;
import dev.vecnn.engine.spec.SpecParser;

import java.util.List;
import java.util.Locale;

/**
 * The learning rate at each step, written like a spec call:
 * <pre>
 * constant                   the base rate throughout
 * step(every, gamma=0.1)     times gamma after every {@code every} epochs
 * exp(gamma)                 times gamma after each epoch
 * cosine(min=0)              from the base down to min along half a cosine, per step
 * </pre>
 * Any of them takes {@code warmup=E}: over the first E epochs (E may be fractional) the rate climbs
 * linearly from base / (E x stepsPerEpoch) at the first step to the base, which the step after the
 * warm-up reaches; the schedule then runs from its start over the rest of the run, so a cosine falls
 * from the base at the end of the warm-up to min at the end of the run.
 *
 * <p>A run resumed with another number of epochs ({@link #extend}) keeps its rate continuous: step and
 * exp do not depend on the run's length, and a cosine continues from the rate it had reached
 * ({@code continuedRate} at step {@code continuedFrom}) down to min over the steps that are left.
 * {@code continuedFrom} is 0 for a schedule that was never extended.
 */
public record LrSchedule(Kind kind, double every, double gamma, double min, double warmupEpochs,
                         long continuedFrom, double continuedRate) {
    public enum Kind { CONSTANT, STEP, EXP, COSINE }

    public static final LrSchedule CONSTANT = new LrSchedule(Kind.CONSTANT, 1, 1, 0, 0, 0, Double.NaN);

    /** Parses a schedule such as {@code step(5,0.5)} or {@code cosine(warmup=1)}. */
    public static LrSchedule parse(String text) {
        try {
            List<LayerCall> calls = SpecParser.parse(text);
            if (calls.size() != 1) throw calls.get(1).error("a schedule is a single call");
            return of(calls.get(0));
        } catch (SpecException e) {
            throw new IllegalArgumentException("bad schedule '" + text.trim() + "': " + e.reason());
        }
    }

    private static LrSchedule of(LayerCall call) {
        return switch (call.name()) {
            case "constant" -> {
                Arguments a = Arguments.bind(call, 0, "warmup");
                yield new LrSchedule(Kind.CONSTANT, 1, 1, 0, warmup(a), 0, Double.NaN);
            }
            case "step" -> {
                Arguments a = Arguments.bind(call, 1, "every", "gamma", "warmup");
                yield new LrSchedule(Kind.STEP, a.integer("every", 1, 1, Integer.MAX_VALUE), gamma(a, 0.1), 0, warmup(a),
                        0, Double.NaN);
            }
            case "exp" -> {
                Arguments a = Arguments.bind(call, 1, "gamma", "warmup");
                yield new LrSchedule(Kind.EXP, 1, gamma(a, 1), 0, warmup(a), 0, Double.NaN);
            }
            case "cosine" -> {
                Arguments a = Arguments.bind(call, 0, "min", "warmup");
                yield new LrSchedule(Kind.COSINE, 1, 1, a.real("min", 0, 0, Double.MAX_VALUE, true), warmup(a),
                        0, Double.NaN);
            }
            default -> throw call.error("unknown schedule '" + call.name() + "' (known: constant, step, exp, cosine)");
        };
    }

    private static double warmup(Arguments a) { return a.real("warmup", 0, 0, 1e6, true); }

    /** A factor in (0, 1]: 0 would stop training after the first epoch. */
    private static double gamma(Arguments a, double fallback) {
        double gamma = a.real("gamma", fallback, 0, 1, true);
        if (gamma == 0) throw a.call().error("gamma must lie in (0, 1], not 0: the rate would drop to 0");
        return gamma;
    }

    /** Rejects a schedule that cannot work from {@code base}: a cosine whose min is not below it. */
    public void check(float base) {
        if (kind == Kind.COSINE && !(min < base))
            throw new IllegalArgumentException("cosine's min " + min + " is not below the learning rate " + base
                    + ": the rate would rise or stay flat");
    }

    /** The rate for 0-based {@code step} of a run of {@code epochs} epochs of {@code stepsPerEpoch} steps. */
    public double lr(double base, long step, int stepsPerEpoch, int epochs) {
        double warmupSteps = warmupEpochs * stepsPerEpoch;
        if (step < warmupSteps) return base * (step + 1) / warmupSteps;
        double total = (double) epochs * stepsPerEpoch;
        if (kind == Kind.COSINE && continuedFrom > 0 && step >= continuedFrom)
            return cosine(continuedRate, step - continuedFrom, total - continuedFrom);
        double after = step - warmupSteps;
        return switch (kind) {
            case CONSTANT -> base;
            case STEP -> base * Math.pow(gamma, Math.floor(after / stepsPerEpoch / every));
            case EXP -> base * Math.pow(gamma, Math.floor(after / stepsPerEpoch));
            case COSINE -> cosine(base, after, total - warmupSteps);
        };
    }

    /** From {@code from} at 0 to min at {@code length} steps (and after), along half a cosine. */
    private double cosine(double from, double at, double length) {
        double progress = length <= 0 ? 1 : Math.min(1.0, at / length);
        return min + (from - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    /**
     * This schedule for a run that, at {@code step}, is changed from {@code oldEpochs} to
     * {@code newEpochs} epochs: a cosine past its warm-up continues from the rate it has reached;
     * anything else is unchanged, since its rates do not depend on the run's length.
     */
    public LrSchedule extend(double base, long step, int stepsPerEpoch, int oldEpochs, int newEpochs) {
        if (kind != Kind.COSINE || oldEpochs == newEpochs || step < warmupEpochs * stepsPerEpoch) return this;
        return new LrSchedule(kind, every, gamma, min, warmupEpochs, step, lr(base, step, stepsPerEpoch, oldEpochs));
    }

    /** The schedule as written, without a continuation (which a model file stores beside it). */
    @Override
    public String toString() {
        String warm = warmupEpochs > 0 ? "warmup=" + warmupEpochs : "";
        String args = switch (kind) {
            case CONSTANT -> warm;
            case STEP -> (int) every + "," + gamma + (warm.isEmpty() ? "" : "," + warm);
            case EXP -> gamma + (warm.isEmpty() ? "" : "," + warm);
            case COSINE -> "min=" + min + (warm.isEmpty() ? "" : "," + warm);
        };
        String name = kind.name().toLowerCase(Locale.ROOT);
        return args.isEmpty() ? name : name + "(" + args + ")";
    }

    /** {@link #parse} of {@code text}, continued from {@code continuedFrom} at {@code continuedRate} (0 and NaN: never extended). */
    public static LrSchedule parse(String text, long continuedFrom, double continuedRate) {
        LrSchedule s = parse(text);
        return continuedFrom == 0 ? s : new LrSchedule(s.kind, s.every, s.gamma, s.min, s.warmupEpochs, continuedFrom,
                continuedRate);
    }
}
