package dev.vecnn.engine.layers;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.spec.Arguments;
import dev.vecnn.engine.spec.LayerCall;
import dev.vecnn.kernels.BatchNorm;
import dev.vecnn.kernels.ChannelShape;

import java.util.Arrays;
import java.util.List;

/**
 * {@code batchnorm(momentum=0.1, eps=1e-5)}: per channel of an image (2D) or per feature of a flat
 * input (1D), y = gamma * (x - mean) / sqrt(var + eps) + beta. Training uses the mini-batch's mean
 * and biased variance, reduced across chunks (see {@link BatchCoupled}), and moves the running
 * statistics by {@code momentum} (the running variance unbiased, as PyTorch); inference uses the
 * running statistics.
 */
public final class BatchNormLayer extends Layer implements BatchCoupled {
    private final float momentum;
    private final float eps;
    private final Param gamma;
    private final Param beta;
    private final Param runningMean;
    private final Param runningVar;
    /** The current batch's statistics and gradient sums: written by one thread between phases, then only read. */
    private final float[] mean;
    private final float[] invStd;
    private final float[] dGamma;
    private final float[] dBeta;

    public BatchNormLayer(String text, Shape in, float momentum, float eps) {
        super(text, in, in);
        this.momentum = momentum;
        this.eps = eps;
        int c = in.channels();
        gamma = new Param("gamma", Init.constant(1f), c);
        beta = new Param("beta", Init.constant(0f), c);
        runningMean = new Param("running_mean", Init.constant(0f), c);
        runningVar = new Param("running_var", Init.constant(1f), c);
        mean = new float[c];
        invStd = new float[c];
        dGamma = new float[c];
        dBeta = new float[c];
    }

    public static BatchNormLayer of(LayerCall call, Shape in) {
        Arguments args = Arguments.bind(call, 0, "momentum", "eps");
        float momentum = (float) args.real("momentum", 0.1, 0, 1, true);
        float eps = (float) args.real("eps", 1e-5, 1e-12, 1, true);
        return new BatchNormLayer(call.text(), in, momentum, eps);
    }

    @Override
    public String kind() { return "batchnorm"; }

    /** The weight of a batch's statistics in the running ones: running = (1 - momentum) running + momentum batch. */
    public float momentum() { return momentum; }

    public float eps() { return eps; }

    @Override
    public List<Param> params() { return List.of(gamma, beta); }

    @Override
    public List<Param> buffers() { return List.of(runningMean, runningVar); }

    @Override
    public double forwardFlops() { return 4.0 * in.size(); }

    /** The sums of dy and of dy * (x - mean) over each channel ({@link #partialGradients}). */
    @Override
    public double backwardWeightsFlops() { return 4.0 * in.size(); }

    private ChannelShape shape(int batch) { return new ChannelShape(batch, in.channels(), in.spatial()); }

    private static final class State extends LayerState {
        final ShapeCache<ChannelShape> shapes;
        final float[] partial;
        final float[] inferenceInvStd;

        State(ShapeCache<ChannelShape> shapes, int channels) {
            this.shapes = shapes;
            this.partial = new float[channels];
            this.inferenceInvStd = new float[channels];
        }
    }

    @Override
    public LayerState newState(int maxBatch) { return new State(new ShapeCache<>(this::shape), in.channels()); }

    @Override
    public void forward(Pass pass, int batch, float[] x, float[] y, LayerState state) {
        State st = (State) state;
        ChannelShape s = st.shapes.at(batch);
        BatchNorm bn = pass.kernels().batchNorm();
        if (pass.training()) {
            bn.normalize(s, x, 0, mean, invStd, gamma.data(), beta.data(), y, 0);
        } else {
            float[] var = runningVar.data();
            for (int c = 0; c < var.length; c++) st.inferenceInvStd[c] = (float) (1.0 / Math.sqrt(var[c] + eps));
            bn.normalize(s, x, 0, runningMean.data(), st.inferenceInvStd, gamma.data(), beta.data(), y, 0);
        }
    }

    @Override
    public void partialSum(Pass pass, int batch, float[] x, LayerState state) {
        State st = (State) state;
        Arrays.fill(st.partial, 0f);
        pass.kernels().batchNorm().sum(st.shapes.at(batch), x, 0, st.partial);
    }

    @Override
    public void reduceMean(LayerState[] states, int chunks, int batchTotal) {
        double count = (double) batchTotal * in.spatial();
        for (int c = 0; c < mean.length; c++) {
            double sum = 0;
            for (int k = 0; k < chunks; k++) sum += ((State) states[k]).partial[c];
            mean[c] = (float) (sum / count);
        }
    }

    @Override
    public void partialDeviation(Pass pass, int batch, float[] x, LayerState state) {
        State st = (State) state;
        Arrays.fill(st.partial, 0f);
        pass.kernels().batchNorm().sumSquaredDeviation(st.shapes.at(batch), x, 0, mean, st.partial);
    }

    @Override
    public void reduceVariance(LayerState[] states, int chunks, int batchTotal) {
        double count = (double) batchTotal * in.spatial();
        float[] rm = runningMean.data(), rv = runningVar.data();
        for (int c = 0; c < mean.length; c++) {
            double sum = 0;
            for (int k = 0; k < chunks; k++) sum += ((State) states[k]).partial[c];
            double var = sum / count;
            invStd[c] = (float) (1.0 / Math.sqrt(var + eps));
            double unbiased = count > 1 ? sum / (count - 1) : var;
            rm[c] = (float) ((1 - momentum) * rm[c] + momentum * mean[c]);
            rv[c] = (float) ((1 - momentum) * rv[c] + momentum * unbiased);
        }
    }

    @Override
    public void partialGradients(Pass pass, int batch, float[] x, float[] dy, float[][] grads, LayerState state) {
        State st = (State) state;
        pass.kernels().batchNorm().backwardReduce(st.shapes.at(batch), x, 0, dy, 0, mean, invStd, grads[0], grads[1]);
    }

    /** Adds in chunk order, in float, exactly as the trainer later sums the same gradients. */
    @Override
    public void reduceGradients(float[][][] chunkGrads, int chunks) {
        for (int c = 0; c < dGamma.length; c++) {
            float g = chunkGrads[0][0][c], b = chunkGrads[0][1][c];
            for (int k = 1; k < chunks; k++) {
                g += chunkGrads[k][0][c];
                b += chunkGrads[k][1][c];
            }
            dGamma[c] = g;
            dBeta[c] = b;
        }
    }

    @Override
    public void backwardData(Pass pass, int batch, float[] x, float[] y, float[] dy, float[] dx, LayerState state) {
        ChannelShape s = ((State) state).shapes.at(batch);
        pass.kernels().batchNorm().backwardData(s, x, 0, dy, 0, mean, invStd, gamma.data(), dGamma, dBeta,
                pass.batchTotal() * in.spatial(), dx, 0);
    }
}
