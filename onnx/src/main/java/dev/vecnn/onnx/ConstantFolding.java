package dev.vecnn.onnx;

import dev.vecnn.onnx.proto.Onnx.AttributeProto;
import dev.vecnn.onnx.proto.Onnx.TensorProto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The nodes of an imported graph that compute only on constants: Constant itself, and the shape
 * arithmetic exporters write without constant folding (Shape of the activation, Gather, Unsqueeze,
 * Squeeze, Concat, Cast, Reshape and Identity of constants). Each is evaluated once at import;
 * the batch size stays symbolic ({@link Constant#BATCH}).
 */
final class ConstantFolding {
    static final Set<String> OPERATORS = Set.of("Constant", "Identity", "Gather", "Unsqueeze", "Squeeze", "Concat",
            "Cast", "Reshape");

    private ConstantFolding() {}

    /** The value of node {@code n} whose inputs (null where absent) are all constants. */
    static Constant fold(NodeView n, List<Constant> in, long opset) {
        return switch (n.op) {
            case "Constant" -> constant(n);
            case "Identity" -> {
                n.allowOnly();
                yield required(n, in, 0);
            }
            case "Gather" -> gather(n, required(n, in, 0), required(n, in, 1));
            case "Unsqueeze" -> unsqueeze(n, required(n, in, 0), axes(n, in, opset, true));
            case "Squeeze" -> squeeze(n, required(n, in, 0), axes(n, in, opset, false));
            case "Concat" -> concat(n, in);
            case "Cast" -> cast(n, required(n, in, 0));
            case "Reshape" -> {
                n.allowOnly("allowzero");
                Constant data = required(n, in, 0);
                yield data.withDims(Reshapes.target(n, data.dims(), integers(n, required(n, in, 1), "shape"),
                        n.integer("allowzero", 0) != 0));
            }
            default -> throw n.error("operator " + n.op + " on constants is not supported");
        };
    }

    /** The integers of {@code c}; an error naming the input {@code what} if it holds floats. */
    static long[] integers(NodeView n, Constant c, String what) {
        if (c.isFloat()) throw n.error("its " + what + " holds floats where integers are expected");
        return c.integers();
    }

    private static Constant required(NodeView n, List<Constant> in, int i) {
        if (i >= in.size() || in.get(i) == null) throw n.error("input " + (i + 1) + " is missing");
        return in.get(i);
    }

    private static Constant constant(NodeView n) {
        n.allowOnly("value", "value_float", "value_floats", "value_int", "value_ints");
        AttributeProto value = n.attribute("value");
        if (value != null) {
            TensorProto t = value.getT();
            String what = "its value";
            long[] dims = Tensors.dims(t);
            return t.getDataType() == TensorProto.DataType.FLOAT_VALUE
                    ? Constant.ofFloats(dims, wrap(n, () -> Tensors.readFloats(t, what)))
                    : Constant.ofIntegers(dims, wrap(n, () -> Tensors.readIntegers(t, what)));
        }
        if (n.has("value_float")) return Constant.ofFloats(new long[0], new float[] {n.real("value_float", 0f)});
        if (n.has("value_int")) return Constant.ofIntegers(new long[0], new long[] {n.integer("value_int", 0)});
        if (n.has("value_ints")) {
            long[] v = n.ints("value_ints", new long[0]);
            return Constant.ofIntegers(new long[] {v.length}, v);
        }
        if (n.has("value_floats")) {
            AttributeProto a = n.attribute("value_floats");
            float[] v = new float[a.getFloatsCount()];
            for (int i = 0; i < v.length; i++) v[i] = a.getFloats(i);
            return Constant.ofFloats(new long[] {v.length}, v);
        }
        throw n.error("it has no value");
    }

    /** Tensor errors of a node's own tensor name the node. */
    private static <T> T wrap(NodeView n, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (ImportError e) {
            throw n.error(e.getMessage());
        }
    }

    private static Constant gather(NodeView n, Constant data, Constant indices) {
        n.allowOnly("axis");
        if (data.rank() != 1 || n.integer("axis", 0) != 0)
            throw n.error("gathering from a " + data.rank() + "-d constant is not supported (vecnn folds only 1-d shape vectors)");
        long[] at = integers(n, indices, "indices");
        long[] out = new long[at.length];
        float[] outFloats = new float[at.length];
        for (int i = 0; i < at.length; i++) {
            long k = at[i] < 0 ? at[i] + data.size() : at[i];
            if (k < 0 || k >= data.size()) throw n.error("index " + at[i] + " is outside its " + data.size() + " values");
            if (data.isFloat()) outFloats[i] = data.floats()[(int) k];
            else out[i] = data.integers()[(int) k];
        }
        return data.isFloat() ? Constant.ofFloats(indices.dims(), outFloats) : Constant.ofIntegers(indices.dims(), out);
    }

    /** Unsqueeze's and Squeeze's axes: an attribute before opset 13, the second input from 13 on. */
    private static long[] axes(NodeView n, List<Constant> in, long opset, boolean required) {
        if (opset < 13) {
            n.allowOnly("axes");
            long[] axes = n.ints("axes", null);
            if (axes == null && required) throw n.error("attribute 'axes' is missing");
            return axes;
        }
        n.allowOnly();
        if (in.size() < 2 || in.get(1) == null) {
            if (required) throw n.error("input 2 (axes) is missing");
            return null;
        }
        return integers(n, in.get(1), "axes");
    }

    private static Constant unsqueeze(NodeView n, Constant data, long[] axes) {
        int rank = data.rank() + axes.length;
        boolean[] inserted = new boolean[rank];
        for (long axis : axes) {
            long a = axis < 0 ? axis + rank : axis;
            if (a < 0 || a >= rank || inserted[(int) a]) throw n.error("axis " + axis + " is invalid for rank " + rank);
            inserted[(int) a] = true;
        }
        long[] dims = new long[rank];
        for (int i = 0, j = 0; i < rank; i++) dims[i] = inserted[i] ? 1 : data.dims()[j++];
        return data.withDims(dims);
    }

    private static Constant squeeze(NodeView n, Constant data, long[] axes) {
        boolean[] removed = new boolean[data.rank()];
        if (axes == null) {
            for (int i = 0; i < removed.length; i++) removed[i] = data.dims()[i] == 1;
        } else {
            for (long axis : axes) {
                long a = axis < 0 ? axis + data.rank() : axis;
                if (a < 0 || a >= data.rank() || data.dims()[(int) a] != 1)
                    throw n.error("axis " + axis + " cannot be squeezed from " + data.describeDims());
                removed[(int) a] = true;
            }
        }
        List<Long> dims = new ArrayList<>();
        for (int i = 0; i < removed.length; i++) if (!removed[i]) dims.add(data.dims()[i]);
        return data.withDims(dims.stream().mapToLong(Long::longValue).toArray());
    }

    private static Constant concat(NodeView n, List<Constant> in) {
        n.allowOnly("axis");
        long axis = n.integer("axis", 0);
        int count = 0;
        for (Constant c : in) {
            if (c == null || c.rank() != 1 || c.isFloat() || (axis != 0 && axis != -1))
                throw n.error("only 1-d integer vectors are concatenated at import (shape arithmetic)");
            count += c.size();
        }
        long[] out = new long[count];
        int at = 0;
        for (Constant c : in) {
            System.arraycopy(c.integers(), 0, out, at, c.size());
            at += c.size();
        }
        return Constant.ofIntegers(new long[] {count}, out);
    }

    private static Constant cast(NodeView n, Constant data) {
        n.allowOnly("to", "saturate");
        long to = n.integer("to", -1);
        if (to == TensorProto.DataType.INT64_VALUE || to == TensorProto.DataType.INT32_VALUE) {
            if (data.isFloat()) throw n.error("casting floats to integers is not supported");
            return data;
        }
        if (to == TensorProto.DataType.FLOAT_VALUE) {
            if (data.isFloat()) return data;
            float[] values = new float[data.size()];
            for (int i = 0; i < values.length; i++) {
                if (data.integers()[i] == Constant.BATCH) throw n.error("the batch size cannot be cast to a float constant");
                values[i] = data.integers()[i];
            }
            return Constant.ofFloats(data.dims(), values);
        }
        throw n.error("casting to " + Tensors.typeName((int) to) + " is not supported");
    }

    static String show(long[] values) {
        return Arrays.toString(Arrays.stream(values).mapToObj(v -> v == Constant.BATCH ? "N" : Long.toString(v)).toArray());
    }
}
