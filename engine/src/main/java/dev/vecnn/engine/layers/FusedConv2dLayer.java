package dev.vecnn.engine.layers;

import dev.vecnn.engine.Shape;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Conv2dReluPool;
import dev.vecnn.kernels.Kernels;
import dev.vecnn.kernels.Layout;

import java.util.List;

/**
 * Not in any spec: the inference plan's run of {@code conv}, an optional {@code batchnorm} folded
 * into its weights ({@link FoldedNorm}), an optional {@code relu} and, after the ReLU, an optional
 * {@code maxpool(p)} with windows side by side (stride p, no padding), as one layer. With the
 * ReLU it runs the fused kernel ({@link Conv2dReluPool}: bias, ReLU and pooling in the
 * convolution's write-out, only the pixels the pooling reads computed); without it, the plain
 * convolution on the folded weights. Forward only: the training plan runs the layers themselves.
 * Its tensors are derived from the layers' at each {@link #refresh}.
 */
public final class FusedConv2dLayer extends Layer {
    private final Conv2dLayer conv;
    private final BatchNormLayer norm;
    private final boolean relu;
    private final int pool;
    private final Layout layout;
    private final float[] weight;
    private final float[] bias;
    /** The fused kernel's packing of the folded weights and bias; empty until the first refresh. */
    private float[] packed = new float[0];

    /**
     * conv, then norm (null: none), then a ReLU if {@code relu}, then a max pooling of
     * {@code pool x pool} windows (1: none; more only after a ReLU).
     */
    public FusedConv2dLayer(String text, Conv2dLayer conv, BatchNormLayer norm, boolean relu, int pool) {
        this(text, conv, norm, relu, pool, Layout.NCHW);
        if (pool > 1 && !relu) throw new IllegalArgumentException("the fused pooling follows a ReLU: " + text);
        if (norm != null && !norm.input().equals(conv.output()))
            throw new IllegalArgumentException("cannot fold " + norm.text() + " into " + conv.text());
    }

    private FusedConv2dLayer(String text, Conv2dLayer conv, BatchNormLayer norm, boolean relu, int pool, Layout layout) {
        super(text, conv.input(), new Shape(conv.output().channels(), Conv2dReluPool.pooled(conv.output().height(), pool),
                Conv2dReluPool.pooled(conv.output().width(), pool)));
        this.conv = conv;
        this.norm = norm;
        this.relu = relu;
        this.pool = pool;
        this.layout = layout;
        this.weight = new float[conv.params().get(0).size()];
        this.bias = new float[conv.output().channels()];
        setIndex(conv.index());
    }

    @Override
    public String kind() { return "fused conv"; }

    @Override
    public Layer channelsLast() {
        return layout == Layout.NHWC ? this : new FusedConv2dLayer(text(), conv, norm, relu, pool, Layout.NHWC);
    }

    /** The convolution's tensors, which this layer's are derived from. */
    @Override
    public List<Param> params() { return conv.params(); }

    /** The convolution at the pixels the pooling reads, the bias, and a compare per pixel for the ReLU and pooling. */
    @Override
    public double forwardFlops() {
        double pixels = (double) output().spatial() * pool * pool, outC = output().channels();
        return pixels * outC * (2.0 * in.channels() * conv.size() * conv.size() + (relu ? 2 : 1));
    }

    private ConvShape shape(int batch) {
        return new ConvShape(batch, in.channels(), in.height(), in.width(), output().channels(), conv.size(), conv.size(),
                conv.stride(), conv.stride(), conv.pad(), conv.pad(), layout);
    }

    private static final class State extends LayerState {
        final ShapeCache<ConvShape> shapes;

        State(ShapeCache<ConvShape> shapes) { this.shapes = shapes; }
    }

    @Override
    public LayerState newState(int maxBatch) { return new State(new ShapeCache<>(this::shape)); }

    /** Folds the norm into a copy of the convolution's weights and bias and packs them for the fused kernel. */
    @Override
    public void refresh(Kernels kernels) {
        int filters = output().channels();
        FoldedNorm.fold(conv.params().get(0).data(), conv.params().get(1).data(), norm, filters, weight.length / filters,
                weight, bias);
        if (!relu) return;
        ConvShape s = shape(1);
        Conv2dReluPool kernel = kernels.convReluPool();
        if (packed.length != kernel.packedSize(s)) packed = new float[kernel.packedSize(s)];
        kernel.pack(s, weight, 0, bias, 0, packed);
    }

    @Override
    public void forward(Pass pass, int batch, float[] x, float[] y, LayerState state) {
        ConvShape s = ((State) state).shapes.at(batch);
        if (relu) pass.kernels().convReluPool().forward(s, pool, x, 0, packed, y, 0, pass.workspace());
        else pass.kernels().conv2d().forward(s, x, 0, weight, 0, bias, 0, y, 0, pass.workspace());
    }

    @Override
    public void backwardData(Pass pass, int batch, float[] x, float[] y, float[] dy, float[] dx, LayerState state) {
        throw new UnsupportedOperationException(text() + " runs only in the inference plan");
    }
}
