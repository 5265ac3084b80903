package dev.vecnn.engine.model;

import dev.vecnn.engine.layers.ActivationLayer;
import dev.vecnn.engine.layers.BatchNormLayer;
import dev.vecnn.engine.layers.Conv2dLayer;
import dev.vecnn.engine.layers.DenseLayer;
import dev.vecnn.engine.layers.DropoutLayer;
import dev.vecnn.engine.layers.FusedConv2dLayer;
import dev.vecnn.engine.layers.FusedDenseLayer;
import dev.vecnn.engine.layers.Layer;
import dev.vecnn.engine.layers.PoolLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * The layers a model runs at inference, forward only: dropout is gone (the identity); a
 * {@code conv} takes the {@code batchnorm}, {@code relu} and {@code maxpool(p)} (windows side by
 * side) that directly follow it into one {@link FusedConv2dLayer}, and a {@code dense} the
 * {@code batchnorm} and {@code relu} after it into a {@link FusedDenseLayer}; a relu and a
 * maxpool left over run fused as in training ({@link Fusion}); then the run from the input lies
 * channels-last ({@link Layouts}). The results agree with the training plan's forward pass within
 * DESIGN.md's tolerance rule, not bit for bit: a folded norm rounds differently.
 */
public final class InferenceLayers {
    private InferenceLayers() {}

    public static List<Layer> of(Model model) {
        List<Layer> layers = new ArrayList<>(), run = new ArrayList<>();
        for (Layer layer : model.layers()) if (!(layer instanceof DropoutLayer)) layers.add(layer);
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            int next = i + 1;
            BatchNormLayer norm = null;
            if (next < layers.size() && layers.get(next) instanceof BatchNormLayer bn && bn.input().equals(layer.output())
                    && (layer instanceof Conv2dLayer || layer instanceof DenseLayer)) {
                norm = bn;
                next++;
            }
            boolean relu = next < layers.size() && (layer instanceof Conv2dLayer || layer instanceof DenseLayer)
                    && layers.get(next) instanceof ActivationLayer a && a.function() == ActivationLayer.Function.RELU;
            if (relu) next++;
            int pool = 1;
            if (relu && layer instanceof Conv2dLayer && next < layers.size() && layers.get(next) instanceof PoolLayer p
                    && sideBySide(p)) {
                pool = p.size();
                next++;
            }
            String text = text(layers.subList(i, next));
            if (next == i + 1) run.add(layer);
            else if (layer instanceof Conv2dLayer conv) run.add(new FusedConv2dLayer(text, conv, norm, relu, pool));
            else run.add(new FusedDenseLayer(text, (DenseLayer) layer, norm, relu));
            i = next - 1;
        }
        return Layouts.channelsLast(Fusion.reluMaxPool(run));
    }

    /** A max pooling the fused convolution computes: windows side by side, no padding. */
    private static boolean sideBySide(PoolLayer pool) {
        return pool.isMax() && pool.stride() == pool.size() && pool.pad() == 0;
    }

    private static String text(List<Layer> layers) {
        return String.join(" ", layers.stream().map(Layer::text).toList());
    }
}
