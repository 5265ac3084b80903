package dev.vecnn.kernels.check;

import dev.vecnn.kernels.BatchNorm;
import dev.vecnn.kernels.ChannelShape;
import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.Workspace;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The batch-norm passes over (mb, ic, sp), sp the spatial size (1 for a dense layer's features):
 * {@code bnorm-sum:mb64ic32sp676}, {@code bnorm-sumsq} (squared deviations from the mean),
 * {@code bnorm-norm}, {@code bnorm-bwd-reduce} (dGamma, dBeta) and {@code bnorm-bwd-data} (dx
 * through the batch statistics, count = mb * sp). The statistics they read are those of the drawn
 * data, so the backward pass cancels as it does in training. FLOPs per element: 1 for the sum, 3
 * for squared deviations, 4 for normalise, 5 for the backward reductions, 6 for backward data.
 */
final class BatchNormProblem extends Problem<BatchNorm> {
    enum Pass {
        SUM("bnorm-sum", 1), SUM_SQUARED_DEVIATION("bnorm-sumsq", 3), NORMALIZE("bnorm-norm", 4),
        BACKWARD_REDUCE("bnorm-bwd-reduce", 5), BACKWARD_DATA("bnorm-bwd-data", 6);

        final String kind;
        final int flopsPerElement;

        Pass(String kind, int flopsPerElement) {
            this.kind = kind;
            this.flopsPerElement = flopsPerElement;
        }
    }

    private static final double EPS = 1e-5;
    private static final int X = 0, MEAN = 1, INV_STD = 2, GAMMA = 3, BETA = 4, DY = 5, D_GAMMA = 6, D_BETA = 7, OUT = 8;

    final Pass pass;
    final ChannelShape shape;

    BatchNormProblem(Pass pass, ChannelShape shape) {
        this.pass = pass;
        this.shape = shape;
    }

    static BatchNormProblem parse(Pass pass, String text, String body) {
        Params p = Params.parse(text, body, List.of("mb", "ic", "sp"));
        return new BatchNormProblem(pass, new ChannelShape(p.size("mb", 1), p.size("ic"), p.size("sp")));
    }

    @Override
    public String descriptor() {
        return new Params.Writer(pass.kind).putIf("mb", shape.batch(), 1).put("ic", shape.channels())
                .put("sp", shape.spatial()).toString();
    }

    @Override
    public Family<BatchNorm> family() {
        return Registry.BATCH_NORM;
    }

    @Override
    public double flops() {
        return (double) pass.flopsPerElement * shape.size();
    }

    /**
     * Every pass sees the same nine arrays (x, mean, invStd, gamma, beta, dy, dGamma, dBeta, out);
     * each reads some and writes others. The per-channel ones start at index 0, as the interface says.
     */
    @Override
    List<Operand> operands() {
        int n = shape.size(), c = shape.channels();
        boolean reduce = pass == Pass.BACKWARD_REDUCE;
        Operand.Role sumRole = pass == Pass.SUM || pass == Pass.SUM_SQUARED_DEVIATION ? Operand.Role.ACCUMULATOR
                : Operand.Role.INPUT;
        return List.of(
                Operand.input("x", n, Operand.Values.SIGNED),
                Operand.input("mean", c, Operand.Values.DERIVED).atIndexZero(),
                Operand.input("invStd", c, Operand.Values.DERIVED).atIndexZero(),
                Operand.input("gamma", c, Operand.Values.SIGNED).atIndexZero(),
                Operand.input("beta", c, Operand.Values.SIGNED).atIndexZero(),
                Operand.input("dy", n, Operand.Values.SIGNED),
                reduce ? Operand.accumulator("dGamma", c).atIndexZero()
                        : Operand.input("dGamma", c, Operand.Values.DERIVED).atIndexZero(),
                reduce ? Operand.accumulator("dBeta", c).atIndexZero()
                        : Operand.input("dBeta", c, Operand.Values.DERIVED).atIndexZero(),
                sumRole == Operand.Role.ACCUMULATOR ? Operand.accumulator(accumulatorName(), c).atIndexZero()
                        : Operand.output(pass == Pass.NORMALIZE ? "y" : "dx", n));
    }

    private String accumulatorName() {
        return pass == Pass.SUM ? "sum" : "sumSquaredDeviation";
    }

    @Override
    List<Check> checks() {
        int perChannel = shape.perChannel() + 1;
        return switch (pass) {
            case SUM, SUM_SQUARED_DEVIATION -> List.of(new Check(OUT, perChannel, Exactness.ON_INTEGERS));
            case NORMALIZE -> List.of(new Check(OUT, 1, Exactness.NEVER));
            // One element per channel is its own mean: xhat = 0 and dx = 0 by the maths.
            case BACKWARD_DATA -> List.of(new Check(OUT, 1, Exactness.NEVER, shape.perChannel() == 1 ? 1 : 0.5));
            case BACKWARD_REDUCE -> List.of(new Check(D_GAMMA, perChannel, Exactness.ON_INTEGERS),
                    new Check(D_BETA, perChannel, Exactness.ON_INTEGERS));
        };
    }

    @Override
    double call(BatchNorm kernel, Operands o, Workspace ws) {
        switch (pass) {
            case SUM -> kernel.sum(shape, o.f(X), o.offset(X), o.f(OUT));
            case SUM_SQUARED_DEVIATION -> kernel.sumSquaredDeviation(shape, o.f(X), o.offset(X), o.f(MEAN), o.f(OUT));
            case NORMALIZE -> kernel.normalize(shape, o.f(X), o.offset(X), o.f(MEAN), o.f(INV_STD), o.f(GAMMA),
                    o.f(BETA), o.f(OUT), o.offset(OUT));
            case BACKWARD_REDUCE -> kernel.backwardReduce(shape, o.f(X), o.offset(X), o.f(DY), o.offset(DY),
                    o.f(MEAN), o.f(INV_STD), o.f(D_GAMMA), o.f(D_BETA));
            case BACKWARD_DATA -> kernel.backwardData(shape, o.f(X), o.offset(X), o.f(DY), o.offset(DY), o.f(MEAN),
                    o.f(INV_STD), o.f(GAMMA), o.f(D_GAMMA), o.f(D_BETA), shape.perChannel(), o.f(OUT), o.offset(OUT));
        }
        return 0;
    }

    /**
     * mean and invStd are the statistics of x (integer mode: small integers and powers of two, so
     * sums stay exact); dGamma and dBeta are the reductions of dy over this batch.
     */
    @Override
    void derive(Operands o, SplittableRandom rng, boolean integers) {
        int channels = shape.channels();
        for (int c = 0; c < channels; c++) {
            double sum = 0, squares = 0;
            for (int e : channel(c)) sum += o.get(X, e);
            double mean = sum / shape.perChannel();
            for (int e : channel(c)) squares += (o.get(X, e) - mean) * (o.get(X, e) - mean);
            float m = integers ? rng.nextInt(-2, 3) : (float) mean;
            float invStd = integers ? 1f / (1 << rng.nextInt(0, 3)) : (float) (1 / Math.sqrt(squares / shape.perChannel() + EPS));
            o.set(MEAN, c, m);
            o.set(INV_STD, c, invStd);
            if (pass == Pass.BACKWARD_REDUCE) continue;
            double dGamma = 0, dBeta = 0;
            for (int e : channel(c)) {
                dBeta += o.get(DY, e);
                dGamma += o.get(DY, e) * ((o.get(X, e) - (double) m) * invStd);
            }
            o.set(D_GAMMA, c, (float) dGamma);
            o.set(D_BETA, c, (float) dBeta);
        }
    }

    /**
     * The terms of each formula in absolute value, with |x - mean| bounded by |x| + |mean|: the
     * running sums add |acc|; normalise is |gamma| (|x| + |mean|) invStd + |beta|; backward data is
     * |gamma| invStd / count (count |dy| + |dBeta| + (|x| + |mean|) invStd |dGamma|).
     */
    @Override
    Magnitudes magnitudes(BatchNorm reference, Operands pristine, Workspace ws) {
        if (pass == Pass.SUM) return super.magnitudes(reference, pristine, ws);
        Magnitudes m = customMagnitudes(pristine);
        Operands v = m.values();
        int count = shape.perChannel();
        for (int c = 0; c < shape.channels(); c++) {
            double mean = Math.abs(pristine.get(MEAN, c)), invStd = pristine.get(INV_STD, c);
            double gamma = Math.abs(pristine.get(GAMMA, c)), beta = Math.abs(pristine.get(BETA, c));
            double dGamma = Math.abs(pristine.get(D_GAMMA, c)), dBeta = Math.abs(pristine.get(D_BETA, c));
            double squares = Math.abs(pristine.get(OUT, c));
            for (int e : channel(c)) {
                double x = Math.abs(pristine.get(X, e)), dy = Math.abs(pristine.get(DY, e));
                switch (pass) {
                    case SUM_SQUARED_DEVIATION -> squares += (x + mean) * (x + mean);
                    case NORMALIZE -> v.set(OUT, e, (float) (gamma * (x + mean) * invStd + beta));
                    case BACKWARD_REDUCE -> {
                        dBeta += dy;
                        dGamma += dy * (x + mean) * invStd;
                    }
                    case BACKWARD_DATA -> v.set(OUT, e, (float) (gamma * invStd / count
                            * (count * dy + dBeta + (x + mean) * invStd * dGamma)));
                    case SUM -> { }
                }
            }
            if (pass == Pass.SUM_SQUARED_DEVIATION) v.set(OUT, c, (float) squares);
            if (pass == Pass.BACKWARD_REDUCE) {
                v.set(D_GAMMA, c, (float) dGamma);
                v.set(D_BETA, c, (float) dBeta);
            }
        }
        return m;
    }

    /** The element indices of channel c, relative to the start of x. */
    private int[] channel(int c) {
        int[] indices = new int[shape.perChannel()];
        int i = 0;
        for (int n = 0; n < shape.batch(); n++)
            for (int p = 0; p < shape.spatial(); p++)
                indices[i++] = (n * shape.channels() + c) * shape.spatial() + p;
        return indices;
    }
}
