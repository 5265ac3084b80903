package dev.vecnn.onnx;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.io.BadFileException;
import dev.vecnn.engine.model.Model;
import dev.vecnn.onnx.proto.Onnx.AttributeProto;
import dev.vecnn.onnx.proto.Onnx.ModelProto;
import dev.vecnn.onnx.proto.Onnx.NodeProto;
import dev.vecnn.onnx.proto.Onnx.TensorProto;
import dev.vecnn.onnx.proto.Onnx.TensorShapeProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Corrupt, truncated and unsupported ONNX files: one line naming the file and what is wrong, and where. */
class BadOnnxFilesTest {
    private static final String SPEC = "conv(4,3) relu maxpool(2) flatten dense(3)";
    private final Model model = Model.build(SPEC, new Shape(1, 8, 8), 1);
    private final byte[] good = export().toByteArray();

    private ModelProto export() {
        return OnnxExport.toProto(model, new ExportSettings(17, 0, null, List.of(), 0));
    }

    private static String problem(byte[] bytes, Shape input) {
        BadFileException e = assertThrows(BadFileException.class, () -> OnnxImport.fromBytes("m.onnx", bytes, input));
        String message = e.getMessage();
        assertTrue(message.startsWith("m.onnx: "), message);
        assertFalse(message.contains("\n"), "one line: " + message);
        return message;
    }

    private String problem(Consumer<ModelProto.Builder> damage) {
        ModelProto.Builder b = export().toBuilder();
        damage.accept(b);
        return problem(b.build().toByteArray(), null);
    }

    private static void assertContains(String expected, String message) {
        assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
    }

    private NodeProto.Builder node(ModelProto.Builder b, String name) {
        return b.getGraphBuilder().getNodeBuilderList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theUndamagedExportImports() throws BadFileException {
        assertEquals(SPEC, OnnxImport.fromBytes("m.onnx", good, null).model().spec());
    }

    @Test
    void anEmptyFileIsNotAnOnnxModel() {
        assertContains("not an ONNX model", problem(new byte[0], null));
    }

    @Test
    void aTextFileIsNotAnOnnxModel() {
        assertContains("not an ONNX model", problem("conv(4,3) relu\nflatten dense(3)\n".getBytes(StandardCharsets.UTF_8), null));
    }

    @Test
    void aDamagedHeaderIsReported() {
        byte[] bytes = good.clone();
        Arrays.fill(bytes, 0, 12, (byte) 0xFF);
        problem(bytes, null);
    }

    /** Cut anywhere: in the header, in the weights, in the nodes, one byte short. */
    @ParameterizedTest
    @ValueSource(doubles = {0.001, 0.1, 0.5, 0.9, 0.999})
    void aTruncatedFileIsReported(double fraction) {
        int length = Math.max(1, (int) (good.length * fraction));
        if (fraction == 0.999) length = good.length - 1;
        problem(Arrays.copyOf(good, length), null);
    }

    @Test
    void anUnsupportedOperatorIsNamedWithItsNode() {
        String message = problem(b -> node(b, "2.relu").setOpType("Elu"));
        assertContains("node '2.relu' (Elu): operator Elu is not supported", message);
    }

    @Test
    void anUnsupportedAttributeValueIsNamed() {
        String message = problem(b -> {
            NodeProto.Builder conv = node(b, "1.conv");
            for (AttributeProto.Builder a : conv.getAttributeBuilderList())
                if (a.getName().equals("dilations")) a.setInts(0, 2).setInts(1, 2);
        });
        assertContains("node '1.conv' (Conv): dilations [2, 2] are not supported", message);
    }

    @Test
    void anUnknownAttributeIsNamed() {
        String message = problem(b -> node(b, "3.maxpool").addAttribute(Attributes.integer("frobnicate", 1)));
        assertContains("node '3.maxpool' (MaxPool): attribute 'frobnicate' is not supported", message);
    }

    @Test
    void aNonSquareKernelIsNamed() {
        String message = problem(b -> {
            TensorProto.Builder w = b.getGraphBuilder().getInitializerBuilderList().stream()
                    .filter(t -> t.getName().equals("1.conv.weight")).findFirst().orElseThrow();
            w.setDims(2, 1).setDims(3, 9);
            for (AttributeProto.Builder a : node(b, "1.conv").getAttributeBuilderList())
                if (a.getName().equals("kernel_shape")) a.setInts(0, 1).setInts(1, 9);
        });
        assertContains("node '1.conv' (Conv): kernel 1x9 is not square", message);
    }

    @Test
    void aSkipConnectionIsRefused() {
        String message = problem(b -> {
            node(b, "2.relu").setOutput(0, "relu_out");
            b.getGraphBuilder().addNode(2, NodeProto.newBuilder().setOpType("Add").setName("skip")
                    .addInput("relu_out").addInput("1.conv.output").addOutput("2.relu.output"));
        });
        assertContains("node 'skip' (Add): it reads '1.conv.output', an earlier layer's output", message);
    }

    @Test
    void halfPrecisionWeightsAreNamed() {
        String message = problem(b -> b.getGraphBuilder().getInitializerBuilderList().stream()
                .filter(t -> t.getName().equals("5.dense.weight")).findFirst().orElseThrow()
                .setDataType(TensorProto.DataType.FLOAT16_VALUE));
        assertContains("initializer '5.dense.weight' holds float16 values", message);
    }

    @Test
    void aSecondOutputThatIsNotTheProbabilitiesIsRefused() {
        String message = problem(b -> b.getGraphBuilder().addOutput(b.getGraph().getInput(0).toBuilder().setName("1.conv.output")));
        assertContains("output '1.conv.output' is not the Softmax of the first output 'logits'", message);
    }

    @Test
    void anInputOfUnknownSizeAsksForDashDashInput() throws BadFileException {
        ModelProto.Builder b = export().toBuilder();
        b.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                .setDim(2, TensorShapeProto.Dimension.newBuilder().setDimParam("height"))
                .setDim(3, TensorShapeProto.Dimension.newBuilder().setDimParam("width"));
        byte[] bytes = b.build().toByteArray();
        assertContains("input 'input' is N x 1x?x?: give its size with --input", problem(bytes, null));
        assertContains("does not fit --input 3x8x8", problem(bytes, new Shape(3, 8, 8)));
        assertEquals(new Shape(1, 8, 8), OnnxImport.fromBytes("m.onnx", bytes, new Shape(1, 8, 8)).model().input());
    }

    @Test
    void anOpsetNewerThanVecnnKnowsIsNamed() {
        String message = problem(b -> b.getOpsetImportBuilder(0).setVersion(99));
        assertContains("opset 99 is not supported", message);
    }

    @Test
    void aNetworkThatDoesNotEndFlatIsNamed() {
        String message = problem(b -> {
            List<NodeProto> nodes = b.getGraph().getNodeList();
            b.getGraphBuilder().clearNode().addAllNode(nodes.subList(0, 3)).addNode(nodes.get(nodes.size() - 1));
            node(b, "3.maxpool").setOutput(0, "logits");
        });
        assertContains("output 'logits' is a 4x3x3 image; a classifier ends with one score per class", message);
    }
}
