package dev.vecnn.engine.layers;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.spec.Arguments;
import dev.vecnn.engine.spec.LayerCall;
import dev.vecnn.kernels.DenseShape;
import dev.vecnn.kernels.Kernels;
import dev.vecnn.kernels.Workspace;

import java.util.List;

/**
 * {@code dense(units, init=he|xavier)}: x (batch, in), weight (units, in), bias (units), y (batch, units).
 * Its gradients are computed per mini-batch ({@link BatchGradient}): a chunk's dW = dy^T x is a
 * product with k = the chunk size (16-32), dominated by reading and writing the whole weight-sized
 * gradient (dense(1600 -> 128): 800 KB per chunk, then summed over the chunks); once per batch each
 * slice of rows of dW stays in cache while the chunks are added into it.
 */
public final class DenseLayer extends Layer implements BatchGradient {
    private final Param weight;
    private final Param bias;

    public DenseLayer(String text, Shape in, int units, String init) {
        super(text, in, Shape.flat(units));
        this.weight = new Param("weight", Init.named(init, in.size(), units), units, in.size());
        this.bias = new Param("bias", Init.constant(0f), units);
    }

    /** Binds and checks a {@code dense(...)} call; its input must be flat. */
    public static DenseLayer of(LayerCall call, Shape in, String defaultInit) {
        Arguments args = Arguments.bind(call, 1, "units", "init");
        int units = args.integer("units", 0, 1, 1 << 24);
        String init = args.choice("init", defaultInit, "he", "xavier");
        if (!in.isFlat())
            throw call.error("dense needs a flat input but gets " + in + ": put flatten before it");
        return new DenseLayer(call.text(), in, units, init);
    }

    @Override
    public String kind() { return "dense"; }

    @Override
    public List<Param> params() { return List.of(weight, bias); }

    @Override
    public double forwardFlops() { return 2.0 * in.size() * out.size() + out.size(); }

    /** dx = dy W: a multiply-add per weight. */
    @Override
    public double backwardDataFlops() { return 2.0 * in.size() * out.size(); }

    /** dW += dy^T x, a multiply-add per weight, and the bias gradient's sum. */
    @Override
    public double backwardWeightsFlops() { return 2.0 * in.size() * out.size() + out.size(); }

    private DenseShape shape(int batch) { return new DenseShape(batch, in.size(), out.size()); }

    private static final class State extends LayerState {
        final ShapeCache<DenseShape> shapes;

        State(ShapeCache<DenseShape> shapes) { this.shapes = shapes; }
    }

    @Override
    public LayerState newState(int maxBatch) { return new State(new ShapeCache<>(this::shape)); }

    @Override
    public void forward(Pass pass, int batch, float[] x, float[] y, LayerState state) {
        DenseShape s = ((State) state).shapes.at(batch);
        pass.kernels().dense().forward(s, x, 0, weight.data(), 0, bias.data(), 0, y, 0, pass.workspace());
    }

    /** Weight slices are whole rows (one output's weights), the rows of the product. */
    @Override
    public int gradientSliceAlignment(int param) { return param == 0 ? in.size() : 1; }

    @Override
    public void batchGradient(Kernels kernels, Workspace ws, int param, int from, int to, float[][] xs,
                              float[][] dys, int[] counts, int chunks, float[] grad) {
        int inSize = in.size(), outSize = out.size();
        if (param == 0) {
            int firstRow = from / inSize, rows = (to - from) / inSize;
            for (int k = 0; k < chunks; k++)
                kernels.gemm().sgemm(true, false, rows, inSize, counts[k], 1f, dys[k], firstRow, outSize,
                        xs[k], 0, inSize, k == 0 ? 0f : 1f, grad, from, inSize, ws);
            return;
        }
        for (int j = from; j < to; j++) {
            float sum = 0f;
            for (int k = 0; k < chunks; k++)
                for (int n = 0; n < counts[k]; n++) sum += dys[k][n * outSize + j];
            grad[j] = sum;
        }
    }

    @Override
    public void backwardData(Pass pass, int batch, float[] x, float[] y, float[] dy, float[] dx, LayerState state) {
        DenseShape s = ((State) state).shapes.at(batch);
        pass.kernels().dense().backwardData(s, dy, 0, weight.data(), 0, dx, 0, pass.workspace());
    }
}
