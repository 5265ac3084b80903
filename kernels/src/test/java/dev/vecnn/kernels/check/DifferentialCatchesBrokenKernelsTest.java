package dev.vecnn.kernels.check;

import dev.vecnn.kernels.Activations;
import dev.vecnn.kernels.ChannelShape;
import dev.vecnn.kernels.Conv2d;
import dev.vecnn.kernels.ConvShape;
import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Losses;
import dev.vecnn.kernels.PoolShape;
import dev.vecnn.kernels.Pooling;
import dev.vecnn.kernels.Workspace;
import dev.vecnn.kernels.reference.ActivationsReference;
import dev.vecnn.kernels.reference.Conv2dReference;
import dev.vecnn.kernels.reference.LossesReference;
import dev.vecnn.kernels.reference.PoolingReference;
import dev.vecnn.kernels.reference.SgemmReference;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The differential runner must catch each classic kernel mistake, and say where. */
class DifferentialCatchesBrokenKernelsTest {
    private static final SgemmReference GEMM = new SgemmReference();
    private final Differential differential = new Differential();

    private interface GemmCall {
        void sgemm(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                   float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc, Workspace ws);
    }

    private static Gemm gemm(String name, GemmCall body) {
        return new Gemm() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void sgemm(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc, Workspace ws) {
                body.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws);
            }
        };
    }

    private CaseResult gemmCase(String descriptor, Gemm candidate, boolean integers) {
        @SuppressWarnings("unchecked")
        Problem<Gemm> problem = (Problem<Gemm>) Problem.parse(descriptor);
        return differential.compare(problem, GEMM, candidate, 42, integers);
    }

    private static void assertFails(CaseResult result, String descriptor, String why) {
        assertFalse(result.passed(), result::report);
        assertTrue(result.report().startsWith(descriptor + " ["), result::report);
        assertTrue(result.failure().contains(why), result::report);
    }

    @Test
    void theReferenceMatchesItself() {
        for (String d : List.of("gemm:m5n7k9", "gemm:m5n7k9ta1tb1beta1ldc9", "gemm:m1n1k1alpha-1beta2"))
            for (boolean integers : new boolean[]{false, true}) {
                CaseResult result = gemmCase(d, GEMM, integers);
                assertTrue(result.passed(), result::report);
            }
    }

    @Test
    void aDroppedTermFails() {
        Gemm dropsLast = gemm("DropsLastTerm", (ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws) ->
                GEMM.sgemm(ta, tb, m, n, k - 1, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws));
        assertFails(gemmCase("gemm:m5n7k9", dropsLast, false), "gemm:m5n7k9", "|diff|");
        assertFails(gemmCase("gemm:m5n7k9", dropsLast, true), "gemm:m5n7k9", "expected bit-exact");
    }

    @Test
    void aFailureNamesItsWorstElementAndTheWidthItRanAt() {
        // C[2,3] wrong by far more than any rounding, C[0,0] by a little.
        Gemm twoWrong = gemm("TwoWrong", (ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws) -> {
            GEMM.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws);
            c[cOff] += 0.5f;
            c[cOff + 2 * ldc + 3] += 1000f;
        });
        CaseResult result = gemmCase("gemm:m5n7k9", twoWrong, true);
        assertFails(result, "gemm:m5n7k9", "C[0,0]");
        assertEquals("C[2,3]", result.worst().name());
        assertEquals(1000, result.worst().optimised() - result.worst().reference(), 1e-3);
        assertEquals(dev.vecnn.kernels.Registry.simdVectorBits(), result.vectorBits());
        assertEquals("--problem gemm:m5n7k9 --seed 42", result.rerunArguments());
        assertNull(gemmCase("gemm:m5n7k9", gemm("Throws", (ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff,
                ldc, ws) -> { throw new IllegalStateException("broken"); }), false).worst(), "a kernel that threw has no wrong element");
    }

    @Test
    void overwritingWhatShouldAccumulateFails() {
        Gemm ignoresBeta = gemm("IgnoresBeta", (ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws) ->
                GEMM.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, 0f, c, cOff, ldc, ws));
        assertFails(gemmCase("gemm:m4n3k2beta1", ignoresBeta, false), "gemm:m4n3k2beta1", "C[");

        Conv2d overwrites = new Conv2d() {
            private final Conv2dReference reference = new Conv2dReference();

            @Override
            public String name() {
                return "OverwritesWeightGradient";
            }

            @Override
            public void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                                float[] y, int yOff, Workspace ws) {
                reference.forward(s, x, xOff, w, wOff, bias, biasOff, y, yOff, ws);
            }

            @Override
            public void backwardData(ConvShape s, float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff,
                                     Workspace ws) {
                reference.backwardData(s, dy, dyOff, w, wOff, dx, dxOff, ws);
            }

            @Override
            public void backwardWeights(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
                                        float[] db, int dbOff, Workspace ws) {
                java.util.Arrays.fill(dw, dwOff, dwOff + s.weightSize(), 0f);
                reference.backwardWeights(s, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, ws);
            }
        };
        @SuppressWarnings("unchecked")
        Problem<Conv2d> conv = (Problem<Conv2d>) Problem.parse("conv-bwd-weights:ic2ih5oc3kh3");
        assertFails(differential.compare(conv, new Conv2dReference(), overwrites, 1, false),
                "conv-bwd-weights:ic2ih5oc3kh3", "dw[");
    }

    @Test
    void writesOutsideTheOutputFail() {
        Gemm pastTheEnd = gemm("WritesPastLastRow", (ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws) -> {
            GEMM.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws);
            c[cOff + (m - 1) * ldc + n] = 0f;
        });
        assertFails(gemmCase("gemm:m5n7k9", pastTheEnd, false), "gemm:m5n7k9", "wrote outside C");
        assertFails(gemmCase("gemm:m5n7k9ldc9", pastTheEnd, false), "gemm:m5n7k9ldc9", "wrote the gap C[4,7]");

        Gemm beforeTheStart = gemm("WritesBeforeC", (ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws) -> {
            GEMM.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws);
            c[cOff - 1] = 0f;
        });
        assertFails(gemmCase("gemm:m2n2k2", beforeTheStart, false), "gemm:m2n2k2", "at its element -1");
    }

    @Test
    void anUnwrittenElementFails() {
        Gemm skipsFirst = gemm("SkipsFirstElement", (ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws) -> {
            float untouched = c[cOff];
            GEMM.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws);
            c[cOff] = untouched;
        });
        assertFails(gemmCase("gemm:m3n3k3", skipsFirst, false), "gemm:m3n3k3", "C[0,0]: reference");
    }

    @Test
    void aModifiedInputFails() {
        Gemm scratchesA = gemm("ScratchesA", (ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws) -> {
            GEMM.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws);
            a[aOff + 1] = 0f;
        });
        assertFails(gemmCase("gemm:m3n3k3", scratchesA, false), "gemm:m3n3k3", "modified its input A[0,1]");
    }

    @Test
    void scratchAssumedZeroFails() {
        Gemm trustsScratch = gemm("TrustsZeroedWorkspace", (ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws) -> {
            float[] partial = ws.floats(Workspace.Slot.TEMP, m * n);
            GEMM.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++) c[cOff + i * ldc + j] += partial[i * n + j];
        });
        assertFails(gemmCase("gemm:m3n3k3", trustsScratch, false), "gemm:m3n3k3", "optimised NaN");
    }

    @Test
    void aThrowingKernelFails() {
        Gemm throwing = gemm("Throws", (ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws) -> {
            throw new ArrayIndexOutOfBoundsException("index 99");
        });
        assertFails(gemmCase("gemm:m3n3k3", throwing, false), "gemm:m3n3k3", "threw java.lang.ArrayIndexOutOfBoundsException");
    }

    @Test
    void aReluThatForgetsTheMaxFails() {
        Activations identity = new ForwardingActivations() {
            @Override
            public void relu(int n, float[] x, int xOff, float[] y, int yOff) {
                System.arraycopy(x, xOff, y, yOff, n);
            }
        };
        @SuppressWarnings("unchecked")
        Problem<Activations> relu = (Problem<Activations>) Problem.parse("relu:n37");
        assertFails(differential.compare(relu, new ActivationsReference(), identity, 3, false), "relu:n37", "expected bit-exact");
    }

    @Test
    void maxPoolingTiesGoToTheFirstElement() {
        Pooling lastTie = new ForwardingPooling() {
            @Override
            public void maxForward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff) {
                int out = 0;
                for (int plane = 0; plane < s.batch() * s.channels(); plane++)
                    for (int oy = 0; oy < s.outH(); oy++)
                        for (int ox = 0; ox < s.outW(); ox++, out++) {
                            int best = -1;
                            for (int i = 0; i < s.kH(); i++)
                                for (int j = 0; j < s.kW(); j++) {
                                    int iy = oy * s.strideH() - s.padH() + i, ix = ox * s.strideW() - s.padW() + j;
                                    if (iy < 0 || iy >= s.inH() || ix < 0 || ix >= s.inW()) continue;
                                    int index = (plane * s.inH() + iy) * s.inW() + ix;
                                    if (best < 0 || x[xOff + index] >= x[xOff + best]) best = index;
                                }
                            y[yOff + out] = x[xOff + best];
                            argmax[argOff + out] = best;
                        }
            }
        };
        @SuppressWarnings("unchecked")
        Problem<Pooling> pool = (Problem<Pooling>) Problem.parse("maxpool:mb2ic3ih8kh2");
        assertTrue(differential.compare(pool, new PoolingReference(), lastTie, 5, false).passed(),
                "without ties the last maximum is the first");
        assertFails(differential.compare(pool, new PoolingReference(), lastTie, 5, true), "maxpool:mb2ic3ih8kh2", "argmax[");
    }

    @Test
    void aSoftmaxWithoutTheMaxSubtractionFails() {
        Losses naive = new ForwardingLosses() {
            @Override
            public void softmax(int rows, int classes, float[] x, int xOff, float[] y, int yOff) {
                for (int r = 0; r < rows; r++) {
                    float sum = 0f;
                    for (int j = 0; j < classes; j++) sum += (float) Math.exp(x[xOff + r * classes + j]);
                    for (int j = 0; j < classes; j++)
                        y[yOff + r * classes + j] = (float) Math.exp(x[xOff + r * classes + j]) / sum;
                }
            }
        };
        @SuppressWarnings("unchecked")
        Problem<Losses> softmax = (Problem<Losses>) Problem.parse("softmax:mb16c10");
        assertFails(differential.compare(softmax, new LossesReference(), naive, 9, false), "softmax:mb16c10", "y[");
    }

    @Test
    void aMostlyZeroReferenceOutputIsMistrusted() {
        Problem<Activations> negative = new MostlyNegativeRelu(100);
        CaseResult result = differential.compare(negative, new ActivationsReference(), new ActivationsReference(), 1, false);
        assertFails(result, "relu:n100", "untrustworthy data");
    }

    /** relu on inputs that are 90% negative: the outputs agree, but mostly as zeros, which proves nothing. */
    private static final class MostlyNegativeRelu extends Problem<Activations> {
        private final int n;

        MostlyNegativeRelu(int n) {
            this.n = n;
        }

        @Override
        public String descriptor() {
            return "relu:n" + n;
        }

        @Override
        public dev.vecnn.kernels.Family<Activations> family() {
            return dev.vecnn.kernels.Registry.ACTIVATIONS;
        }

        @Override
        public double flops() {
            return n;
        }

        @Override
        List<Operand> operands() {
            return List.of(Operand.input("x", n, Operand.Values.DERIVED), Operand.output("y", n));
        }

        @Override
        List<Check> checks() {
            return List.of(new Check(1, 1, Exactness.ALWAYS));
        }

        @Override
        double call(Activations kernel, Operands o, Workspace ws) {
            kernel.relu(n, o.f(0), o.offset(0), o.f(1), o.offset(1));
            return 0;
        }

        @Override
        void derive(Operands o, java.util.SplittableRandom rng, boolean integers) {
            for (int e = 0; e < n; e++) o.set(0, e, e % 10 == 0 ? 1f : -1f - e);
        }
    }

    private static class ForwardingActivations implements Activations {
        private final ActivationsReference r = new ActivationsReference();

        @Override public String name() { return "Broken" + r.name(); }
        @Override public void relu(int n, float[] x, int xOff, float[] y, int yOff) { r.relu(n, x, xOff, y, yOff); }
        @Override public void reluBackward(int n, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) { r.reluBackward(n, x, xOff, dy, dyOff, dx, dxOff); }
        @Override public void leakyRelu(int n, float slope, float[] x, int xOff, float[] y, int yOff) { r.leakyRelu(n, slope, x, xOff, y, yOff); }
        @Override public void leakyReluBackward(int n, float slope, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) { r.leakyReluBackward(n, slope, x, xOff, dy, dyOff, dx, dxOff); }
        @Override public void prelu(ChannelShape s, float[] x, int xOff, float[] slope, int slopeOff, float[] y, int yOff) { r.prelu(s, x, xOff, slope, slopeOff, y, yOff); }
        @Override public void preluBackward(ChannelShape s, float[] x, int xOff, float[] slope, int slopeOff, float[] dy, int dyOff, float[] dx, int dxOff, float[] dSlope, int dSlopeOff) { r.preluBackward(s, x, xOff, slope, slopeOff, dy, dyOff, dx, dxOff, dSlope, dSlopeOff); }
        @Override public void sigmoid(int n, float[] x, int xOff, float[] y, int yOff) { r.sigmoid(n, x, xOff, y, yOff); }
        @Override public void sigmoidBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) { r.sigmoidBackward(n, y, yOff, dy, dyOff, dx, dxOff); }
        @Override public void tanh(int n, float[] x, int xOff, float[] y, int yOff) { r.tanh(n, x, xOff, y, yOff); }
        @Override public void tanhBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) { r.tanhBackward(n, y, yOff, dy, dyOff, dx, dxOff); }
    }

    private static class ForwardingPooling implements Pooling {
        private final PoolingReference r = new PoolingReference();

        @Override public String name() { return "Broken" + r.name(); }
        @Override public void maxForward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff) { r.maxForward(s, x, xOff, y, yOff, argmax, argOff); }
        @Override public void maxBackward(PoolShape s, float[] dy, int dyOff, int[] argmax, int argOff, float[] dx, int dxOff) { r.maxBackward(s, dy, dyOff, argmax, argOff, dx, dxOff); }
        @Override public void maxReluForward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff) { r.maxReluForward(s, x, xOff, y, yOff, argmax, argOff); }
        @Override public void maxReluBackward(PoolShape s, float[] dy, int dyOff, float[] y, int yOff, int[] argmax, int argOff, float[] dx, int dxOff) { r.maxReluBackward(s, dy, dyOff, y, yOff, argmax, argOff, dx, dxOff); }
        @Override public void avgForward(PoolShape s, float[] x, int xOff, float[] y, int yOff) { r.avgForward(s, x, xOff, y, yOff); }
        @Override public void avgBackward(PoolShape s, float[] dy, int dyOff, float[] dx, int dxOff) { r.avgBackward(s, dy, dyOff, dx, dxOff); }
    }

    private static class ForwardingLosses implements Losses {
        private final LossesReference r = new LossesReference();

        @Override public String name() { return "Broken" + r.name(); }
        @Override public void softmax(int rows, int classes, float[] x, int xOff, float[] y, int yOff) { r.softmax(rows, classes, x, xOff, y, yOff); }
        @Override public void softmaxBackward(int rows, int classes, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) { r.softmaxBackward(rows, classes, y, yOff, dy, dyOff, dx, dxOff); }
        @Override public double softmaxCrossEntropy(int rows, int classes, float[] logits, int logitsOff, int[] labels, int labelsOff, float gradScale, float[] dLogits, int dLogitsOff) { return r.softmaxCrossEntropy(rows, classes, logits, logitsOff, labels, labelsOff, gradScale, dLogits, dLogitsOff); }
        @Override public double squaredError(int rows, int cols, float[] pred, int predOff, float[] target, int targetOff, float gradScale, float[] dPred, int dPredOff) { return r.squaredError(rows, cols, pred, predOff, target, targetOff, gradScale, dPred, dPredOff); }
    }
}
