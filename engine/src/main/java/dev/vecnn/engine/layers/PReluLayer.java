package dev.vecnn.engine.layers;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.spec.Arguments;
import dev.vecnn.engine.spec.LayerCall;
import dev.vecnn.kernels.Activations;
import dev.vecnn.kernels.ChannelShape;
import dev.vecnn.kernels.Workspace;

import java.util.List;

/** {@code prelu(init=0.25)}: a leaky ReLU whose slope is learned, one per channel (or per feature when flat). */
public final class PReluLayer extends Layer {
    private final Param slope;

    public PReluLayer(String text, Shape in, float initialSlope) {
        super(text, in, in);
        this.slope = new Param("slope", Init.constant(initialSlope), in.channels());
    }

    public static PReluLayer of(LayerCall call, Shape in) {
        Arguments args = Arguments.bind(call, 0, "init");
        return new PReluLayer(call.text(), in, (float) args.real("init", 0.25, 0, 1, true));
    }

    @Override
    public String kind() { return "prelu"; }

    @Override
    public List<Param> params() { return List.of(slope); }

    @Override
    public double forwardFlops() { return in.size(); }

    /** The sum of dy * x over each channel's negative inputs. */
    @Override
    public double backwardWeightsFlops() { return 2.0 * in.size(); }

    private ChannelShape shape(int batch) { return new ChannelShape(batch, in.channels(), in.spatial()); }

    private static final class State extends LayerState {
        final ShapeCache<ChannelShape> shapes;

        State(ShapeCache<ChannelShape> shapes) { this.shapes = shapes; }
    }

    @Override
    public LayerState newState(int maxBatch) { return new State(new ShapeCache<>(this::shape)); }

    @Override
    public void forward(Pass pass, int batch, float[] x, float[] y, LayerState state) {
        pass.kernels().activations().prelu(((State) state).shapes.at(batch), x, 0, slope.data(), 0, y, 0);
    }

    /** The slope gradient; the kernel computes dx alongside, into scratch, since {@link #backwardData} writes it. */
    @Override
    public void backwardWeights(Pass pass, int batch, float[] x, float[] y, float[] dy, float[][] grads,
                                LayerState state) {
        ChannelShape s = ((State) state).shapes.at(batch);
        float[] discarded = pass.workspace().floats(Workspace.Slot.TEMP, s.size());
        pass.kernels().activations().preluBackward(s, x, 0, slope.data(), 0, dy, 0, discarded, 0, grads[0], 0);
    }

    /** dx = dy where x > 0, else slope[c] * dy: a leaky ReLU's backward per channel of each sample. */
    @Override
    public void backwardData(Pass pass, int batch, float[] x, float[] y, float[] dy, float[] dx, LayerState state) {
        Activations a = pass.kernels().activations();
        int spatial = in.spatial();
        float[] slopes = slope.data();
        for (int n = 0; n < batch; n++)
            for (int c = 0; c < slopes.length; c++) {
                int off = (n * slopes.length + c) * spatial;
                a.leakyReluBackward(spatial, slopes[c], x, off, dy, off, dx, off);
            }
    }
}
