package dev.vecnn.onnx;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.layers.Param;
import dev.vecnn.onnx.proto.Onnx.AttributeProto;
import dev.vecnn.onnx.proto.Onnx.GraphProto;
import dev.vecnn.onnx.proto.Onnx.NodeProto;
import dev.vecnn.onnx.proto.Onnx.TensorProto;
import dev.vecnn.onnx.proto.Onnx.TensorShapeProto;
import dev.vecnn.onnx.proto.Onnx.TypeProto;
import dev.vecnn.onnx.proto.Onnx.ValueInfoProto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A chain of ONNX nodes being written: each node reads the chain's current value (and any
 * initializers) and its output becomes the current value. It knows whether that value is an
 * image (N x C x H x W) or flat (N x features), so layers that need one or the other get it.
 */
final class GraphWriter {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final int batch;
    private final Shape input;
    private String current = OnnxExport.INPUT;
    private boolean image;

    GraphWriter(int batch, Shape input) {
        this.batch = batch;
        this.input = input;
        this.image = !input.isFlat();
    }

    boolean isImage() { return image; }

    /** Adds {@code op}(current value, extra inputs...) named {@code name}; its output becomes the current value. */
    void node(String op, String name, List<String> extraInputs, AttributeProto... attributes) {
        String output = name + ".output";
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(name).addInput(current)
                .addAllInput(extraInputs).addOutput(output);
        node.addAllAttribute(Arrays.asList(attributes));
        graph.addNode(node);
        current = output;
    }

    /** The initializer holding {@code p}, with its own dimensions. */
    String weight(Param p, Map<Param, String> names) {
        return weight(p, names, Arrays.stream(p.dims()).asLongStream().toArray());
    }

    /** The initializer holding {@code p}'s values with dimensions {@code dims} (the same values, another view). */
    String weight(Param p, Map<Param, String> names, long[] dims) {
        String name = names.get(p);
        graph.addInitializer(Tensors.floats(name, dims, p.data()));
        return name;
    }

    /** A float32 scalar initializer. */
    String scalar(String name, float value) {
        graph.addInitializer(Tensors.floats(name, new long[0], new float[] {value}));
        return name;
    }

    /** Before a layer that needs N x C x H x W: a flat value {@code in} (C x 1 x 1 in vecnn) is reshaped to it. */
    void toImage(String name, Shape in) {
        if (image) return;
        String target = int64Vector(name + ".shape", 0, in.channels(), 1, 1);
        node("Reshape", name + ".reshape", List.of(target));
        image = true;
    }

    /** Before a layer that needs N x features: an image value is flattened (a C x 1 x 1 image in vecnn is flat already). */
    void toFlat(String name) {
        if (image) toFlatAlways(name);
    }

    /** A vecnn flatten: Flatten(axis = 1), in NCHW's (c, h, w) order. */
    void toFlatAlways(String name) {
        node("Flatten", name.endsWith(".flatten") ? name : name + ".flatten", List.of(), Attributes.integer("axis", 1));
        image = false;
    }

    /**
     * Ends the chain: the current value, flattened, is renamed {@code logits}, and a Softmax over
     * it named {@code softmaxName} writes {@code probabilities}.
     */
    void finish(String logits, String probabilities, String softmaxName, int classes) {
        toFlat("logits");
        if (current.equals(OnnxExport.INPUT)) node("Identity", "logits", List.of());
        rename(current, logits);
        graph.addNode(NodeProto.newBuilder().setOpType("Softmax").setName(softmaxName).addInput(logits)
                .addOutput(probabilities).addAttribute(Attributes.integer("axis", 1)));
        graph.addInput(valueInfo(OnnxExport.INPUT, input.isFlat() ? new long[] {input.channels()}
                : new long[] {input.channels(), input.height(), input.width()}));
        graph.addOutput(valueInfo(logits, new long[] {classes}));
        graph.addOutput(valueInfo(probabilities, new long[] {classes}));
    }

    GraphProto build(String name) { return graph.setName(name).build(); }

    /** Renames value {@code from} to {@code to} wherever a node writes or reads it. */
    private void rename(String from, String to) {
        for (NodeProto.Builder node : graph.getNodeBuilderList()) {
            for (int i = 0; i < node.getOutputCount(); i++) if (node.getOutput(i).equals(from)) node.setOutput(i, to);
            for (int i = 0; i < node.getInputCount(); i++) if (node.getInput(i).equals(from)) node.setInput(i, to);
        }
        current = to;
    }

    private String int64Vector(String name, long... dims) {
        graph.addInitializer(Tensors.int64s(name, new long[] {dims.length}, dims));
        return name;
    }

    /** A float32 tensor of N x {@code dims}, N being {@code batch} or the dynamic dimension "batch". */
    private ValueInfoProto valueInfo(String name, long[] dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        shape.addDim(batch == 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                : TensorShapeProto.Dimension.newBuilder().setDimValue(batch));
        for (long d : dims) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
