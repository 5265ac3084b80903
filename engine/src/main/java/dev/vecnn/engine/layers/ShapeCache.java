package dev.vecnn.engine.layers;

import java.util.function.IntFunction;

/**
 * A kernel shape record for the batch a chunk last ran, rebuilt only when that batch changes (at
 * the last, shorter chunk of an epoch), so steady-state steps allocate no shapes.
 */
public final class ShapeCache<S> {
    private final IntFunction<S> make;
    private int batch = -1;
    private S shape;

    public ShapeCache(IntFunction<S> make) { this.make = make; }

    public S at(int batch) {
        if (batch != this.batch) {
            shape = make.apply(batch);
            this.batch = batch;
        }
        return shape;
    }
}
