package dev.vecnn.engine.layers;

import dev.vecnn.engine.Shape;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Conv2dReluPool;
import dev.vecnn.kernels.Layout;
import dev.vecnn.kernels.PoolShape;

import java.util.List;

/**
 * Not in any spec: the training plan's {@code conv} directly followed by a {@code relu maxpool(p)}
 * whose windows lie side by side (stride p, no padding), as one layer. The forward pass is the
 * fused kernel ({@link Conv2dReluPool}): the convolution's output never reaches memory, only the
 * pixels the pooling reads are computed, and each window's winner is kept. The weight gradient is
 * the fused kernel's too ({@link Conv2dReluPool#backwardWeights}: over one input channel the
 * convolution's output gradient never leaves the registers); the data gradient turns the pooled
 * gradient into the convolution's through the winners
 * ({@link dev.vecnn.kernels.Pooling#maxReluBackward}, which the unfused pooling runs too) and runs
 * the convolution's own kernel, so the gradients are those of the two layers it replaces (over one
 * input channel the weight gradient agrees only to rounding: the direct kernel sums the batch in
 * another order). Parameters are the convolution's.
 */
public final class ConvReluPoolLayer extends Layer {
    private final Conv2dLayer conv;
    private final int pool;
    private final Layout layout;

    /** {@code conv} and the fused {@code relu maxpool} after it, which must have windows side by side. */
    public ConvReluPoolLayer(Conv2dLayer conv, PoolLayer reluPool) {
        this(conv, reluPool.size(), Layout.NCHW, conv.text() + " " + reluPool.text(), reluPool.output());
        if (!fits(conv, reluPool))
            throw new IllegalArgumentException("cannot fuse " + reluPool.text() + " into " + conv.text());
    }

    private ConvReluPoolLayer(Conv2dLayer conv, int pool, Layout layout, String text, Shape out) {
        super(text, conv.input(), out);
        this.conv = conv;
        this.pool = pool;
        this.layout = layout;
        setIndex(conv.index());
    }

    /**
     * True when {@code next}, following {@code conv}, is a ReLU and max pooling this layer can run.
     * Over one input channel (conv1 of the reference network) the simd kernels fuse with a direct
     * kernel of their own, which the implicit GEMM's blocks of windows did not repay (sums of 9
     * terms). Measured, bench --train rows, Fashion-MNIST, 1 thread, Zen 4, alternate runs of each:
     * fused forward 0.200 and 0.203 thread-s against 0.215 + 0.118 and 0.169 + 0.088 apart.
     */
    public static boolean fits(Conv2dLayer conv, Layer next) {
        return next instanceof PoolLayer p && p.isMax() && p.fusesRelu()
                && p.stride() == p.size() && p.pad() == 0 && p.input().equals(conv.output());
    }

    @Override
    public String kind() { return "conv+relu+maxpool"; }

    @Override
    public Layer channelsLast() {
        return layout == Layout.NHWC ? this : new ConvReluPoolLayer(conv, pool, Layout.NHWC, text(), out);
    }

    @Override
    public List<Param> params() { return conv.params(); }

    /** The convolution and bias at the pixels the pooling reads, and a compare per pixel for the ReLU and pooling. */
    @Override
    public double forwardFlops() {
        double pixels = (double) out.spatial() * pool * pool;
        return pixels * out.channels() * (2.0 * in.channels() * conv.size() * conv.size() + 2);
    }

    @Override
    public double backwardDataFlops() { return conv.backwardDataFlops(); }

    @Override
    public double backwardWeightsFlops() { return conv.backwardWeightsFlops(); }

    private ConvShape convShape(int batch) {
        Shape z = conv.output();
        return new ConvShape(batch, in.channels(), in.height(), in.width(), z.channels(), conv.size(), conv.size(),
                conv.stride(), conv.stride(), conv.pad(), conv.pad(), layout);
    }

    private PoolShape poolShape(int batch) {
        Shape z = conv.output();
        return new PoolShape(batch, z.channels(), z.height(), z.width(), pool, pool, pool, pool, 0, 0, layout);
    }

    /**
     * The chunk's packed weights (packed by each forward pass: the parameters change every step),
     * the windows' winners, and the convolution's output gradient for the data gradient, made by
     * its first call: the first layer (conv1) never needs it, and it is the size of conv1's output.
     */
    private static final class State extends LayerState {
        final ShapeCache<ConvShape> convShapes;
        final ShapeCache<PoolShape> poolShapes;
        float[] packed = new float[0];
        final int[] argmax;
        float[] dz = new float[0];

        State(ConvReluPoolLayer layer, int maxBatch) {
            this.convShapes = new ShapeCache<>(layer::convShape);
            this.poolShapes = new ShapeCache<>(layer::poolShape);
            this.argmax = new int[maxBatch * layer.out.size()];
        }
    }

    @Override
    public LayerState newState(int maxBatch) { return new State(this, maxBatch); }

    @Override
    public void forward(Pass pass, int batch, float[] x, float[] y, LayerState state) {
        State st = (State) state;
        ConvShape s = st.convShapes.at(batch);
        Conv2dReluPool kernel = pass.kernels().convReluPool();
        if (st.packed.length != kernel.packedSize(s)) st.packed = new float[kernel.packedSize(s)];
        kernel.pack(s, conv.weight().data(), 0, conv.bias().data(), 0, st.packed);
        kernel.forward(s, pool, x, 0, st.packed, y, 0, st.argmax, 0, pass.workspace());
    }

    @Override
    public void backwardWeights(Pass pass, int batch, float[] x, float[] y, float[] dy, float[][] grads,
                                LayerState state) {
        State st = (State) state;
        pass.kernels().convReluPool().backwardWeights(st.convShapes.at(batch), pool, x, 0, dy, 0, y, 0, st.argmax, 0,
                grads[0], 0, grads[1], 0, pass.workspace());
    }

    /** Only this pass writes z's gradient: the weight gradient makes its own, and conv1 has no data gradient. */
    @Override
    public void backwardData(Pass pass, int batch, float[] x, float[] y, float[] dy, float[] dx, LayerState state) {
        State st = (State) state;
        if (st.dz.length < batch * conv.output().size()) st.dz = new float[batch * conv.output().size()];
        pass.kernels().pooling().maxReluBackward(st.poolShapes.at(batch), dy, 0, y, 0, st.argmax, 0, st.dz, 0);
        pass.kernels().conv2d().backwardData(st.convShapes.at(batch), st.dz, 0, conv.weight().data(), 0, dx, 0,
                pass.workspace());
    }
}
