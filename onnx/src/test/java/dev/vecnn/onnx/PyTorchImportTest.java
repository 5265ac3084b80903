package dev.vecnn.onnx;

import ai.onnxruntime.OrtException;
import dev.vecnn.engine.data.DataSource;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * ONNX files written by PyTorch 1.13's exporter (bench/peers/export_onnx.py; provenance in the
 * resources' README) import as the vecnn networks they describe, and vecnn's inference on the
 * imported model computes what ONNX Runtime computes from the PyTorch file itself, on real digits.
 */
class PyTorchImportTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "reference.onnx; " + OnnxRuntimeAgreementTest.REFERENCE_NETWORK,
            "view_unfolded.onnx; conv(4,3) relu maxpool(2) flatten dense(10)",
            "layers_unfolded.onnx; conv(4,3,stride=2,pad=1) prelu batchnorm avgpool(2) conv(6,3,pad=1)"
                    + " leakyrelu(slope=0.2) flatten dense(16) sigmoid dense(12) tanh dense(10)",
    })
    void aPyTorchExportImportsAndComputesWhatOnnxRuntimeComputes(String file, String spec) throws IOException, OrtException {
        byte[] onnx;
        try (InputStream in = PyTorchImportTest.class.getResourceAsStream("pytorch/" + file)) {
            assertNotNull(in, file + " is missing: run bench/peers/export_onnx.py");
            onnx = in.readAllBytes();
        }
        ImportedModel imported = OnnxImport.fromBytes(file, onnx, null);
        Model model = imported.model();
        assertEquals(spec, model.spec());
        assertEquals("pytorch 1.13.0", imported.notes().get("onnx-producer"));

        Dataset digits = DataSource.bundledSample().test().subset("first 64 test digits", firstIndices(64));
        Map<String, float[]> out;
        try (OrtModel ort = new OrtModel(onnx)) {
            out = ort.run(Agreement.inputOf(digits), Agreement.dims(model, digits.count()));
        }
        Agreement.compare(file, model, digits, out.get("logits"), null);
    }

    private static int[] firstIndices(int count) {
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) indices[i] = i;
        return indices;
    }
}
