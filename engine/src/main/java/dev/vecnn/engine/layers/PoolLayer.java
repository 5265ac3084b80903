package dev.vecnn.engine.layers;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.spec.Arguments;
import dev.vecnn.engine.spec.LayerCall;
import dev.vecnn.kernels.Layout;
import dev.vecnn.kernels.PoolShape;

/**
 * {@code maxpool(size=2, stride=size, pad=0)} and {@code avgpool(...)}: a square window per channel.
 * Max pooling keeps, per chunk, the index of each window's winner for the backward pass. A max
 * pooling may absorb the ReLU before it ({@link #afterRelu}): both in one pass over the input.
 */
public final class PoolLayer extends Layer {
    private final boolean max;
    private final int size;
    private final int stride;
    private final int pad;
    /** The ReLU before this max pooling runs here too: y = max(window maximum, 0). */
    private final boolean relu;
    /** NCHW, or NHWC in the {@link #channelsLast} twin. */
    private final Layout layout;

    public PoolLayer(String text, Shape in, boolean max, int size, int stride, int pad) {
        this(text, in, max, size, stride, pad, false, Layout.NCHW);
    }

    private PoolLayer(String text, Shape in, boolean max, int size, int stride, int pad, boolean relu, Layout layout) {
        super(text, in, new Shape(in.channels(), (in.height() + 2 * pad - size) / stride + 1,
                (in.width() + 2 * pad - size) / stride + 1));
        this.max = max;
        this.size = size;
        this.stride = stride;
        this.pad = pad;
        this.relu = relu;
        this.layout = layout;
    }

    @Override
    public Layer channelsLast() {
        if (layout == Layout.NHWC) return this;
        PoolLayer twin = new PoolLayer(text(), in, max, size, stride, pad, relu, Layout.NHWC);
        twin.setIndex(index());
        return twin;
    }

    /**
     * This max pooling fused with the {@code relu} layer before it: the same output (max pooling
     * of relu(x) is relu of the max pooling) and the same input gradient, in one pass instead of
     * two over the larger tensor.
     */
    public PoolLayer afterRelu(ActivationLayer reluLayer) {
        if (!max || relu || reluLayer.function() != ActivationLayer.Function.RELU || !reluLayer.output().equals(in))
            throw new IllegalArgumentException("cannot fuse " + reluLayer.text() + " into " + text());
        return new PoolLayer(reluLayer.text() + " " + text(), in, true, size, stride, pad, true, layout);
    }

    public boolean isMax() { return max; }

    /** True for a max pooling that runs the ReLU before it too ({@link #afterRelu}). */
    public boolean fusesRelu() { return relu; }

    /** The window's height and width. */
    public int size() { return size; }

    public int stride() { return stride; }

    /** Padding on each of the four sides: skipped by max pooling, counted as zero by average pooling. */
    public int pad() { return pad; }

    /** Binds and checks a {@code maxpool(...)} or {@code avgpool(...)} call against its input shape. */
    public static PoolLayer of(LayerCall call, Shape in, boolean max) {
        Arguments args = Arguments.bind(call, 0, "size", "stride", "pad");
        int size = args.integer("size", 2, 1, 1 << 10);
        int stride = args.integer("stride", size, 1, 1 << 10);
        int pad = args.integer("pad", 0, 0, size / 2);
        if (in.height() + 2 * pad < size || in.width() + 2 * pad < size)
            throw call.error("window " + size + "x" + size + " is larger than its " + in.height() + "x" + in.width()
                    + " input" + (pad > 0 ? " padded by " + pad : ""));
        return new PoolLayer(call.text(), in, max, size, stride, pad);
    }

    @Override
    public String kind() { return relu ? "relu+maxpool" : max ? "maxpool" : "avgpool"; }

    @Override
    public double forwardFlops() { return (double) out.size() * size * size + (relu ? in.size() : 0); }

    private PoolShape shape(int batch) {
        return new PoolShape(batch, in.channels(), in.height(), in.width(), size, size, stride, stride, pad, pad, layout);
    }

    private static final class State extends LayerState {
        final ShapeCache<PoolShape> shapes;
        final int[] argmax;

        State(ShapeCache<PoolShape> shapes, int[] argmax) {
            this.shapes = shapes;
            this.argmax = argmax;
        }
    }

    @Override
    public LayerState newState(int maxBatch) {
        return new State(new ShapeCache<>(this::shape), max ? new int[maxBatch * out.size()] : null);
    }

    @Override
    public void forward(Pass pass, int batch, float[] x, float[] y, LayerState state) {
        State st = (State) state;
        PoolShape s = st.shapes.at(batch);
        if (relu) pass.kernels().pooling().maxReluForward(s, x, 0, y, 0, st.argmax, 0);
        else if (max) pass.kernels().pooling().maxForward(s, x, 0, y, 0, st.argmax, 0);
        else pass.kernels().pooling().avgForward(s, x, 0, y, 0);
    }

    @Override
    public void backwardData(Pass pass, int batch, float[] x, float[] y, float[] dy, float[] dx, LayerState state) {
        State st = (State) state;
        PoolShape s = st.shapes.at(batch);
        if (relu) pass.kernels().pooling().maxReluBackward(s, dy, 0, y, 0, st.argmax, 0, dx, 0);
        else if (max) pass.kernels().pooling().maxBackward(s, dy, 0, st.argmax, 0, dx, 0);
        else pass.kernels().pooling().avgBackward(s, dy, 0, dx, 0);
    }
}
