package dev.vecnn.onnx;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The vecnn network an import is building: its spec calls in order, and their tensors in the order
 * {@link dev.vecnn.engine.model.Model#tensors()} lists them (every layer's parameters, then every
 * layer's saved statistics).
 */
final class LayerChain {
    final List<String> calls = new ArrayList<>();
    final List<float[]> parameters = new ArrayList<>();
    final List<float[]> buffers = new ArrayList<>();
    /** The zero bias of a dense layer read from a MatMul, which an Add right after it may fill. */
    private float[] openBias;

    void add(String call, List<float[]> layerParameters, List<float[]> layerBuffers) {
        calls.add(call);
        parameters.addAll(layerParameters);
        buffers.addAll(layerBuffers);
        openBias = null;
    }

    void addMatMul(String call, float[] weight, float[] zeroBias) {
        add(call, List.of(weight, zeroBias), List.of());
        openBias = zeroBias;
    }

    /** The bias an Add may fill: the last layer's, if it is a MatMul's dense layer with no bias yet. */
    float[] openBias() { return openBias; }

    void closeBias() { openBias = null; }

    String spec() { return String.join(" ", calls); }

    /**
     * A float as spec text that reads back as the same float: Java's shortest form, or the exact
     * decimal value where reading the shortest form as a double and rounding would land elsewhere.
     */
    static String number(float value) {
        String shortest = Float.toString(value);
        if ((float) Double.parseDouble(shortest) == value) return shortest;
        return new BigDecimal(value).toString();
    }
}
