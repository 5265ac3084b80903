package dev.vecnn.engine.model;

import dev.vecnn.engine.Shape;

import java.util.List;

/**
 * A network at a glance, what {@code vecnn summary} prints: per layer its call, output shape,
 * parameter count and forward MFLOPs for one sample, with the totals.
 */
public record Summary(Shape input, List<Row> rows, long parameters, double mflops) {
    public record Row(String layer, Shape output, long parameters, double mflops) {}

    public Summary {
        rows = List.copyOf(rows);
    }
}
