package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Conv2d;
import dev.vecnn.kernels.Conv2dReluPool;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.PoolShape;
import dev.vecnn.kernels.Pooling;
import dev.vecnn.kernels.Workspace;
import dev.vecnn.kernels.reference.Conv2dReference;
import dev.vecnn.kernels.reference.Conv2dReluPoolReference;
import dev.vecnn.kernels.reference.PoolingReference;

import java.util.concurrent.atomic.LongAdder;

/**
 * The reference twins as the simd kernels call them for shapes they do not cover, counting every
 * such call: a differential test cannot tell a kernel that computes a shape from one that hands it
 * to its twin, so ReferenceHandOffsTest proves with this count that the production shapes never
 * take that path. One increment per handed-off call, never in a covered call.
 */
final class ReferenceHandOffs {
    private static final LongAdder CALLS = new LongAdder();

    private ReferenceHandOffs() {}

    /** Calls handed to a reference twin so far, by any simd kernel on any thread. */
    static long count() {
        return CALLS.sum();
    }

    /** The reference convolution, counted. */
    static Conv2d conv2d() {
        Conv2d twin = new Conv2dReference();
        return new Conv2d() {
            @Override
            public String name() { return twin.name(); }

            @Override
            public void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                                float[] y, int yOff, Workspace ws) {
                CALLS.increment();
                twin.forward(s, x, xOff, w, wOff, bias, biasOff, y, yOff, ws);
            }

            @Override
            public void backwardData(ConvShape s, float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff,
                                     Workspace ws) {
                CALLS.increment();
                twin.backwardData(s, dy, dyOff, w, wOff, dx, dxOff, ws);
            }

            @Override
            public void backwardWeights(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
                                        float[] db, int dbOff, Workspace ws) {
                CALLS.increment();
                twin.backwardWeights(s, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, ws);
            }
        };
    }

    /** The reference fused convolution, counted (its packing too: the twin's order goes with its forward). */
    static Conv2dReluPool convReluPool() {
        Conv2dReluPool twin = new Conv2dReluPoolReference();
        return new Conv2dReluPool() {
            @Override
            public String name() { return twin.name(); }

            @Override
            public int packedSize(ConvShape s) { return twin.packedSize(s); }

            @Override
            public void pack(ConvShape s, float[] w, int wOff, float[] bias, int biasOff, float[] packed) {
                CALLS.increment();
                twin.pack(s, w, wOff, bias, biasOff, packed);
            }

            @Override
            public void forward(ConvShape s, int pool, float[] x, int xOff, float[] packed, float[] y, int yOff, Workspace ws) {
                CALLS.increment();
                twin.forward(s, pool, x, xOff, packed, y, yOff, ws);
            }

            @Override
            public void forward(ConvShape s, int pool, float[] x, int xOff, float[] packed, float[] y, int yOff,
                                int[] argmax, int argOff, Workspace ws) {
                CALLS.increment();
                twin.forward(s, pool, x, xOff, packed, y, yOff, argmax, argOff, ws);
            }

            @Override
            public void backwardWeights(ConvShape s, int pool, float[] x, int xOff, float[] dy, int dyOff, float[] y,
                                        int yOff, int[] argmax, int argOff, float[] dw, int dwOff, float[] db, int dbOff,
                                        Workspace ws) {
                CALLS.increment();
                twin.backwardWeights(s, pool, x, xOff, dy, dyOff, y, yOff, argmax, argOff, dw, dwOff, db, dbOff, ws);
            }
        };
    }

    /** The reference pooling, counted. */
    static Pooling pooling() {
        Pooling twin = new PoolingReference();
        return new Pooling() {
            @Override
            public String name() { return twin.name(); }

            @Override
            public void maxForward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff) {
                CALLS.increment();
                twin.maxForward(s, x, xOff, y, yOff, argmax, argOff);
            }

            @Override
            public void maxBackward(PoolShape s, float[] dy, int dyOff, int[] argmax, int argOff, float[] dx, int dxOff) {
                CALLS.increment();
                twin.maxBackward(s, dy, dyOff, argmax, argOff, dx, dxOff);
            }

            @Override
            public void maxReluForward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff) {
                CALLS.increment();
                twin.maxReluForward(s, x, xOff, y, yOff, argmax, argOff);
            }

            @Override
            public void maxReluBackward(PoolShape s, float[] dy, int dyOff, float[] y, int yOff, int[] argmax,
                                        int argOff, float[] dx, int dxOff) {
                CALLS.increment();
                twin.maxReluBackward(s, dy, dyOff, y, yOff, argmax, argOff, dx, dxOff);
            }

            @Override
            public void avgForward(PoolShape s, float[] x, int xOff, float[] y, int yOff) {
                CALLS.increment();
                twin.avgForward(s, x, xOff, y, yOff);
            }

            @Override
            public void avgBackward(PoolShape s, float[] dy, int dyOff, float[] dx, int dxOff) {
                CALLS.increment();
                twin.avgBackward(s, dy, dyOff, dx, dxOff);
            }
        };
    }
}
