package dev.vecnn.engine.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the time of training steps goes, per layer and per pass, for {@code vecnn bench --train}.
 * A trainer given one reads the clock around every operation of a step and adds the nanoseconds
 * to counters of the task that ran it (a chunk, a parameter slice, or the calling thread for the
 * sequential batch-norm reductions). Each task has its own counters and only one thread runs a
 * task at a time, so timing needs no locks; the counters are allocated when the trainer is built,
 * so it allocates nothing either. A trainer without a profile reads no clock at all.
 *
 * <p>Times add up over threads: with T threads a row can hold up to T times the wall time, and
 * all rows together at most T times the wall time of the steps (the rest is waiting and hand-off).
 */
public final class StepProfile {
    /** What an operation does. */
    public enum Part {
        /** Converting the chunk's images from bytes to floats. */
        LOAD("load"),
        FORWARD("forward"),
        LOSS("loss"),
        /** The gradient with respect to the layer's input. */
        BACKWARD_DATA("backward-data"),
        /** The gradient with respect to the layer's parameters. */
        BACKWARD_WEIGHTS("backward-weights"),
        /** Adding the chunks' parameter gradients, in chunk order. */
        GRADIENT_REDUCTION("gradient-reduction"),
        OPTIMIZER("optimizer");

        private final String label;

        Part(String label) { this.label = label; }

        public String label() { return label; }
    }

    /**
     * One operation: the layer's position from 1 (0 for the others), its name (the layer's spec
     * call, or what the operation is), its part, the thread-seconds it took since the last
     * {@link #reset()}, and the floating-point operations it does per image (0 where not counted).
     */
    public record Row(int layer, String name, Part part, double seconds, double flopsPerImage) {}

    private record Key(int layer, String name, Part part, double flopsPerImage) {}

    private final List<Key> keys = new ArrayList<>();
    private int lanes;
    /** [lane][row]: the nanoseconds each task spent in each operation; null until the trainer is built. */
    private long[][] nanos;

    /** Registers an operation (or finds it, when several steps of a layer's pass share one row). */
    int row(int layer, String name, Part part, double flopsPerImage) {
        if (nanos != null) throw new IllegalStateException("the profile already belongs to a trainer");
        for (int r = 0; r < keys.size(); r++) {
            Key k = keys.get(r);
            if (k.layer() == layer && k.name().equals(name) && k.part() == part) return r;
        }
        keys.add(new Key(layer, name, part, flopsPerImage));
        return keys.size() - 1;
    }

    /** Reserves counters for {@code count} tasks that may run at once; returns the first one's lane. */
    int lanes(int count) {
        if (nanos != null) throw new IllegalStateException("the profile already belongs to a trainer");
        lanes += count;
        return lanes - count;
    }

    /** Allocates the counters once every operation and task is registered. */
    void allocate() {
        nanos = new long[lanes][keys.size()];
    }

    void add(int lane, int row, long elapsed) {
        nanos[lane][row] += elapsed;
    }

    /** Forgets the times so far, e.g. after a warm-up; call it between steps. */
    public void reset() {
        if (nanos == null) return;
        for (long[] lane : nanos) Arrays.fill(lane, 0);
    }

    /** The operations in the order a step runs them, with their thread-seconds since the last reset. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>(keys.size());
        for (int r = 0; r < keys.size(); r++) {
            long total = 0;
            if (nanos != null) for (long[] lane : nanos) total += lane[r];
            Key k = keys.get(r);
            rows.add(new Row(k.layer(), k.name(), k.part(), total * 1e-9, k.flopsPerImage()));
        }
        return rows;
    }

    /** The floating-point operations of one image's training step: every timed layer pass. */
    public double flopsPerImage() {
        double sum = 0;
        for (Key k : keys) sum += k.flopsPerImage();
        return sum;
    }
}
