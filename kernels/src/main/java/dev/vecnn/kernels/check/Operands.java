package dev.vecnn.kernels.check;

import java.util.Arrays;
import java.util.List;

/**
 * The arrays of one kernel call, laid out as its problem's operands say. Each array holds its
 * operand after {@code guard} leading elements (none for operands that must start at index 0)
 * and before {@code guard} trailing ones; the runner fills guards and gaps with a sentinel that
 * a correct kernel never touches.
 */
public final class Operands {
    /** A NaN with a payload of its own, so a guard read into a sum shows and a guard write is told apart. */
    static final float SENTINEL = Float.intBitsToFloat(0x7fc0_0bad);
    static final int INDEX_SENTINEL = 0xbad0_0bad;

    private final List<Operand> layout;
    private final int guard;
    private final float[][] floats;
    private final int[][] indices;

    private Operands(List<Operand> layout, int guard, float[][] floats, int[][] indices) {
        this.layout = layout;
        this.guard = guard;
        this.floats = floats;
        this.indices = indices;
    }

    /** Zeroed arrays with sentinel guards and gaps. */
    static Operands allocate(List<Operand> layout, int guard) {
        float[][] floats = new float[layout.size()][];
        int[][] indices = new int[layout.size()][];
        Operands o = new Operands(layout, guard, floats, indices);
        for (int i = 0; i < layout.size(); i++) {
            Operand op = layout.get(i);
            int total = o.offset(i) + op.length() + guard;
            if (op.indices()) {
                indices[i] = new int[total];
                Arrays.fill(indices[i], INDEX_SENTINEL);
                Arrays.fill(indices[i], o.offset(i), o.offset(i) + op.length(), 0);
            } else {
                floats[i] = new float[total];
                Arrays.fill(floats[i], SENTINEL);
                for (int e = 0; e < op.length(); e++) if (op.live(e)) floats[i][o.offset(i) + e] = 0f;
            }
        }
        return o;
    }

    /** The float array of operand {@code i}. */
    public float[] f(int i) {
        return floats[i];
    }

    /** The int array of operand {@code i} (labels, argmax indices). */
    public int[] ints(int i) {
        return indices[i];
    }

    /** Where operand {@code i} starts in its array. */
    public int offset(int i) {
        return layout.get(i).atZero() ? 0 : guard;
    }

    /** The element {@code e} of operand {@code i}, relative to its start. */
    float get(int i, int e) {
        return floats[i][offset(i) + e];
    }

    void set(int i, int e, float value) {
        floats[i][offset(i) + e] = value;
    }

    int count() {
        return layout.size();
    }

    Operand operand(int i) {
        return layout.get(i);
    }

    Operands copy() {
        float[][] f = new float[floats.length][];
        int[][] n = new int[indices.length][];
        for (int i = 0; i < floats.length; i++) {
            if (floats[i] != null) f[i] = floats[i].clone();
            if (indices[i] != null) n[i] = indices[i].clone();
        }
        return new Operands(layout, guard, f, n);
    }
}
