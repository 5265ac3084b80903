package dev.vecnn.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/** An ONNX model loaded by ONNX Runtime (one thread: the tests share two cores), run on float32 inputs. */
final class OrtModel implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    OrtModel(byte[] onnx) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = env.createSession(onnx, options);
        }
    }

    String inputName() { return session.getInputNames().iterator().next(); }

    /** Every output of the model for {@code input} of dimensions {@code dims}, as flat arrays by name. */
    Map<String, float[]> run(float[] input, long... dims) throws OrtException {
        Map<String, float[]> outputs = new HashMap<>();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), dims);
             OrtSession.Result result = session.run(Map.of(inputName(), tensor))) {
            for (Map.Entry<String, OnnxValue> e : result) {
                FloatBuffer values = ((OnnxTensor) e.getValue()).getFloatBuffer();
                float[] flat = new float[values.remaining()];
                values.get(flat);
                outputs.put(e.getKey(), flat);
            }
        }
        return outputs;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
