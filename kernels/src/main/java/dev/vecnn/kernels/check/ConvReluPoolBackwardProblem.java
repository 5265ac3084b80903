package dev.vecnn.kernels.check;

import dev.vecnn.kernels.Conv2dReluPool;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Layout;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.Workspace;

import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code conv-relu-pool-bwd-weights:mb32ic1ih28oc32kh3pool2nhwc1}: the fused convolution's weight
 * gradient, from the pooled gradient dy, the forward's y and each window's winner: dw and db
 * accumulated. The winners are drawn, any pixel of each whole window; the geometry as in
 * {@link ConvReluPoolProblem}. FLOPs: those of the convolution's weight gradient at the pixels
 * the pooling reads.
 */
final class ConvReluPoolBackwardProblem extends Problem<Conv2dReluPool> {
    static final String KIND = "conv-relu-pool-bwd-weights";
    private static final List<String> PARAMS =
            List.of("mb", "ic", "ih", "iw", "oc", "kh", "kw", "sh", "sw", "ph", "pw", "bias", "pool", "nhwc");
    private static final int X = 0, DY = 1, Y = 2, ARGMAX = 3, DW = 4, DB = 5;

    final ConvShape shape;
    final int pool;
    final boolean bias;

    ConvReluPoolBackwardProblem(ConvShape shape, int pool, boolean bias) {
        ConvReluPoolProblem.checkPool(shape, pool);
        this.shape = shape;
        this.pool = pool;
        this.bias = bias;
    }

    static ConvReluPoolBackwardProblem parse(String text, String body) {
        Params p = Params.parse(text, body, PARAMS);
        ConvShape shape = ConvProblem.shape(p, p.size("mb", 1), p.size("oc"));
        try {
            return new ConvReluPoolBackwardProblem(p.flag("nhwc", false) ? shape.in(Layout.NHWC) : shape,
                    p.size("pool", 1), p.flag("bias", true));
        } catch (IllegalArgumentException e) {
            throw p.bad(e.getMessage());
        }
    }

    @Override
    public String descriptor() {
        return ConvReluPoolProblem.describe(KIND, shape, bias, pool).toString();
    }

    @Override
    public Family<Conv2dReluPool> family() {
        return Registry.CONV_RELU_POOL;
    }

    private int pooledH() { return Conv2dReluPool.pooled(shape.outH(), pool); }

    private int pooledW() { return Conv2dReluPool.pooled(shape.outW(), pool); }

    private int pooledSize() {
        return shape.batch() * shape.outC() * pooledH() * pooledW();
    }

    @Override
    public double flops() {
        return 2.0 * pooledSize() * pool * pool * shape.colRows();
    }

    /** y mostly positive, so that most windows pass their gradient on. */
    @Override
    List<Operand> operands() {
        return List.of(Operand.input("x", shape.inputSize(), Operand.Values.SIGNED),
                Operand.input("dy", pooledSize(), Operand.Values.SIGNED),
                Operand.input("y", pooledSize(), Operand.Values.MOSTLY_POSITIVE),
                Operand.indices("argmax", Operand.Role.INPUT, pooledSize()),
                Operand.accumulator("dw", shape.weightSize()), Operand.accumulator("db", shape.outC()));
    }

    /** Each weight sums one product per image and pooled output, the bias one gradient per image and pooled output. */
    @Override
    List<Check> checks() {
        int terms = shape.batch() * pooledH() * pooledW() + 1;
        return bias ? List.of(new Check(DW, terms, Exactness.ON_INTEGERS), new Check(DB, terms, Exactness.ON_INTEGERS))
                : List.of(new Check(DW, terms, Exactness.ON_INTEGERS));
    }

    /** Any pixel of each whole window may be its winner. */
    @Override
    void derive(Operands o, SplittableRandom rng, boolean integers) {
        int[] argmax = o.ints(ARGMAX);
        int off = o.offset(ARGMAX), pooledH = pooledH(), pooledW = pooledW();
        for (int n = 0; n < shape.batch(); n++)
            for (int k = 0; k < shape.outC(); k++)
                for (int py = 0; py < pooledH; py++)
                    for (int px = 0; px < pooledW; px++) {
                        int out = shape.layout().index(shape.outC(), pooledH, pooledW, n, k, py, px);
                        argmax[off + out] =
                                shape.outputIndex(n, k, py * pool + rng.nextInt(pool), px * pool + rng.nextInt(pool));
                    }
    }

    @Override
    double call(Conv2dReluPool kernel, Operands o, Workspace ws) {
        kernel.backwardWeights(shape, pool, o.f(X), o.offset(X), o.f(DY), o.offset(DY), o.f(Y), o.offset(Y),
                o.ints(ARGMAX), o.offset(ARGMAX), o.f(DW), o.offset(DW), bias ? o.f(DB) : null, o.offset(DB), ws);
        return 0;
    }
}
