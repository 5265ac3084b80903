package dev.vecnn.onnx;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.onnx.proto.Onnx.ModelProto;
import dev.vecnn.onnx.proto.Onnx.NodeProto;
import dev.vecnn.onnx.proto.Onnx.TensorProto;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The agreement check fails exports that compute something slightly or plainly different. */
class AgreementCatchesWrongExportsTest {
    private static final String SPEC = "conv(4,3) leakyrelu(0.2) flatten dense(12) relu dense(12) dense(3)";
    private final Model model = Model.build(SPEC, new Shape(1, 8, 8), 21);
    private final Dataset data = Agreement.randomImages(model, 9, 22);
    private final ExportSettings settings = new ExportSettings(17, 0, null, List.of("a", "b", "c"), 0);

    @Test
    void theExportAsWrittenPasses() {
        assertDoesNotThrow(() -> Agreement.check(SPEC, model, data, settings));
    }

    @Test
    void aSquareDenseLayerReadTransposedFails() {
        assertFails(b -> {
            NodeProto.Builder gemm = b.getGraphBuilder().getNodeBuilderList().stream()
                    .filter(n -> n.getName().equals("6.dense")).findFirst().orElseThrow();
            gemm.clearAttribute();
            return b;
        });
    }

    /** A layout mistake: each 3x3 kernel written transposed (kw, kh). */
    @Test
    void transposedConvolutionKernelsFail() {
        assertFails(b -> rewrite(b, "1.conv.weight", (w, dims) -> {
            float[] t = w.clone();
            for (int plane = 0; plane < w.length / 9; plane++)
                for (int i = 0; i < 3; i++)
                    for (int j = 0; j < 3; j++) t[plane * 9 + j * 3 + i] = w[plane * 9 + i * 3 + j];
            return t;
        }));
    }

    /** A layout mistake: the first dense layer reading the flattened features in (h, w, c) order instead of (c, h, w). */
    @Test
    void aFlattenInChannelsLastOrderFails() {
        assertFails(b -> rewrite(b, "4.dense.weight", (w, dims) -> {
            int c = 4, hw = 36, inputs = c * hw;
            float[] t = new float[w.length];
            for (int unit = 0; unit < w.length / inputs; unit++)
                for (int ch = 0; ch < c; ch++)
                    for (int p = 0; p < hw; p++) t[unit * inputs + p * c + ch] = w[unit * inputs + ch * hw + p];
            return t;
        }));
    }

    @Test
    void aLeakySlopeOfPointTwoOneInsteadOfPointTwoFails() {
        assertFails(b -> {
            b.getGraphBuilder().getNodeBuilderList().stream().filter(n -> n.getOpType().equals("LeakyRelu"))
                    .findFirst().orElseThrow().getAttributeBuilder(0).setF(0.21f);
            return b;
        });
    }

    private static ModelProto.Builder rewrite(ModelProto.Builder b, String name,
                                              java.util.function.BiFunction<float[], long[], float[]> change) {
        TensorProto.Builder t = b.getGraphBuilder().getInitializerBuilderList().stream()
                .filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
        long[] dims = Tensors.dims(t.build());
        t.setRawData(Tensors.floats(name, dims, change.apply(Tensors.readFloats(t.build(), name), dims)).getRawData());
        return b;
    }

    private void assertFails(UnaryOperator<ModelProto.Builder> damage) {
        ModelProto damaged = damage.apply(OnnxExport.toProto(model, settings).toBuilder()).build();
        assertThrows(AssertionFailedError.class, () -> Agreement.check("damaged", model, data, settings, damaged));
    }
}
