package dev.vecnn.onnx;

import java.util.List;

/**
 * How a model is written as ONNX: the operator set version, the batch size (0: dynamic, the
 * dimension named {@code batch}), and what the file says about the model: the data it was
 * trained on (null when unknown), its class names in label order, and the epochs it was trained.
 */
public record ExportSettings(int opset, int batch, String trainingData, List<String> classNames, int epochs) {
    /** The opset written by default: 17, read by every ONNX Runtime since 1.12 and PyTorch's exporter since 1.13. */
    public static final int DEFAULT_OPSET = 17;
    /**
     * The opsets vecnn writes. From 13 on, the operators it uses have their present meaning (Softmax
     * over one axis, Dropout's ratio as an input); 22 is the newest ONNX Runtime 1.22 reads.
     */
    public static final int MIN_OPSET = 13;
    public static final int MAX_OPSET = 22;

    public ExportSettings {
        if (opset < MIN_OPSET || opset > MAX_OPSET)
            throw new IllegalArgumentException("opset " + opset + " is not supported: vecnn writes opsets "
                    + MIN_OPSET + " to " + MAX_OPSET);
        if (batch < 0) throw new IllegalArgumentException("the batch size must be at least 1 (or dynamic), not " + batch);
        classNames = List.copyOf(classNames);
        for (String name : classNames)
            if (name.contains(","))
                throw new IllegalArgumentException("class name '" + name + "' holds a comma, which separates class names");
    }

    /** The oldest ONNX IR version that can carry {@code opset}: the one of the ONNX release that introduced it. */
    int irVersion() {
        if (opset <= 14) return 7;
        if (opset <= 18) return 8;
        if (opset <= 20) return 9;
        return 10;
    }
}
