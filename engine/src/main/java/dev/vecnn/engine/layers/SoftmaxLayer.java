package dev.vecnn.engine.layers;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.spec.Arguments;
import dev.vecnn.engine.spec.LayerCall;

/**
 * {@code softmax} over a flat input. As the last layer of a network trained with cross-entropy it
 * is folded into the fused softmax cross-entropy loss and only runs at inference.
 */
public final class SoftmaxLayer extends Layer {
    public SoftmaxLayer(String text, Shape in) { super(text, in, in); }

    public static SoftmaxLayer of(LayerCall call, Shape in) {
        Arguments.bind(call, 0);
        if (!in.isFlat()) throw call.error("softmax needs a flat input but gets " + in + ": put flatten before it");
        return new SoftmaxLayer(call.text(), in);
    }

    @Override
    public String kind() { return "softmax"; }

    @Override
    public double forwardFlops() { return 5.0 * in.size(); }

    @Override
    public void forward(Pass pass, int batch, float[] x, float[] y, LayerState state) {
        pass.kernels().losses().softmax(batch, in.size(), x, 0, y, 0);
    }

    @Override
    public void backwardData(Pass pass, int batch, float[] x, float[] y, float[] dy, float[] dx, LayerState state) {
        pass.kernels().losses().softmaxBackward(batch, in.size(), y, 0, dy, 0, dx, 0);
    }
}
