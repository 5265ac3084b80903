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
 * cosine(min=0)              from the base down to min along half a cosine over the whole run, per step
 * </pre>
 * Any of them takes {@code warmup=E}: the rate climbs linearly from base / (E * stepsPerEpoch) to
 * the scheduled rate over the first E epochs (E may be fractional), e.g. {@code cosine(warmup=1)}.
 */
public record LrSchedule(Kind kind, double every, double gamma, double min, double warmupEpochs) {
    public enum Kind { CONSTANT, STEP, EXP, COSINE }

    public static final LrSchedule CONSTANT = new LrSchedule(Kind.CONSTANT, 1, 1, 0, 0);

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
                yield new LrSchedule(Kind.CONSTANT, 1, 1, 0, warmup(a));
            }
            case "step" -> {
                Arguments a = Arguments.bind(call, 1, "every", "gamma", "warmup");
                yield new LrSchedule(Kind.STEP, a.integer("every", 1, 1, Integer.MAX_VALUE),
                        a.real("gamma", 0.1, 0, 1, true), 0, warmup(a));
            }
            case "exp" -> {
                Arguments a = Arguments.bind(call, 1, "gamma", "warmup");
                yield new LrSchedule(Kind.EXP, 1, a.real("gamma", 1, 0, 1, true), 0, warmup(a));
            }
            case "cosine" -> {
                Arguments a = Arguments.bind(call, 0, "min", "warmup");
                yield new LrSchedule(Kind.COSINE, 1, 1, a.real("min", 0, 0, Double.MAX_VALUE, true), warmup(a));
            }
            default -> throw call.error("unknown schedule '" + call.name() + "' (known: constant, step, exp, cosine)");
        };
    }

    private static double warmup(Arguments a) { return a.real("warmup", 0, 0, 1e6, true); }

    /** The rate for 0-based {@code step} of a run of {@code epochs} epochs of {@code stepsPerEpoch} steps. */
    public double lr(double base, long step, int stepsPerEpoch, int epochs) {
        long epoch = step / stepsPerEpoch;
        double scheduled = switch (kind) {
            case CONSTANT -> base;
            case STEP -> base * Math.pow(gamma, Math.floor(epoch / every));
            case EXP -> base * Math.pow(gamma, epoch);
            case COSINE -> {
                double progress = Math.min(1.0, (double) step / ((double) epochs * stepsPerEpoch));
                yield min + (base - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
            }
        };
        double warmupSteps = warmupEpochs * stepsPerEpoch;
        if (step < warmupSteps) scheduled *= (step + 1) / warmupSteps;
        return scheduled;
    }

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
}
