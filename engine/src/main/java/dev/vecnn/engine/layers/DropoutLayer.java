package dev.vecnn.engine.layers;

import dev.vecnn.engine.CounterRandom;
import dev.vecnn.engine.Shape;
import dev.vecnn.engine.spec.Arguments;
import dev.vecnn.engine.spec.LayerCall;
import dev.vecnn.kernels.ChannelShape;

/**
 * {@code dropout(p=0.5)} zeroes each value with probability p and scales the rest by 1 / (1 - p);
 * {@code spatialdropout(p=0.5)} does it to whole channels. The mask entry of a value is a function
 * of (seed, step, layer, the sample's position in its mini-batch, the value's position), so it does
 * not depend on how the batch was cut into chunks nor on which thread ran them. At inference the
 * layer is the identity and runs in place.
 */
public final class DropoutLayer extends Layer {
    private final boolean spatial;
    private final float p;

    public DropoutLayer(String text, Shape in, boolean spatial, float p) {
        super(text, in, in);
        this.spatial = spatial;
        this.p = p;
    }

    public static DropoutLayer of(LayerCall call, Shape in, boolean spatial) {
        Arguments args = Arguments.bind(call, 0, "p");
        float p = (float) args.real("p", 0.5, 0, 1, false);
        return new DropoutLayer(call.text(), in, spatial, p);
    }

    @Override
    public String kind() { return spatial ? "spatialdropout" : "dropout"; }

    /** The probability of dropping a value (or a channel) in training. */
    public float p() { return p; }

    @Override
    public double forwardFlops() { return 0; }

    @Override
    public boolean aliasesInput(boolean training) { return !training; }

    /**
     * Element-wise dropout is the same layer in any layout (its mask entries follow the values'
     * positions in memory, a different but equally random draw); spatial dropout is per NCHW channel.
     */
    @Override
    public Layer channelsLast() { return spatial ? null : this; }

    /** Mask entries per sample: one per value, or one per channel. */
    private int unitsPerSample() { return spatial ? in.channels() : in.size(); }

    private ChannelShape shape(int batch) { return new ChannelShape(batch, in.channels(), in.spatial()); }

    private static final class State extends LayerState {
        final float[] mask;
        final ShapeCache<ChannelShape> shapes;

        State(float[] mask, ShapeCache<ChannelShape> shapes) {
            this.mask = mask;
            this.shapes = shapes;
        }
    }

    @Override
    public LayerState newState(int maxBatch) {
        return new State(new float[maxBatch * unitsPerSample()], new ShapeCache<>(this::shape));
    }

    @Override
    public void forward(Pass pass, int batch, float[] x, float[] y, LayerState state) {
        if (!pass.training()) {
            if (x != y) System.arraycopy(x, 0, y, 0, batch * in.size());
            return;
        }
        State st = (State) state;
        int units = unitsPerSample();
        long key = CounterRandom.key(pass.seed(), pass.step(), index());
        long first = (long) pass.batchStart() * units;
        float keep = 1f / (1f - p);
        for (int i = 0; i < batch * units; i++)
            st.mask[i] = CounterRandom.uniform(key, first + i) < p ? 0f : keep;
        apply(pass, batch, x, y, st);
    }

    @Override
    public void backwardData(Pass pass, int batch, float[] x, float[] y, float[] dy, float[] dx, LayerState state) {
        apply(pass, batch, dy, dx, (State) state);
    }

    private void apply(Pass pass, int batch, float[] from, float[] to, State st) {
        if (spatial) pass.kernels().dropout().applyPerChannel(st.shapes.at(batch), from, 0, st.mask, 0, to, 0);
        else pass.kernels().dropout().apply(batch * in.size(), from, 0, st.mask, 0, to, 0);
    }
}
