package dev.vecnn.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one sweep run gave: its id and options; the validation accuracy of the model it names (its
 * best epoch, as vecnn train chooses it) and that model's test accuracy, as fractions (NaN without
 * validation or test images); the run's wall-clock seconds in its task (reading the data,
 * training, validating, testing, copying its files); the training images per second; the model's
 * URI; and, for a run that failed (a bad spec, a diverged loss), its error instead.
 */
public record RunResult(String run, Map<String, String> options, double valAccuracy, double testAccuracy, double seconds,
                        double imagesPerSecond, String model, String error) implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RunResult {
        options = new LinkedHashMap<>(options);
    }

    public static RunResult failed(String run, Map<String, String> options, double seconds, String error) {
        return new RunResult(run, options, Double.NaN, Double.NaN, seconds, Double.NaN, null, error);
    }

    public boolean ok() { return error == null; }

    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("run", run);
        ObjectNode opts = node.putObject("options");
        options.forEach(opts::put);
        putNumber(node, "val_accuracy", valAccuracy);
        putNumber(node, "test_accuracy", testAccuracy);
        putNumber(node, "seconds", seconds);
        putNumber(node, "images_per_second", imagesPerSecond);
        node.put("model", model);
        node.put("error", error);
        return node;
    }

    public String toJsonText() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson()) + "\n";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static RunResult fromJsonText(String source, String text) throws IOException {
        JsonNode node = JSON.readTree(text);
        if (node == null || !node.hasNonNull("run") || !node.has("options"))
            throw new IOException(source + ": not a run result written by vecnn-spark sweep");
        Map<String, String> options = new LinkedHashMap<>();
        node.get("options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asText()));
        return new RunResult(node.get("run").asText(), options, number(node, "val_accuracy"), number(node, "test_accuracy"),
                number(node, "seconds"), number(node, "images_per_second"), text(node, "model"), text(node, "error"));
    }

    private static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) node.put(name, value);
        else node.putNull(name);
    }

    private static double number(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Double.NaN : value.asDouble();
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
