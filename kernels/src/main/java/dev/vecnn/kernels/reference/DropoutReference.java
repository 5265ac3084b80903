package dev.vecnn.kernels.reference;

import dev.vecnn.kernels.ChannelShape;
import dev.vecnn.kernels.Dropout;

/** Dropout as a product with the caller's mask. */
public final class DropoutReference implements Dropout {
    @Override
    public String name() { return "DropoutReference"; }

    @Override
    public void apply(int n, float[] x, int xOff, float[] mask, int maskOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) y[yOff + i] = x[xOff + i] * mask[maskOff + i];
    }

    @Override
    public void applyPerChannel(ChannelShape s, float[] x, int xOff, float[] mask, int maskOff, float[] y, int yOff) {
        for (int plane = 0; plane < s.batch() * s.channels(); plane++)
            for (int p = 0; p < s.spatial(); p++) {
                int i = plane * s.spatial() + p;
                y[yOff + i] = x[xOff + i] * mask[maskOff + plane];
            }
    }
}
