package dev.vecnn.peers;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * ONNX Runtime's side of {@code bench/peers/compare --infer}: runs a model that {@code vecnn export}
 * wrote over the test images of an MNIST-layout directory as {@code vecnn bench --infer} does: one
 * pass over every test image in batches of {@code --batch B} (its accuracy), {@code --warmup W}
 * untimed batches, then {@code --batches N} timed ones, the batches walking through the test
 * images in order, whole batches only, starting again at the first. Each batch's pixels are turned
 * into floats (byte / 255, what vecnn computes on) inside the timed loop, as vecnn does. Intra-op
 * threads: {@code --threads T}, no inter-op parallelism, every graph optimisation. Prints one JSON
 * line.
 *
 * <pre>java -jar bench/peers/target/ort-inference.jar --model M.onnx --data DIR --threads 2 --batch 64</pre>
 */
public final class OrtInference {
    private OrtInference() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path model = Path.of(required(options, "--model"));
        Path data = Path.of(required(options, "--data"));
        int threads = number(options, "--threads", Runtime.getRuntime().availableProcessors());
        int batch = number(options, "--batch", 64);
        int warmup = number(options, "--warmup", 2000);
        int batches = number(options, "--batches", 2000);
        byte[] images = idx(data, "t10k-images", 3);
        byte[] labels = idx(data, "t10k-labels", 1);
        int pixels = images.length / labels.length;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(threads);
            opts.setInterOpNumThreads(1);
            opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession session = env.createSession(model.toString(), opts)) {
                long[] shape = session.getInputInfo().values().iterator().next().getInfo() instanceof ai.onnxruntime.TensorInfo t
                        ? t.getShape() : null;
                if (shape == null || shape.length != 4 || shape[1] * shape[2] * shape[3] != pixels)
                    throw new IllegalArgumentException(model + ": its input is not N x C x H x W of " + pixels + " pixels");
                Runner runner = new Runner(env, session, images, labels, pixels, batch, shape);
                int correct = 0;
                for (int from = 0; from < labels.length; from += batch)
                    correct += runner.batch(from, Math.min(batch, labels.length - from));
                int perPass = labels.length / batch;
                for (int b = 0; b < warmup; b++) runner.batch(b % perPass * batch, batch);
                long start = System.nanoTime();
                for (int b = warmup; b < warmup + batches; b++) runner.batch(b % perPass * batch, batch);
                double seconds = (System.nanoTime() - start) * 1e-9;
                System.out.printf(Locale.ROOT, "{\"tool\":\"ONNX Runtime %s\",\"imagesPerSecond\":%.1f,\"accuracy\":%.6f,"
                                + "\"count\":%d,\"batch\":%d,\"threads\":%d,\"warmup\":%d,\"batches\":%d,\"seconds\":%.5f}%n",
                        env.getVersion(), (double) batches * batch / seconds, (double) correct / labels.length,
                        labels.length, batch, threads, warmup, batches, seconds);
            }
        }
    }

    /** Batches of images: pixels to floats in a reused direct buffer, the session run, argmax. */
    private static final class Runner {
        private final OrtEnvironment env;
        private final OrtSession session;
        private final byte[] images;
        private final byte[] labels;
        private final int pixels;
        private final int batch;
        private final long[] shape;
        private final FloatBuffer input;
        private final String inputName;

        Runner(OrtEnvironment env, OrtSession session, byte[] images, byte[] labels, int pixels, int batch, long[] shape) {
            this.env = env;
            this.session = session;
            this.images = images;
            this.labels = labels;
            this.pixels = pixels;
            this.batch = batch;
            this.shape = shape.clone();
            this.input = ByteBuffer.allocateDirect(batch * pixels * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            this.inputName = session.getInputNames().iterator().next();
        }

        /** Runs images from .. from + count - 1; returns the correct answers. */
        int batch(int from, int count) throws OrtException {
            input.clear();
            for (int i = from * pixels, end = (from + count) * pixels; i < end; i++) input.put((images[i] & 0xff) / 255f);
            input.flip();
            shape[0] = count;
            int correct = 0;
            try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, shape);
                 OrtSession.Result result = session.run(Map.of(inputName, tensor), Set.of("logits"))) {
                float[][] logits = (float[][]) result.get(0).getValue();
                for (int n = 0; n < count; n++) {
                    int best = 0;
                    for (int c = 1; c < logits[n].length; c++) if (logits[n][c] > logits[n][best]) best = c;
                    if (best == (labels[from + n] & 0xff)) correct++;
                }
            }
            return correct;
        }
    }

    /** The payload of the IDX file {@code stem-idxN-ubyte} (or with a dot, or .gz; raw or gzip by its bytes). */
    private static byte[] idx(Path dir, String stem, int rank) throws IOException {
        for (String name : List.of(stem + "-idx" + rank + "-ubyte", stem + ".idx" + rank + "-ubyte")) {
            for (String suffix : List.of("", ".gz")) {
                Path file = dir.resolve(name + suffix);
                if (!Files.isRegularFile(file)) continue;
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b)
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                        bytes = in.readAllBytes();
                    }
                int header = 4 + 4 * bytes[3];
                return Arrays.copyOfRange(bytes, header, bytes.length);
            }
        }
        throw new IllegalArgumentException(dir + ": no " + stem + "-idx" + rank + "-ubyte(.gz)");
    }

    private static Map<String, String> options(String[] args) {
        if (args.length % 2 != 0) throw new IllegalArgumentException("options come in pairs: --name value");
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i += 2) options.put(args[i], args[i + 1]);
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) throw new IllegalArgumentException(name + " is required");
        return value;
    }

    private static int number(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
