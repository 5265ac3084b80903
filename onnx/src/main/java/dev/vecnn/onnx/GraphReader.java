package dev.vecnn.onnx;

import dev.vecnn.engine.Shape;
import dev.vecnn.onnx.proto.Onnx.GraphProto;
import dev.vecnn.onnx.proto.Onnx.ModelProto;
import dev.vecnn.onnx.proto.Onnx.NodeProto;
import dev.vecnn.onnx.proto.Onnx.OperatorSetIdProto;
import dev.vecnn.onnx.proto.Onnx.TensorProto;
import dev.vecnn.onnx.proto.Onnx.TensorShapeProto;
import dev.vecnn.onnx.proto.Onnx.ValueInfoProto;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks an ONNX graph as a chain of layers from its one input to its first output: constants and
 * shape arithmetic are evaluated, every other node must read the chain's latest value and becomes
 * vecnn layers ({@link LayerReaders}). A second output is allowed when it is the Softmax of the
 * first (vecnn computes probabilities itself). Any node, operator, attribute or shape vecnn cannot
 * read raises an {@link ImportError} naming it.
 */
final class GraphReader {
    /** The oldest and newest default-domain opsets whose operators' meaning the readers know. */
    static final long MIN_OPSET = 7;
    static final long MAX_OPSET = 23;

    private final GraphProto graph;
    private final long opset;
    private final Map<String, Constant> constants = new HashMap<>();
    private final Set<String> earlierActivations = new HashSet<>();
    private final LayerChain chain = new LayerChain();
    private Activation current;

    private GraphReader(ModelProto model) {
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0)
            throw new ImportError("not an ONNX model: no graph of nodes (or a damaged file)");
        this.graph = model.getGraph();
        this.opset = defaultOpset(model);
    }

    /** The network {@code model} describes, on inputs of shape {@code input} (null: the file's own). */
    static Result read(ModelProto model, Shape input) {
        GraphReader reader = new GraphReader(model);
        Shape shape = reader.start(input);
        reader.walk();
        return new Result(reader.chain, shape, reader.opset);
    }

    record Result(LayerChain chain, Shape input, long opset) {}

    private static long defaultOpset(ModelProto model) {
        for (OperatorSetIdProto set : model.getOpsetImportList())
            if (set.getDomain().isEmpty() || set.getDomain().equals("ai.onnx")) {
                long v = set.getVersion();
                if (v < MIN_OPSET || v > MAX_OPSET)
                    throw new ImportError("opset " + v + " is not supported: vecnn reads opsets " + MIN_OPSET + " to " + MAX_OPSET);
                return v;
            }
        throw new ImportError("no opset of the default ONNX domain is imported");
    }

    /** Reads initializers and the one real input; returns the input shape. */
    private Shape start(Shape given) {
        for (TensorProto t : graph.getInitializerList()) {
            String what = "initializer '" + t.getName() + "'";
            long[] dims = Tensors.dims(t);
            constants.put(t.getName(), t.getDataType() == TensorProto.DataType.FLOAT_VALUE
                    ? Constant.ofFloats(dims, Tensors.readFloats(t, what))
                    : Constant.ofIntegers(dims, Tensors.readIntegers(t, what)));
        }
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto in : graph.getInputList()) if (!constants.containsKey(in.getName())) inputs.add(in);
        if (inputs.size() != 1)
            throw new ImportError("the graph has " + inputs.size() + " inputs besides its initializers; vecnn networks have one");
        ValueInfoProto in = inputs.get(0);
        String what = "input '" + in.getName() + "'";
        if (!in.getType().hasTensorType() || in.getType().getTensorType().getElemType() != TensorProto.DataType.FLOAT_VALUE)
            throw new ImportError(what + " is not a float32 tensor");
        TensorShapeProto shape = in.getType().getTensorType().getShape();
        int rank = shape.getDimCount();
        if (rank != 4 && rank != 2)
            throw new ImportError(what + " has rank " + rank + "; vecnn reads N x C x H x W images or N x features");
        long[] dims = new long[rank];
        for (int i = 0; i < rank; i++) {
            TensorShapeProto.Dimension d = shape.getDim(i);
            dims[i] = d.hasDimValue() && d.getDimValue() > 0 ? d.getDimValue() : -1;
        }
        Shape input = inputShape(what, dims, given);
        long batch = dims[0] > 0 ? dims[0] : Constant.BATCH;
        current = new Activation(in.getName(), input, rank == 4, batch);
        return input;
    }

    private static Shape inputShape(String what, long[] dims, Shape given) {
        StringBuilder text = new StringBuilder();
        boolean known = true;
        for (int i = 1; i < dims.length; i++) {
            text.append(i > 1 ? "x" : "").append(dims[i] > 0 ? Long.toString(dims[i]) : "?");
            known &= dims[i] > 0;
        }
        if (given == null) {
            if (!known) throw new ImportError(what + " is N x " + text + ": give its size with --input");
            return dims.length == 4 ? new Shape((int) dims[1], (int) dims[2], (int) dims[3]) : Shape.flat((int) dims[1]);
        }
        long[] wanted = dims.length == 4 ? new long[] {given.channels(), given.height(), given.width()}
                : new long[] {given.size()};
        if (dims.length == 2 && !given.isFlat())
            throw new ImportError(what + " is N x " + text + " (flat), not an image of " + given);
        for (int i = 1; i < dims.length; i++)
            if (dims[i] > 0 && dims[i] != wanted[i - 1])
                throw new ImportError(what + " is N x " + text + ", which does not fit --input " + given);
        return given;
    }

    /** Reads every node that leads to the first output, in the file's (topological) order. */
    private void walk() {
        if (graph.getOutputCount() == 0) throw new ImportError("the graph has no output");
        String logits = graph.getOutput(0).getName();
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < graph.getNodeCount(); i++)
            for (String out : graph.getNode(i).getOutputList()) producer.put(out, i);
        boolean[] needed = neededFor(logits, producer);
        checkOtherOutputs(logits, producer);
        for (int i = 0; i < graph.getNodeCount(); i++) if (needed[i]) read(new NodeView(graph.getNode(i), i));
        if (!current.name().equals(logits))
            throw new ImportError("output '" + logits + "' is not the end of the chain of layers");
        if (current.shape().size() < 2 || current.image() && !current.shape().isFlat())
            throw new ImportError("output '" + logits + "' is a " + current.describe()
                    + "; a classifier ends with one score per class");
    }

    /** Which nodes the value {@code target} depends on. */
    private boolean[] neededFor(String target, Map<String, Integer> producer) {
        boolean[] needed = new boolean[graph.getNodeCount()];
        Deque<String> todo = new ArrayDeque<>(List.of(target));
        while (!todo.isEmpty()) {
            Integer node = producer.get(todo.pop());
            if (node == null || needed[node]) continue;
            needed[node] = true;
            for (String in : graph.getNode(node).getInputList()) if (!in.isEmpty()) todo.push(in);
        }
        return needed;
    }

    /** Outputs after the first must be its Softmax, the probabilities vecnn computes from the scores. */
    private void checkOtherOutputs(String logits, Map<String, Integer> producer) {
        for (int i = 1; i < graph.getOutputCount(); i++) {
            String name = graph.getOutput(i).getName();
            Integer node = producer.get(name);
            NodeProto p = node == null ? null : graph.getNode(node);
            if (p == null || !p.getOpType().equals("Softmax") || p.getInputCount() != 1 || !p.getInput(0).equals(logits))
                throw new ImportError("output '" + name + "' is not the Softmax of the first output '" + logits
                        + "'; vecnn networks have one output, their class scores");
        }
    }

    private void read(NodeView n) {
        NodeProto node = n.node;
        if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx"))
            throw n.error("operators of domain '" + node.getDomain() + "' are not supported");
        if (node.getOutputCount() == 0) throw n.error("it has no output");
        List<Constant> constantInputs = new ArrayList<>();
        boolean readsActivation = false;
        for (String in : node.getInputList()) {
            if (in.isEmpty()) {
                constantInputs.add(null);
            } else if (in.equals(current.name())) {
                readsActivation = true;
                constantInputs.add(null);
            } else if (earlierActivations.contains(in)) {
                throw n.error("it reads '" + in + "', an earlier layer's output: vecnn networks are one chain of layers"
                        + " (no skip connections or branches)");
            } else if (constants.containsKey(in)) {
                constantInputs.add(constants.get(in));
            } else {
                throw n.error("it reads '" + in + "', which no earlier node, initializer or graph input provides");
            }
        }
        String output = node.getOutput(0);
        if (n.op.equals("Shape") && readsActivation) {
            constants.put(output, shapeOf(n));
        } else if (!readsActivation) {
            if (!ConstantFolding.OPERATORS.contains(n.op))
                throw n.error("it computes on constants only, which vecnn does not evaluate for " + n.op);
            constants.put(output, ConstantFolding.fold(n, constantInputs, opset));
        } else {
            checkExtraOutputsUnused(n);
            Activation next = LayerReaders.read(n, current, constantInputs, chain, opset);
            earlierActivations.add(current.name());
            current = next.to(output, next.shape(), next.image());
        }
    }

    /** Shape(activation): its dimensions, the batch symbolic, cut by the start and end attributes of opset 15. */
    private Constant shapeOf(NodeView n) {
        n.allowOnly("start", "end");
        long[] dims = current.dims();
        int rank = dims.length;
        long start = n.integer("start", 0), end = n.integer("end", rank);
        start = Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
        end = Math.max(start, Math.min(rank, end < 0 ? end + rank : end));
        long[] part = java.util.Arrays.copyOfRange(dims, (int) start, (int) end);
        return Constant.ofIntegers(new long[] {part.length}, part);
    }

    /** Second outputs (MaxPool's indices, Dropout's mask, BatchNormalization's statistics) have no vecnn form. */
    private void checkExtraOutputsUnused(NodeView n) {
        Set<String> extra = new HashSet<>(n.node.getOutputList().subList(1, n.node.getOutputCount()));
        extra.remove("");
        if (extra.isEmpty()) return;
        for (NodeProto other : graph.getNodeList())
            for (String in : other.getInputList())
                if (extra.contains(in)) throw n.error("its output '" + in + "' is used; vecnn computes only the first output");
        for (ValueInfoProto out : graph.getOutputList())
            if (extra.contains(out.getName())) throw n.error("its output '" + out.getName() + "' is a graph output; vecnn computes only the first");
    }
}
