package dev.vecnn.onnx;

import dev.vecnn.onnx.proto.Onnx.AttributeProto;
import dev.vecnn.onnx.proto.Onnx.AttributeProto.AttributeType;
import dev.vecnn.onnx.proto.Onnx.NodeProto;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node of an imported graph: its attributes read with ONNX's defaults, and errors that name
 * the node and its operator, e.g. {@code node '/conv1/Conv' (Conv): dilations [2, 2] are not supported}.
 */
final class NodeView {
    final NodeProto node;
    final String op;
    private final String where;
    private final Map<String, AttributeProto> attributes = new HashMap<>();

    NodeView(NodeProto node, int index) {
        this.node = node;
        this.op = node.getOpType();
        this.where = "node " + (node.getName().isEmpty() ? "#" + (index + 1) : "'" + node.getName() + "'") + " (" + op + ")";
        for (AttributeProto a : node.getAttributeList()) attributes.put(a.getName(), a);
    }

    ImportError error(String problem) { return new ImportError(where + ": " + problem); }

    /** Fails on any attribute but {@code known}: an attribute vecnn does not read could change what the node computes. */
    void allowOnly(String... known) {
        Set<String> allowed = Set.of(known);
        for (String name : attributes.keySet())
            if (!allowed.contains(name)) throw error("attribute '" + name + "' is not supported");
    }

    boolean has(String name) { return attributes.containsKey(name); }

    long integer(String name, long fallback) {
        AttributeProto a = attributes.get(name);
        if (a == null) return fallback;
        expect(a, AttributeType.INT, a.hasI());
        return a.getI();
    }

    long[] ints(String name, long[] fallback) {
        AttributeProto a = attributes.get(name);
        if (a == null) return fallback;
        expect(a, AttributeType.INTS, a.getIntsCount() > 0);
        return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    float real(String name, float fallback) {
        AttributeProto a = attributes.get(name);
        if (a == null) return fallback;
        expect(a, AttributeType.FLOAT, a.hasF());
        return a.getF();
    }

    String string(String name, String fallback) {
        AttributeProto a = attributes.get(name);
        if (a == null) return fallback;
        expect(a, AttributeType.STRING, a.hasS());
        return a.getS().toString(StandardCharsets.UTF_8);
    }

    AttributeProto attribute(String name) { return attributes.get(name); }

    /** The node's inputs; an absent optional input is the empty string, as ONNX writes it. */
    List<String> inputs() { return node.getInputList(); }

    String input(int i) { return i < node.getInputCount() ? node.getInput(i) : ""; }

    private void expect(AttributeProto a, AttributeType type, boolean present) {
        boolean typed = a.getType() == type || (a.getType() == AttributeType.UNDEFINED && present);
        if (!typed) throw error("attribute '" + a.getName() + "' is of type " + a.getType() + ", expected " + type);
    }
}
