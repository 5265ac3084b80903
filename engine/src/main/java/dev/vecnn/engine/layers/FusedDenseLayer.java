package dev.vecnn.engine.layers;

import dev.vecnn.engine.Shape;
import dev.vecnn.kernels.Conv2dReluPool;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.DenseShape;
import dev.vecnn.kernels.Kernels;
import dev.vecnn.kernels.Layout;

import java.util.List;

/**
 * Not in any spec: the inference plan's {@code dense} with an optional {@code batchnorm} after it
 * folded into its weights ({@link FoldedNorm}) and an optional {@code relu}, as one layer. With the
 * ReLU it runs as the fused convolution of a 1 x 1 image with {@code in} channels
 * ({@link Conv2dReluPool}, channels-last: the weights (units, in) are already its (oc, ic, 1, 1)),
 * its weights packed once per refresh instead of once per call, the ReLU in its write-out; without,
 * the dense kernel on the folded weights. Forward only; its tensors are derived from the layers'
 * at each {@link #refresh}.
 */
public final class FusedDenseLayer extends Layer {
    private final DenseLayer dense;
    private final BatchNormLayer norm;
    private final boolean relu;
    private final float[] weight;
    private final float[] bias;
    /** The fused kernel's packing of the folded weights and bias (with the ReLU); empty until the first refresh. */
    private float[] packed = new float[0];

    public FusedDenseLayer(String text, DenseLayer dense, BatchNormLayer norm, boolean relu) {
        super(text, dense.input(), dense.output());
        if (norm != null && !norm.input().equals(dense.output()))
            throw new IllegalArgumentException("cannot fold " + norm.text() + " into " + dense.text());
        this.dense = dense;
        this.norm = norm;
        this.relu = relu;
        this.weight = new float[dense.params().get(0).size()];
        this.bias = new float[dense.output().size()];
        setIndex(dense.index());
    }

    @Override
    public String kind() { return "fused dense"; }

    @Override
    public List<Param> params() { return dense.params(); }

    @Override
    public double forwardFlops() { return 2.0 * in.size() * out.size() + (relu ? 2.0 : 1.0) * out.size(); }

    private DenseShape shape(int batch) { return new DenseShape(batch, in.size(), out.size()); }

    /** The product as a convolution of {@code batch} 1 x 1 images of {@code in} channels. */
    private ConvShape convolution(int batch) {
        return new ConvShape(batch, in.size(), 1, 1, out.size(), 1, 1, 1, 1, 0, 0, Layout.NHWC);
    }

    private static final class State extends LayerState {
        final ShapeCache<DenseShape> shapes;
        final ShapeCache<ConvShape> convolutions;

        State(ShapeCache<DenseShape> shapes, ShapeCache<ConvShape> convolutions) {
            this.shapes = shapes;
            this.convolutions = convolutions;
        }
    }

    @Override
    public LayerState newState(int maxBatch) {
        return new State(new ShapeCache<>(this::shape), new ShapeCache<>(this::convolution));
    }

    @Override
    public void refresh(Kernels kernels) {
        FoldedNorm.fold(dense.params().get(0).data(), dense.params().get(1).data(), norm, out.size(), in.size(), weight, bias);
        if (!relu) return;
        ConvShape s = convolution(1);
        Conv2dReluPool kernel = kernels.convReluPool();
        if (packed.length != kernel.packedSize(s)) packed = new float[kernel.packedSize(s)];
        kernel.pack(s, weight, 0, bias, 0, packed);
    }

    @Override
    public void forward(Pass pass, int batch, float[] x, float[] y, LayerState state) {
        State st = (State) state;
        if (relu) pass.kernels().convReluPool().forward(st.convolutions.at(batch), 1, x, 0, packed, y, 0, pass.workspace());
        else pass.kernels().dense().forward(st.shapes.at(batch), x, 0, weight, 0, bias, 0, y, 0, pass.workspace());
    }

    @Override
    public void backwardData(Pass pass, int batch, float[] x, float[] y, float[] dy, float[] dx, LayerState state) {
        throw new UnsupportedOperationException(text() + " runs only in the inference plan");
    }
}
