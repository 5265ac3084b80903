package dev.vecnn.engine.model;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.layers.ActivationLayer;
import dev.vecnn.engine.layers.BatchNormLayer;
import dev.vecnn.engine.layers.Conv2dLayer;
import dev.vecnn.engine.layers.DenseLayer;
import dev.vecnn.engine.layers.DropoutLayer;
import dev.vecnn.engine.layers.FlattenLayer;
import dev.vecnn.engine.layers.Layer;
import dev.vecnn.engine.layers.PReluLayer;
import dev.vecnn.engine.layers.PoolLayer;
import dev.vecnn.engine.layers.SoftmaxLayer;
import dev.vecnn.engine.spec.LayerCall;

import java.util.List;
import java.util.Set;

/** The table of layer names the spec language knows, and the shape inference that builds them. */
final class LayerFactory {
    static final List<String> NAMES = List.of("conv", "maxpool", "avgpool", "dense", "flatten", "relu", "leakyrelu",
            "prelu", "sigmoid", "tanh", "softmax", "dropout", "spatialdropout", "batchnorm");

    /** Layers between a weighted layer and its activation that do not change which init suits it. */
    private static final Set<String> TRANSPARENT = Set.of("dropout", "spatialdropout", "batchnorm");
    private static final Set<String> RECTIFIERS = Set.of("relu", "leakyrelu", "prelu");

    private LayerFactory() {}

    /** Builds call {@code i} of {@code calls} on an input of shape {@code in}. */
    static Layer build(List<LayerCall> calls, int i, Shape in) {
        LayerCall call = calls.get(i);
        return switch (call.name()) {
            case "conv" -> Conv2dLayer.of(call, in, defaultInit(calls, i));
            case "maxpool" -> PoolLayer.of(call, in, true);
            case "avgpool" -> PoolLayer.of(call, in, false);
            case "dense" -> DenseLayer.of(call, in, defaultInit(calls, i));
            case "flatten" -> FlattenLayer.of(call, in);
            case "relu" -> ActivationLayer.of(call, in, ActivationLayer.Function.RELU);
            case "leakyrelu" -> ActivationLayer.of(call, in, ActivationLayer.Function.LEAKY_RELU);
            case "prelu" -> PReluLayer.of(call, in);
            case "sigmoid" -> ActivationLayer.of(call, in, ActivationLayer.Function.SIGMOID);
            case "tanh" -> ActivationLayer.of(call, in, ActivationLayer.Function.TANH);
            case "softmax" -> SoftmaxLayer.of(call, in);
            case "dropout" -> DropoutLayer.of(call, in, false);
            case "spatialdropout" -> DropoutLayer.of(call, in, true);
            case "batchnorm" -> BatchNormLayer.of(call, in);
            default -> throw call.error("unknown layer '" + call.name() + "'" + suggestion(call.name())
                    + " (known: " + String.join(", ", NAMES) + ")");
        };
    }

    /** He before a rectifier, Xavier otherwise (before sigmoid, tanh, softmax or at the end). */
    private static String defaultInit(List<LayerCall> calls, int i) {
        for (int j = i + 1; j < calls.size(); j++) {
            String name = calls.get(j).name();
            if (TRANSPARENT.contains(name)) continue;
            return RECTIFIERS.contains(name) ? "he" : "xavier";
        }
        return "xavier";
    }

    private static String suggestion(String name) {
        String best = null;
        int bestDistance = 3;
        for (String known : NAMES) {
            int d = editDistance(name, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best == null ? "" : ": did you mean '" + best + "'?";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++)
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
