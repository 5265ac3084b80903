package dev.vecnn.onnx;

import com.google.protobuf.ByteString;
import dev.vecnn.onnx.proto.Onnx.TensorProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ONNX tensors to and from Java arrays. vecnn writes float32 and int64 values as {@code raw_data}
 * (little-endian bytes, as PyTorch and ONNX Runtime do), so every bit of a weight survives; it reads
 * either {@code raw_data} or the typed repeated fields.
 */
final class Tensors {
    private Tensors() {}

    static TensorProto floats(String name, long[] dims, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(boxed(dims)).setRawData(ByteString.copyFrom(bytes.array())).build();
    }

    static TensorProto int64s(String name, long[] dims, long[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addAllDims(boxed(dims)).setRawData(ByteString.copyFrom(bytes.array())).build();
    }

    /** The number of elements {@code dims} describe (1 for a scalar); an {@link ImportError} if negative or too large. */
    static int elementCount(long[] dims, String what) {
        long count = 1;
        for (long d : dims) {
            if (d < 0) throw new ImportError(what + " has a negative dimension " + d);
            count *= d;
            if (count > Integer.MAX_VALUE) throw new ImportError(what + " is too large (" + count + "+ elements)");
        }
        return (int) count;
    }

    static long[] dims(TensorProto t) {
        long[] dims = new long[t.getDimsCount()];
        for (int i = 0; i < dims.length; i++) dims[i] = t.getDims(i);
        return dims;
    }

    /** A float32 tensor's values; {@code what} names it in errors. */
    static float[] readFloats(TensorProto t, String what) {
        checkStoredInside(t, what);
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE)
            throw new ImportError(what + " holds " + typeName(t.getDataType()) + " values; vecnn reads float32 tensors");
        int count = elementCount(dims(t), what);
        float[] values = new float[count];
        if (t.hasRawData()) {
            ByteString raw = t.getRawData();
            if (raw.size() != 4L * count)
                throw new ImportError(what + " has " + raw.size() + " bytes of data for " + count + " float32 values");
            raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        } else {
            if (t.getFloatDataCount() != count)
                throw new ImportError(what + " has " + t.getFloatDataCount() + " values for its " + count + " elements");
            for (int i = 0; i < count; i++) values[i] = t.getFloatData(i);
        }
        return values;
    }

    /** An int64 or int32 tensor's values (shapes, axes, indices); {@code what} names it in errors. */
    static long[] readIntegers(TensorProto t, String what) {
        checkStoredInside(t, what);
        int count = elementCount(dims(t), what);
        long[] values = new long[count];
        int type = t.getDataType();
        if (type != TensorProto.DataType.INT64_VALUE && type != TensorProto.DataType.INT32_VALUE)
            throw new ImportError(what + " holds " + typeName(type) + " values where integers are expected");
        boolean wide = type == TensorProto.DataType.INT64_VALUE;
        if (t.hasRawData()) {
            ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            if (raw.remaining() != (wide ? 8L : 4L) * count)
                throw new ImportError(what + " has " + raw.remaining() + " bytes of data for " + count + " "
                        + typeName(type) + " values");
            for (int i = 0; i < count; i++) values[i] = wide ? raw.getLong() : raw.getInt();
        } else {
            int stored = wide ? t.getInt64DataCount() : t.getInt32DataCount();
            if (stored != count)
                throw new ImportError(what + " has " + stored + " values for its " + count + " elements");
            for (int i = 0; i < count; i++) values[i] = wide ? t.getInt64Data(i) : t.getInt32Data(i);
        }
        return values;
    }

    static String typeName(int dataType) {
        TensorProto.DataType type = TensorProto.DataType.forNumber(dataType);
        return type == null ? "data type " + dataType : type.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void checkStoredInside(TensorProto t, String what) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0)
            throw new ImportError(what + " keeps its data in an external file, which vecnn does not read");
    }

    private static Iterable<Long> boxed(long[] dims) {
        return java.util.Arrays.stream(dims).boxed().toList();
    }
}
