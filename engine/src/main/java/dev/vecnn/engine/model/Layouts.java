package dev.vecnn.engine.model;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.layers.Layer;
import dev.vecnn.engine.layers.LayoutConversionLayer;
import dev.vecnn.kernels.Layout;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the activations lie channels-last. The convolutions' kernels run fastest on NHWC (output
 * channels are the vector dimension, no im2col matrix) and so does pooling (a window is one load
 * per vector of channels), while specs, model files, images and the dense layers' weights are
 * NCHW. So the run of layers from the input that have a channels-last twin
 * ({@link Layer#channelsLast}) runs NHWC, with a {@link LayoutConversionLayer} where the layout
 * changes: after the input when it has several channels (one channel lies the same either way)
 * and before the first layer without a twin (flatten, batch norm). The layout pays for the layers
 * with weights (convolutions); a run without any stays as it is (NHWC pooling of a one-channel
 * image would fill one lane per vector).
 */
public final class Layouts {
    private Layouts() {}

    public static List<Layer> channelsLast(List<Layer> layers) {
        int run = 0;
        boolean gains = false;
        for (; run < layers.size() && layers.get(run).channelsLast() != null; run++)
            gains |= layers.get(run).parameterCount() > 0;
        if (!gains) return layers;
        List<Layer> planned = new ArrayList<>();
        Shape input = layers.get(0).input();
        if (differs(input)) planned.add(new LayoutConversionLayer(input, Layout.NCHW, Layout.NHWC));
        for (int i = 0; i < run; i++) planned.add(layers.get(i).channelsLast());
        Shape boundary = layers.get(run - 1).output();
        if (run < layers.size() && differs(boundary))
            planned.add(new LayoutConversionLayer(boundary, Layout.NHWC, Layout.NCHW));
        planned.addAll(layers.subList(run, layers.size()));
        return planned;
    }

    /** True when NCHW and NHWC order the values of {@code shape} differently. */
    private static boolean differs(Shape shape) {
        return shape.channels() > 1 && shape.height() * shape.width() > 1;
    }
}
