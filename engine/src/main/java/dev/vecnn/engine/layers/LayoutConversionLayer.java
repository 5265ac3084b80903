package dev.vecnn.engine.layers;

import dev.vecnn.engine.Shape;
import dev.vecnn.kernels.Layout;

/**
 * Not in any spec: the execution plan puts it where the activations change layout, between a run
 * of channels-last layers and the NCHW ones around it (the input images, flatten and what follows).
 * Forward: each image of (c, h, w) values re-laid out from one layout to the other; backward: the
 * gradient back the other way. One pass over a small tensor: it runs once at each boundary, so the
 * layers in between never re-lay out their data.
 */
public final class LayoutConversionLayer extends Layer {
    private final Layout from;
    private final Layout to;

    public LayoutConversionLayer(Shape shape, Layout from, Layout to) {
        super("(" + from + " to " + to + ")", shape, shape);
        this.from = from;
        this.to = to;
    }

    @Override
    public String kind() { return "layout"; }

    @Override
    public double forwardFlops() { return 0; }

    @Override
    public void forward(Pass pass, int batch, float[] x, float[] y, LayerState state) {
        convert(batch, x, from, y, to);
    }

    @Override
    public void backwardData(Pass pass, int batch, float[] x, float[] y, float[] dy, float[] dx, LayerState state) {
        convert(batch, dy, to, dx, from);
    }

    /** Image by image, pixel by pixel: element (c, p) of an image of HW pixels lies at c * HW + p in NCHW and p * C + c in NHWC. */
    private void convert(int batch, float[] src, Layout srcLayout, float[] dst, Layout dstLayout) {
        int channels = in.channels(), pixels = in.spatial(), image = in.size();
        boolean toChannelsFirst = srcLayout == Layout.NHWC && dstLayout == Layout.NCHW;
        for (int n = 0; n < batch; n++) {
            int base = n * image;
            for (int p = 0; p < pixels; p++)
                for (int c = 0; c < channels; c++) {
                    int last = base + p * channels + c, first = base + c * pixels + p;
                    if (toChannelsFirst) dst[first] = src[last];
                    else dst[last] = src[first];
                }
        }
    }
}
