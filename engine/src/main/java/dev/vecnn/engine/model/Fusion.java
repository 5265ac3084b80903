package dev.vecnn.engine.model;

import dev.vecnn.engine.layers.ActivationLayer;
import dev.vecnn.engine.layers.Layer;
import dev.vecnn.engine.layers.PoolLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * The layers a model runs, which may differ from the layers its spec names: a {@code relu}
 * directly followed by a {@code maxpool} runs as one fused layer (one pass over the larger
 * tensor instead of two each way; same outputs and gradients, bit for bit). Parameters, their
 * order and the model file are untouched: fused layers have none of their own.
 */
public final class Fusion {
    private Fusion() {}

    public static List<Layer> executionLayers(Model model) {
        return reluMaxPool(model.layers());
    }

    /** {@code layers} with every relu directly followed by a maxpool fused into it. */
    static List<Layer> reluMaxPool(List<Layer> layers) {
        List<Layer> run = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (i + 1 < layers.size() && layer instanceof ActivationLayer relu
                    && relu.function() == ActivationLayer.Function.RELU
                    && layers.get(i + 1) instanceof PoolLayer pool && pool.isMax()) {
                PoolLayer fused = pool.afterRelu(relu);
                fused.setIndex(pool.index());
                run.add(fused);
                i++;
            } else {
                run.add(layer);
            }
        }
        return run;
    }
}
