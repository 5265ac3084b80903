package dev.vecnn.engine.layers;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.spec.Arguments;
import dev.vecnn.engine.spec.LayerCall;
import dev.vecnn.kernels.Activations;

/**
 * Element-wise activations without parameters: {@code relu}, {@code leakyrelu(slope=0.01)},
 * {@code sigmoid}, {@code tanh}. ReLU's backward reads its input, sigmoid's and tanh's their
 * output, as the kernels ask.
 */
public final class ActivationLayer extends Layer {
    public enum Function { RELU, LEAKY_RELU, SIGMOID, TANH }

    private final Function function;
    private final float slope;

    public ActivationLayer(String text, Shape in, Function function, float slope) {
        super(text, in, in);
        this.function = function;
        this.slope = slope;
    }

    public Function function() { return function; }

    /** The leaky ReLU's slope for negative inputs (0 for the other functions). */
    public float slope() { return slope; }

    public static ActivationLayer of(LayerCall call, Shape in, Function function) {
        if (function == Function.LEAKY_RELU) {
            Arguments args = Arguments.bind(call, 0, "slope");
            return new ActivationLayer(call.text(), in, function, (float) args.real("slope", 0.01, 0, 1, false));
        }
        Arguments.bind(call, 0);
        return new ActivationLayer(call.text(), in, function, 0f);
    }

    @Override
    public String kind() {
        return switch (function) {
            case RELU -> "relu";
            case LEAKY_RELU -> "leakyrelu";
            case SIGMOID -> "sigmoid";
            case TANH -> "tanh";
        };
    }

    /** Element-wise: the same layer in any layout. */
    @Override
    public Layer channelsLast() { return this; }

    @Override
    public double forwardFlops() { return function == Function.SIGMOID || function == Function.TANH ? 4.0 * in.size() : in.size(); }

    @Override
    public void forward(Pass pass, int batch, float[] x, float[] y, LayerState state) {
        Activations a = pass.kernels().activations();
        int n = batch * in.size();
        switch (function) {
            case RELU -> a.relu(n, x, 0, y, 0);
            case LEAKY_RELU -> a.leakyRelu(n, slope, x, 0, y, 0);
            case SIGMOID -> a.sigmoid(n, x, 0, y, 0);
            case TANH -> a.tanh(n, x, 0, y, 0);
        }
    }

    @Override
    public void backwardData(Pass pass, int batch, float[] x, float[] y, float[] dy, float[] dx, LayerState state) {
        Activations a = pass.kernels().activations();
        int n = batch * in.size();
        switch (function) {
            case RELU -> a.reluBackward(n, x, 0, dy, 0, dx, 0);
            case LEAKY_RELU -> a.leakyReluBackward(n, slope, x, 0, dy, 0, dx, 0);
            case SIGMOID -> a.sigmoidBackward(n, y, 0, dy, 0, dx, 0);
            case TANH -> a.tanhBackward(n, y, 0, dy, 0, dx, 0);
        }
    }
}
