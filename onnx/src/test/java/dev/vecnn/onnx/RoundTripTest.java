package dev.vecnn.onnx;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.io.BadFileException;
import dev.vecnn.engine.model.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Export then import gives back the network and every tensor, bit for bit. */
class RoundTripTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            // spec; input; the spec the import writes (empty: the same)
            OnnxRuntimeAgreementTest.REFERENCE_NETWORK + "; 1x28x28;",
            "conv(4,3,stride=2,pad=1) leakyrelu(0.2) maxpool(3,stride=2,pad=1) flatten dense(5); 3x13x13;"
                    + " conv(4,3,stride=2,pad=1) leakyrelu(slope=0.2) maxpool(3,stride=2,pad=1) flatten dense(5)",
            "conv(6,5,pad=same) prelu(0.3) avgpool(2) batchnorm flatten dense(7) tanh dense(3); 2x10x10;"
                    + " conv(6,5,pad=2) prelu avgpool(2) batchnorm flatten dense(7) tanh dense(3)",
            "flatten dense(9) batchnorm(momentum=0.3,eps=1e-3) sigmoid dropout(0.25) dense(4) softmax; 1x6x6;"
                    + " flatten dense(9) batchnorm(momentum=0.3,eps=0.001) sigmoid dropout(p=0.25) dense(4)",
            "conv(3,3) spatialdropout(0.2) dropout flatten dense(3); 1x6x6; conv(3,3) dropout(p=0.2) dropout flatten dense(3)",
            "dense(6) leakyrelu dense(3); 20;",
    })
    /**
     * Arguments come back in the form the import writes them; a final softmax comes back as the
     * probabilities vecnn computes anyway (the logits are the model's output).
     */
    void exportThenImportGivesBackTheSameTensorsBitForBit(String spec, String input, String imported)
            throws BadFileException {
        Model model = Model.build(spec, Shape.parse(input), 5);
        Agreement.randomizeStatistics(model, 6);
        byte[] onnx = OnnxExport.toProto(model, new ExportSettings(17, 0, null, List.of(), 0)).toByteArray();
        Model back = OnnxImport.fromBytes("exported.onnx", onnx, null).model();
        assertEquals(imported == null ? model.spec() : imported.trim(), back.spec());
        assertEquals(model.input(), back.input());
        List<float[]> expected = model.copyTensors(), actual = back.copyTensors();
        assertEquals(expected.size(), actual.size());
        for (int t = 0; t < expected.size(); t++) {
            int[] a = new int[expected.get(t).length], b = new int[actual.get(t).length];
            for (int i = 0; i < a.length; i++) a[i] = Float.floatToRawIntBits(expected.get(t)[i]);
            for (int i = 0; i < b.length; i++) b[i] = Float.floatToRawIntBits(actual.get(t)[i]);
            assertArrayEquals(a, b, model.tensorNames().get(t));
        }
    }
}
