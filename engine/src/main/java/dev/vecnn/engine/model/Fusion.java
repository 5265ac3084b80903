package dev.vecnn.engine.model;

import dev.vecnn.engine.layers.ActivationLayer;
import dev.vecnn.engine.layers.Conv2dLayer;
import dev.vecnn.engine.layers.ConvReluPoolLayer;
import dev.vecnn.engine.layers.Layer;
import dev.vecnn.engine.layers.PoolLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * The layers a model trains with, which may differ from the layers its spec names: a {@code relu}
 * directly followed by a {@code maxpool} runs as one fused layer (one pass over the larger
 * tensor instead of two each way; same outputs and gradients, bit for bit), and a {@code conv}
 * directly followed by that fused pooling, with windows side by side, as one more
 * ({@link ConvReluPoolLayer}: the convolution's output is never written).
 * Parameters, their order and the model file are untouched: fused layers have none of their own.
 */
public final class Fusion {
    private Fusion() {}

    public static List<Layer> executionLayers(Model model) {
        return convReluPool(reluMaxPool(model.layers()));
    }

    /** {@code layers} with every conv directly followed by a fused relu + maxpool it can run fused into it. */
    static List<Layer> convReluPool(List<Layer> layers) {
        List<Layer> run = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Conv2dLayer conv && i + 1 < layers.size()
                    && ConvReluPoolLayer.fits(conv, layers.get(i + 1))) {
                run.add(new ConvReluPoolLayer(conv, (PoolLayer) layers.get(i + 1)));
                i++;
            } else {
                run.add(layers.get(i));
            }
        }
        return run;
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
