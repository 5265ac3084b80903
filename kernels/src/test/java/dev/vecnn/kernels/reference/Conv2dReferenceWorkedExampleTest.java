package dev.vecnn.kernels.reference;

import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Workspace;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The reference convolution on examples small enough to work out by hand; the sums are in the comments. */
class Conv2dReferenceWorkedExampleTest {
    private final Conv2dReference conv = new Conv2dReference();
    private final Workspace ws = new Workspace();

    /** x = 1..9 in a 3x3 image, w = [[1, 2], [3, 4]], bias 0.5, stride 1, no padding. */
    private static final ConvShape ONE_CHANNEL = new ConvShape(1, 1, 3, 3, 1, 2, 2, 1, 1, 0, 0);
    private static final float[] X = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    private static final float[] W = {1, 2, 3, 4};

    @Test
    void forwardOneChannel() {
        float[] y = new float[4];
        conv.forward(ONE_CHANNEL, X, 0, W, 0, new float[]{0.5f}, 0, y, 0, ws);
        // y00 = 1*1 + 2*2 + 3*4 + 4*5 = 37;  y01 = 1*2 + 2*3 + 3*5 + 4*6 = 47
        // y10 = 1*4 + 2*5 + 3*7 + 4*8 = 67;  y11 = 1*5 + 2*6 + 3*8 + 4*9 = 77;  each + 0.5
        assertArrayEquals(new float[]{37.5f, 47.5f, 67.5f, 77.5f}, y);
    }

    @Test
    void backwardOneChannel() {
        float[] dy = {1, 1, 1, 1};
        float[] dx = new float[9];
        conv.backwardData(ONE_CHANNEL, dy, 0, W, 0, dx, 0, ws);
        // Each pixel gathers the weights of the windows that cover it: the corners one weight, the
        // edges two (1 + 2, 1 + 3, 2 + 4, 3 + 4), the centre all four (10).
        assertArrayEquals(new float[]{1, 3, 2, 4, 10, 6, 3, 7, 4}, dx);

        float[] dw = {100, 100, 100, 100}, db = {100};
        conv.backwardWeights(ONE_CHANNEL, X, 0, dy, 0, dw, 0, db, 0, ws);
        // dw[i][j] = the sum of the window of x shifted by (i, j), added to 100:
        // 1+2+4+5 = 12, 2+3+5+6 = 16, 4+5+7+8 = 24, 5+6+8+9 = 28; db = 100 + 4.
        assertArrayEquals(new float[]{112, 116, 124, 128}, dw);
        assertArrayEquals(new float[]{104}, db);
    }

    /**
     * Two 2x2 input channels, two 2x2 output channels, padding 1, stride 2: every window holds
     * exactly one real pixel per channel, at the window corner opposite the padding.
     * Window (0,0) sees pixel (0,0) at kernel position (1,1); (0,1) sees (0,1) at (1,0);
     * (1,0) sees (1,0) at (0,1); (1,1) sees (1,1) at (0,0).
     */
    @Test
    void forwardTwoChannelsStrideTwoPaddingOne() {
        ConvShape s = new ConvShape(1, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1);
        float[] x = {1, 2, 3, 4, /* channel 1 */ -1, 0, 2, 1};
        float[] w = {1, 2, 3, 4, /* k0 c1 */ 5, 6, 7, 8, /* k1 c0 */ 0, 1, 0, 0, /* k1 c1 */ 1, 0, 0, -2};
        float[] y = new float[8];
        conv.forward(s, x, 0, w, 0, new float[]{1, -1}, 0, y, 0, ws);
        // k0: (0,0) 4*1 + 8*(-1) + 1 = -3; (0,1) 3*2 + 7*0 + 1 = 7; (1,0) 2*3 + 6*2 + 1 = 19; (1,1) 1*4 + 5*1 + 1 = 10
        // k1: (0,0) 0*1 + (-2)*(-1) - 1 = 1; (0,1) 0*2 + 0*0 - 1 = -1; (1,0) 1*3 + 0*2 - 1 = 2; (1,1) 0*4 + 1*1 - 1 = 0
        assertArrayEquals(new float[]{-3, 7, 19, 10, 1, -1, 2, 0}, y);
    }
}
