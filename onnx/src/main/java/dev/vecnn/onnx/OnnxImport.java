package dev.vecnn.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vecnn.engine.Shape;
import dev.vecnn.engine.data.ClassNames;
import dev.vecnn.engine.io.BadFileException;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.spec.SpecException;
import dev.vecnn.onnx.proto.Onnx.ModelProto;
import dev.vecnn.onnx.proto.Onnx.StringStringEntryProto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ONNX model read as a vecnn network: the chain of operators becomes a spec, the initializers
 * its tensors, unchanged (ONNX's layouts are vecnn's). What vecnn cannot read (a corrupt or
 * truncated file, an operator, attribute or shape it has no layer for) is one
 * {@link BadFileException} line naming the file, and the node and operator where there is one.
 */
public final class OnnxImport {
    /** The largest ONNX file read: protobuf's limit for one message. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private OnnxImport() {}

    /** The network in {@code file}, for inputs of shape {@code input} (null: the shape the file gives). */
    public static ImportedModel read(Path file, Shape input) throws IOException {
        String source = file.toString();
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) throw new BadFileException(source, "too large to read as one ONNX model");
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw BadFileException.unreadable(file, e);
        }
        return fromBytes(source, bytes, input);
    }

    /** As {@link #read}, from the file's bytes; {@code source} names it in messages. */
    public static ImportedModel fromBytes(String source, byte[] bytes, Shape input) throws BadFileException {
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new BadFileException(source, "not an ONNX model, or a truncated or damaged one (" + firstSentence(e) + ")");
        }
        return fromProto(source, proto, input);
    }

    static ImportedModel fromProto(String source, ModelProto proto, Shape input) throws BadFileException {
        GraphReader.Result result;
        try {
            result = GraphReader.read(proto, input);
        } catch (ImportError e) {
            throw new BadFileException(source, e.getMessage());
        }
        LayerChain chain = result.chain();
        Model model;
        try {
            model = Model.build(chain.spec(), result.input(), 0);
        } catch (SpecException e) {
            throw new BadFileException(source, "its layers, " + chain.spec() + ", do not make a vecnn network: " + e.getMessage());
        }
        List<float[]> tensors = new ArrayList<>(chain.parameters);
        tensors.addAll(chain.buffers);
        model.loadTensors(tensors);
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("onnx-source", source);
        String producer = (proto.getProducerName() + " " + proto.getProducerVersion()).trim();
        if (!producer.isEmpty()) notes.put("onnx-producer", producer);
        notes.put("onnx-opset", Long.toString(result.opset()));
        classNames(proto, model.classes()).ifPresent(names -> names.store(notes));
        return new ImportedModel(model, notes);
    }

    /** The class names a vecnn export recorded, if they fit the network. */
    private static Optional<ClassNames> classNames(ModelProto proto, int classes) {
        for (StringStringEntryProto entry : proto.getMetadataPropsList())
            if (entry.getKey().equals(OnnxExport.CLASSES_KEY)) {
                List<String> names = List.of(entry.getValue().split(",", -1));
                if (names.size() != classes) return Optional.empty();
                try {
                    return Optional.of(new ClassNames(null, names));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        return Optional.empty();
    }

    private static String firstSentence(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int end = message.indexOf(". ");
        return (end < 0 ? message : message.substring(0, end)).replace('\n', ' ').trim();
    }
}
