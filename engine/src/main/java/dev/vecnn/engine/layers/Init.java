package dev.vecnn.engine.layers;

import dev.vecnn.engine.CounterRandom;

import java.util.Arrays;

/**
 * How a parameter tensor starts: He (Kaiming) uniform, U(+-sqrt(6 / fanIn)), for layers followed
 * by a rectifier; Xavier (Glorot) uniform, U(+-sqrt(6 / (fanIn + fanOut))), for the others; or a
 * constant (biases, batch-norm scales, PReLU slopes).
 */
public record Init(Kind kind, int fanIn, int fanOut, float constant) {
    public enum Kind { HE, XAVIER, CONSTANT }

    public static Init he(int fanIn, int fanOut) { return new Init(Kind.HE, fanIn, fanOut, 0f); }

    public static Init xavier(int fanIn, int fanOut) { return new Init(Kind.XAVIER, fanIn, fanOut, 0f); }

    public static Init constant(float value) { return new Init(Kind.CONSTANT, 0, 0, value); }

    /** He or Xavier by name ("he", "xavier"). */
    public static Init named(String name, int fanIn, int fanOut) {
        return name.equals("xavier") ? xavier(fanIn, fanOut) : he(fanIn, fanOut);
    }

    /** Fills {@code data} from the random stream {@code key}. */
    public void fill(float[] data, long key) {
        if (kind == Kind.CONSTANT) {
            Arrays.fill(data, constant);
            return;
        }
        double bound = kind == Kind.HE ? Math.sqrt(6.0 / fanIn) : Math.sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < data.length; i++)
            data[i] = (float) ((2.0 * CounterRandom.uniform(key, i) - 1.0) * bound);
    }
}
