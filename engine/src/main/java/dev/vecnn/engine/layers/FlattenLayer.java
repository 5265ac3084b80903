package dev.vecnn.engine.layers;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.spec.Arguments;
import dev.vecnn.engine.spec.LayerCall;

/**
 * {@code flatten}: (batch, c, h, w) seen as (batch, c * h * w). NCHW is already that layout, so the
 * output is the input buffer itself and both passes do nothing.
 */
public final class FlattenLayer extends Layer {
    public FlattenLayer(String text, Shape in) { super(text, in, Shape.flat(in.size())); }

    public static FlattenLayer of(LayerCall call, Shape in) {
        Arguments.bind(call, 0);
        return new FlattenLayer(call.text(), in);
    }

    @Override
    public String kind() { return "flatten"; }

    @Override
    public double forwardFlops() { return 0; }

    @Override
    public boolean aliasesInput(boolean training) { return true; }

    @Override
    public void forward(Pass pass, int batch, float[] x, float[] y, LayerState state) {
        if (x != y) throw new IllegalStateException("flatten runs in place: its output must be its input");
    }

    @Override
    public void backwardData(Pass pass, int batch, float[] x, float[] y, float[] dy, float[] dx, LayerState state) {
        if (dx != dy) throw new IllegalStateException("flatten runs in place: dx must be dy");
    }
}
