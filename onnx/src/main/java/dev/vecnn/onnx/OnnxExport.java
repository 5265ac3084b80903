package dev.vecnn.onnx;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.io.AtomicFiles;
import dev.vecnn.engine.layers.ActivationLayer;
import dev.vecnn.engine.layers.BatchNormLayer;
import dev.vecnn.engine.layers.Conv2dLayer;
import dev.vecnn.engine.layers.DenseLayer;
import dev.vecnn.engine.layers.DropoutLayer;
import dev.vecnn.engine.layers.FlattenLayer;
import dev.vecnn.engine.layers.Layer;
import dev.vecnn.engine.layers.PReluLayer;
import dev.vecnn.engine.layers.Param;
import dev.vecnn.engine.layers.PoolLayer;
import dev.vecnn.engine.layers.SoftmaxLayer;
import dev.vecnn.engine.model.Model;
import dev.vecnn.onnx.proto.Onnx.ModelProto;
import dev.vecnn.onnx.proto.Onnx.OperatorSetIdProto;
import dev.vecnn.onnx.proto.Onnx.StringStringEntryProto;

import java.io.IOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A vecnn model as an ONNX graph of standard operators. The input {@code input} is N x C x H x W
 * float32 (N x features for a flat input) holding what vecnn computes on: each pixel byte / 255.
 * Outputs are {@code logits} (N x classes, before any final softmax) and {@code probabilities}
 * (their Softmax). Parameters keep their vecnn names ({@code 1.conv.weight}) and layouts, which are
 * ONNX's: convolution weights OIHW, dense weights (units, inputs) read by Gemm with transB = 1,
 * flatten in (c, h, w) order. Dropout stays as an inference-mode Dropout (the identity), so its
 * rate comes back on import.
 */
public final class OnnxExport {
    public static final String INPUT = "input";
    public static final String LOGITS = "logits";
    public static final String PROBABILITIES = "probabilities";
    /** The metadata keys a vecnn export writes. */
    public static final String SPEC_KEY = "vecnn.spec";
    public static final String INPUT_KEY = "vecnn.input";
    public static final String DATA_KEY = "vecnn.training_data";
    public static final String CLASSES_KEY = "vecnn.class_names";
    public static final String EPOCHS_KEY = "vecnn.epochs";
    public static final String PIXELS_KEY = "vecnn.pixels";
    static final String PIXELS = "float32 in [0, 1]: each pixel byte / 255";

    private OnnxExport() {}

    /** Writes {@code model} to {@code file} atomically: a failure leaves no partial file behind. */
    public static void write(Path file, Model model, ExportSettings settings) throws IOException {
        ModelProto proto = toProto(model, settings);
        AtomicFiles.write(file, proto::writeTo);
    }

    /** The ONNX model; an IllegalArgumentException naming the layer if one has no ONNX form. */
    public static ModelProto toProto(Model model, ExportSettings settings) {
        Map<Param, String> names = new IdentityHashMap<>();
        List<Param> tensors = model.tensors();
        for (int i = 0; i < tensors.size(); i++) names.put(tensors.get(i), model.tensorNames().get(i));

        Shape input = model.input();
        GraphWriter graph = new GraphWriter(settings.batch(), input);
        List<Layer> layers = model.layers();
        boolean finalSoftmax = model.endsWithSoftmax();
        int body = finalSoftmax ? layers.size() - 1 : layers.size();
        for (int i = 0; i < body; i++) add(graph, layers.get(i), i + 1, names);
        graph.finish(LOGITS, PROBABILITIES, finalSoftmax ? prefix(layers.get(body), body + 1) : PROBABILITIES,
                model.classes());

        ModelProto.Builder proto = ModelProto.newBuilder()
                .setIrVersion(settings.irVersion())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(settings.opset()))
                .setProducerName("vecnn")
                .setDocString(docString(model, settings))
                .setGraph(graph.build("vecnn"));
        metadata(proto, SPEC_KEY, model.spec());
        metadata(proto, INPUT_KEY, input.toString());
        metadata(proto, PIXELS_KEY, PIXELS);
        if (settings.trainingData() != null) metadata(proto, DATA_KEY, settings.trainingData());
        metadata(proto, CLASSES_KEY, String.join(",", settings.classNames()));
        metadata(proto, EPOCHS_KEY, Integer.toString(settings.epochs()));
        return proto.build();
    }

    private static void add(GraphWriter g, Layer layer, int number, Map<Param, String> names) {
        String name = prefix(layer, number);
        switch (layer) {
            case Conv2dLayer conv -> {
                g.toImage(name, layer.input());
                int k = conv.size(), s = conv.stride(), p = conv.pad();
                g.node("Conv", name, List.of(g.weight(conv.params().get(0), names), g.weight(conv.params().get(1), names)),
                        Attributes.ints("kernel_shape", k, k), Attributes.ints("strides", s, s),
                        Attributes.ints("pads", p, p, p, p), Attributes.ints("dilations", 1, 1), Attributes.integer("group", 1));
            }
            case PoolLayer pool -> {
                g.toImage(name, layer.input());
                int k = pool.size(), s = pool.stride(), p = pool.pad();
                if (pool.isMax())
                    g.node("MaxPool", name, List.of(), Attributes.ints("kernel_shape", k, k), Attributes.ints("strides", s, s),
                            Attributes.ints("pads", p, p, p, p));
                else
                    g.node("AveragePool", name, List.of(), Attributes.ints("kernel_shape", k, k),
                            Attributes.ints("strides", s, s), Attributes.ints("pads", p, p, p, p),
                            Attributes.integer("count_include_pad", 1));
            }
            case DenseLayer dense -> {
                g.toFlat(name);
                g.node("Gemm", name, List.of(g.weight(dense.params().get(0), names), g.weight(dense.params().get(1), names)),
                        Attributes.integer("transB", 1));
            }
            case FlattenLayer flatten -> g.toFlatAlways(name);
            case ActivationLayer activation -> {
                switch (activation.function()) {
                    case RELU -> g.node("Relu", name, List.of());
                    case LEAKY_RELU -> g.node("LeakyRelu", name, List.of(), Attributes.real("alpha", activation.slope()));
                    case SIGMOID -> g.node("Sigmoid", name, List.of());
                    case TANH -> g.node("Tanh", name, List.of());
                }
            }
            case PReluLayer prelu -> {
                Param slope = prelu.params().get(0);
                long c = slope.size();
                long[] dims = g.isImage() ? new long[] {c, 1, 1} : new long[] {c};
                g.node("PRelu", name, List.of(g.weight(slope, names, dims)));
            }
            case SoftmaxLayer softmax -> {
                g.toFlat(name);
                g.node("Softmax", name, List.of(), Attributes.integer("axis", 1));
            }
            case DropoutLayer dropout ->
                    g.node("Dropout", name, List.of(g.scalar(name + ".ratio", dropout.p())));
            case BatchNormLayer bn -> {
                List<Param> params = bn.params(), buffers = bn.buffers();
                g.node("BatchNormalization", name, List.of(g.weight(params.get(0), names), g.weight(params.get(1), names),
                                g.weight(buffers.get(0), names), g.weight(buffers.get(1), names)),
                        Attributes.real("epsilon", bn.eps()),
                        Attributes.real("momentum", (float) (1.0 - bn.momentum())));
            }
            default -> throw new IllegalArgumentException("layer " + number + " '" + layer.text()
                    + "' has no ONNX form in this vecnn");
        }
    }

    /** Node and value names start with the layer's number and kind, as its tensors' names do. */
    private static String prefix(Layer layer, int number) { return number + "." + layer.kind(); }

    private static String docString(Model model, ExportSettings settings) {
        return "vecnn network " + model.spec() + ". Input '" + INPUT + "': " + (model.input().isFlat()
                ? "N x " + model.input().channels() : "N x " + model.input().channels() + " x " + model.input().height()
                + " x " + model.input().width()) + " " + PIXELS + ". Outputs '" + LOGITS + "' and '" + PROBABILITIES
                + "' (Softmax): N x " + model.classes() + ", classes " + String.join(", ", settings.classNames()) + ". "
                + (settings.trainingData() == null ? "" : "Trained on " + settings.trainingData() + " for "
                + settings.epochs() + " epoch" + (settings.epochs() == 1 ? "" : "s") + ".");
    }

    private static void metadata(ModelProto.Builder proto, String key, String value) {
        proto.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value));
    }
}
