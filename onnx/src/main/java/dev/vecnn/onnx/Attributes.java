package dev.vecnn.onnx;

import dev.vecnn.onnx.proto.Onnx.AttributeProto;
import dev.vecnn.onnx.proto.Onnx.AttributeProto.AttributeType;

/** The node attributes vecnn writes: integers, lists of integers and floats. */
final class Attributes {
    private Attributes() {}

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (long v : values) a.addInts(v);
        return a.build();
    }

    static AttributeProto real(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(value).build();
    }
}
