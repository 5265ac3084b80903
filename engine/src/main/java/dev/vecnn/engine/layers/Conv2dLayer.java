package dev.vecnn.engine.layers;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.spec.Arguments;
import dev.vecnn.engine.spec.LayerCall;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Layout;

import java.util.List;

/**
 * {@code conv(filters, size, stride=1, pad=0|same, init=he|xavier)}: square kernels, zero padding,
 * a bias per filter. x (batch, c, h, w), weight (filters, c, size, size), y (batch, filters, oh, ow),
 * x and y in NCHW or, in its {@link #channelsLast} twin, NHWC (the weights keep their layout).
 */
public final class Conv2dLayer extends Layer {
    private final int size;
    private final int stride;
    private final int pad;
    private final Param weight;
    private final Param bias;
    private final Layout layout;

    public Conv2dLayer(String text, Shape in, int filters, int size, int stride, int pad, String init) {
        super(text, in, new Shape(filters, (in.height() + 2 * pad - size) / stride + 1,
                (in.width() + 2 * pad - size) / stride + 1));
        this.size = size;
        this.stride = stride;
        this.pad = pad;
        int fanIn = in.channels() * size * size;
        this.weight = new Param("weight", Init.named(init, fanIn, filters * size * size), filters, in.channels(), size, size);
        this.bias = new Param("bias", Init.constant(0f), filters);
        this.layout = Layout.NCHW;
    }

    private Conv2dLayer(Conv2dLayer nchw, Layout layout) {
        super(nchw.text(), nchw.in, nchw.out);
        this.size = nchw.size;
        this.stride = nchw.stride;
        this.pad = nchw.pad;
        this.weight = nchw.weight;
        this.bias = nchw.bias;
        this.layout = layout;
        setIndex(nchw.index());
    }

    @Override
    public Layer channelsLast() { return layout == Layout.NHWC ? this : new Conv2dLayer(this, Layout.NHWC); }

    /** Binds and checks a {@code conv(...)} call against its input shape. */
    public static Conv2dLayer of(LayerCall call, Shape in, String defaultInit) {
        Arguments args = Arguments.bind(call, 2, "filters", "size", "stride", "pad", "init");
        int filters = args.integer("filters", 0, 1, 1 << 16);
        int size = args.integer("size", 0, 1, 1 << 10);
        int stride = args.integer("stride", 1, 1, 1 << 10);
        int pad = args.word("pad", "0").equals("same") ? samePadding(call, size, stride)
                : args.integer("pad", 0, 0, 1 << 10);
        String init = args.choice("init", defaultInit, "he", "xavier");
        if (in.height() + 2 * pad < size || in.width() + 2 * pad < size)
            throw call.error("kernel " + size + "x" + size + " is larger than its " + in.height() + "x" + in.width()
                    + " input" + (pad > 0 ? " padded by " + pad : "") + (in.isFlat() ? " (conv after flatten?)" : ""));
        return new Conv2dLayer(call.text(), in, filters, size, stride, pad, init);
    }

    private static int samePadding(LayerCall call, int size, int stride) {
        if (size % 2 == 0 || stride != 1)
            throw call.error("pad=same needs an odd kernel size and stride 1");
        return (size - 1) / 2;
    }

    @Override
    public String kind() { return "conv"; }

    /** The kernel's height and width. */
    public int size() { return size; }

    public int stride() { return stride; }

    /** Zero padding on each of the four sides. */
    public int pad() { return pad; }

    @Override
    public List<Param> params() { return List.of(weight, bias); }

    /** The weights and bias without the list {@link #params} makes, for passes that run every step. */
    Param weight() { return weight; }

    Param bias() { return bias; }

    @Override
    public double forwardFlops() { return 2.0 * out.size() * in.channels() * size * size + out.size(); }

    /** The transposed convolution: a multiply-add per weight and output value, no bias. */
    @Override
    public double backwardDataFlops() { return 2.0 * out.size() * in.channels() * size * size; }

    /** A multiply-add per weight and output value, and the bias gradient's sum. */
    @Override
    public double backwardWeightsFlops() { return 2.0 * out.size() * in.channels() * size * size + out.size(); }

    private ConvShape shape(int batch) {
        return new ConvShape(batch, in.channels(), in.height(), in.width(), out.channels(), size, size,
                stride, stride, pad, pad, layout);
    }

    @Override
    public LayerState newState(int maxBatch) { return new State(new ShapeCache<>(this::shape)); }

    private static final class State extends LayerState {
        final ShapeCache<ConvShape> shapes;

        State(ShapeCache<ConvShape> shapes) { this.shapes = shapes; }
    }

    @Override
    public void forward(Pass pass, int batch, float[] x, float[] y, LayerState state) {
        ConvShape s = ((State) state).shapes.at(batch);
        pass.kernels().conv2d().forward(s, x, 0, weight.data(), 0, bias.data(), 0, y, 0, pass.workspace());
    }

    @Override
    public void backwardWeights(Pass pass, int batch, float[] x, float[] y, float[] dy, float[][] grads,
                                LayerState state) {
        ConvShape s = ((State) state).shapes.at(batch);
        pass.kernels().conv2d().backwardWeights(s, x, 0, dy, 0, grads[0], 0, grads[1], 0, pass.workspace());
    }

    @Override
    public void backwardData(Pass pass, int batch, float[] x, float[] y, float[] dy, float[] dx, LayerState state) {
        ConvShape s = ((State) state).shapes.at(batch);
        pass.kernels().conv2d().backwardData(s, dy, 0, weight.data(), 0, dx, 0, pass.workspace());
    }
}
