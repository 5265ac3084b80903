package dev.vecnn.kernels.reference;

import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Im2col;

import java.util.Arrays;

/** im2col and col2im element by element, straight from the index formula. */
public final class Im2colReference implements Im2col {
    @Override
    public String name() { return "Im2colReference"; }

    @Override
    public void im2col(ConvShape s, float[] x, int xOff, float[] col, int colOff) {
        int outH = s.outH(), outW = s.outW();
        for (int c = 0; c < s.inC(); c++)
            for (int i = 0; i < s.kH(); i++)
                for (int j = 0; j < s.kW(); j++) {
                    int row = (c * s.kH() + i) * s.kW() + j;
                    for (int oy = 0; oy < outH; oy++)
                        for (int ox = 0; ox < outW; ox++) {
                            int iy = oy * s.strideH() - s.padH() + i;
                            int ix = ox * s.strideW() - s.padW() + j;
                            boolean inside = iy >= 0 && iy < s.inH() && ix >= 0 && ix < s.inW();
                            col[colOff + row * outH * outW + oy * outW + ox] =
                                    inside ? x[xOff + (c * s.inH() + iy) * s.inW() + ix] : 0f;
                        }
                }
    }

    @Override
    public void col2im(ConvShape s, float[] col, int colOff, float[] dx, int dxOff) {
        int outH = s.outH(), outW = s.outW();
        Arrays.fill(dx, dxOff, dxOff + s.inC() * s.inH() * s.inW(), 0f);
        for (int c = 0; c < s.inC(); c++)
            for (int i = 0; i < s.kH(); i++)
                for (int j = 0; j < s.kW(); j++) {
                    int row = (c * s.kH() + i) * s.kW() + j;
                    for (int oy = 0; oy < outH; oy++)
                        for (int ox = 0; ox < outW; ox++) {
                            int iy = oy * s.strideH() - s.padH() + i;
                            int ix = ox * s.strideW() - s.padW() + j;
                            if (iy >= 0 && iy < s.inH() && ix >= 0 && ix < s.inW())
                                dx[dxOff + (c * s.inH() + iy) * s.inW() + ix] +=
                                        col[colOff + row * outH * outW + oy * outW + ox];
                        }
                }
    }
}
