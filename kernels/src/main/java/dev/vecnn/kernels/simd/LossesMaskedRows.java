package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Losses;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Softmax and losses row by row. A row no longer than one vector (10 classes) is a single masked
 * vector: one load, a masked max, {@link LaneMath}'s exp and fixed-order sum, one store; longer rows take full vectors
 * and a masked tail. Wins for every row length, most for short rows where the reference pays a
 * double-precision exp call per element.
 */
public final class LossesMaskedRows implements Losses {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES;
    /** Vectors summed in float before their total joins the double accumulator of squaredError. */
    private static final int BLOCK = 64 * L;
    /** Below 2^1023 / Integer.MAX_VALUE: one more row sum (at most the class count) cannot overflow. */
    private static final double PRODUCT_LIMIT = 0x1p990;

    @Override
    public String name() { return "LossesMaskedRows"; }

    @Override
    public void softmax(int rows, int classes, float[] x, int xOff, float[] y, int yOff) {
        if (classes <= L) {
            VectorMask<Float> m = S.indexInRange(0, classes);
            for (int r = 0; r < rows; r++) {
                int row = r * classes;
                FloatVector v = FloatVector.fromArray(S, x, xOff + row, m);
                float max = v.reduceLanes(VectorOperators.MAX, m);
                FloatVector e = LaneMath.exp(v.sub(max));
                float sum = LaneMath.sum(e, m);
                e.div(sum).intoArray(y, yOff + row, m);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * classes;
            int yr = yOff + r * classes;
            float max = rowMax(classes, x, xr);
            float sum = expAndSum(classes, x, xr, max, y, yr);
            scale(classes, y, yr, 1f / sum);
        }
    }

    @Override
    public void softmaxBackward(int rows, int classes, float[] y, int yOff, float[] dy, int dyOff,
                                float[] dx, int dxOff) {
        if (classes <= L) {
            VectorMask<Float> m = S.indexInRange(0, classes);
            for (int r = 0; r < rows; r++) {
                int row = r * classes;
                FloatVector p = FloatVector.fromArray(S, y, yOff + row, m);
                FloatVector g = FloatVector.fromArray(S, dy, dyOff + row, m);
                float dot = LaneMath.sum(g.mul(p), m);
                p.mul(g.sub(dot)).intoArray(dx, dxOff + row, m);
            }
            return;
        }
        int bound = S.loopBound(classes);
        VectorMask<Float> tail = S.indexInRange(bound, classes);
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * classes;
            int gr = dyOff + r * classes;
            int dr = dxOff + r * classes;
            FloatVector acc = FloatVector.zero(S);
            int j = 0;
            for (; j < bound; j += L)
                acc = FloatVector.fromArray(S, dy, gr + j).fma(FloatVector.fromArray(S, y, yr + j), acc);
            if (j < classes)
                acc = FloatVector.fromArray(S, dy, gr + j, tail).fma(FloatVector.fromArray(S, y, yr + j, tail), acc);
            float dot = LaneMath.sum(acc);
            j = 0;
            for (; j < bound; j += L) {
                FloatVector p = FloatVector.fromArray(S, y, yr + j);
                p.mul(FloatVector.fromArray(S, dy, gr + j).sub(dot)).intoArray(dx, dr + j);
            }
            if (j < classes) {
                FloatVector p = FloatVector.fromArray(S, y, yr + j, tail);
                p.mul(FloatVector.fromArray(S, dy, gr + j, tail).sub(dot)).intoArray(dx, dr + j, tail);
            }
        }
    }

    /**
     * The loss sums log(rowSum) - (logit[label] - max) over rows. Each rowSum lies in [1, classes], so
     * their product is kept in a double and its log taken once it nears overflow (and at the end):
     * one Math.log per call instead of one per row.
     */
    @Override
    public double softmaxCrossEntropy(int rows, int classes, float[] logits, int logitsOff, int[] labels,
                                      int labelsOff, float gradScale, float[] dLogits, int dLogitsOff) {
        if (classes <= L) return crossEntropyShortRows(rows, classes, logits, logitsOff, labels, labelsOff, gradScale,
                dLogits, dLogitsOff);
        return crossEntropyLongRows(rows, classes, logits, logitsOff, labels, labelsOff, gradScale, dLogits, dLogitsOff);
    }

    /**
     * Rows of at most one vector, in two passes over the rows, each a method of its own, so that C2
     * compiles each loop with everything inlined: in one loop (as it was) C2 ran out of its
     * inlining node budget (NodeCountInliningCutoff) before {@link LaneMath#sum(FloatVector)} and
     * boxed one vector per row (JDK 25, 512-bit vectors, measured on an AVX-512 Xeon: 96 bytes per
     * row, 6 KB per training batch of 64). The first pass leaves e^(x - max) in dLogits; the
     * arithmetic is the one loop's, so are the bits.
     */
    private static double crossEntropyShortRows(int rows, int classes, float[] logits, int logitsOff, int[] labels,
                                                int labelsOff, float gradScale, float[] dLogits, int dLogitsOff) {
        double labelMargins = shiftedExponentials(rows, classes, logits, logitsOff, labels, labelsOff, dLogits, dLogitsOff);
        return logSumsAndGradients(rows, classes, labels, labelsOff, gradScale, dLogits, dLogitsOff) - labelMargins;
    }

    /** Writes each row's e^(x - max) to dLogits and returns the sum of logit[label] - max over the rows. */
    private static double shiftedExponentials(int rows, int classes, float[] logits, int logitsOff, int[] labels,
                                              int labelsOff, float[] dLogits, int dLogitsOff) {
        VectorMask<Float> m = S.indexInRange(0, classes);
        double labelMargins = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * classes;
            FloatVector v = FloatVector.fromArray(S, logits, logitsOff + row, m);
            float max = v.reduceLanes(VectorOperators.MAX, m);
            labelMargins += logits[logitsOff + row + labels[labelsOff + r]] - max;
            LaneMath.exp(v.sub(max)).intoArray(dLogits, dLogitsOff + row, m);
        }
        return labelMargins;
    }

    /**
     * Given each row's e^(x - max) in dLogits, overwrites it with the row's gradient and returns the
     * sum of the rows' log(rowSum).
     */
    private static double logSumsAndGradients(int rows, int classes, int[] labels, int labelsOff, float gradScale,
                                              float[] dLogits, int dLogitsOff) {
        VectorMask<Float> m = S.indexInRange(0, classes);
        FloatVector laneIndex = FloatVector.zero(S).addIndex(1);
        double logOfProducts = 0;
        double product = 1;
        for (int r = 0; r < rows; r++) {
            int row = dLogitsOff + r * classes;
            FloatVector e = FloatVector.fromArray(S, dLogits, row, m);
            float sum = LaneMath.sum(e, m);
            product *= sum;
            if (product > PRODUCT_LIMIT) {
                logOfProducts += Math.log(product);
                product = 1;
            }
            VectorMask<Float> hot = laneIndex.compare(VectorOperators.EQ, labels[labelsOff + r]);
            e.div(sum).lanewise(VectorOperators.SUB, 1f, hot).mul(gradScale).intoArray(dLogits, row, m);
        }
        return logOfProducts + Math.log(product);
    }

    private static double crossEntropyLongRows(int rows, int classes, float[] logits, int logitsOff, int[] labels,
                                               int labelsOff, float gradScale, float[] dLogits, int dLogitsOff) {
        double logOfProducts = 0;
        double product = 1;
        double labelMargins = 0;
        for (int r = 0; r < rows; r++) {
            int xr = logitsOff + r * classes;
            int dr = dLogitsOff + r * classes;
            int label = labels[labelsOff + r];
            float max = rowMax(classes, logits, xr);
            labelMargins += logits[xr + label] - max;
            float sum = expAndSum(classes, logits, xr, max, dLogits, dr);
            product *= sum;
            if (product > PRODUCT_LIMIT) {
                logOfProducts += Math.log(product);
                product = 1;
            }
            float pLabel = dLogits[dr + label] / sum;
            scale(classes, dLogits, dr, gradScale / sum);
            dLogits[dr + label] = gradScale * (pLabel - 1f);
        }
        return logOfProducts + Math.log(product) - labelMargins;
    }

    @Override
    public double squaredError(int rows, int cols, float[] pred, int predOff, float[] target, int targetOff,
                               float gradScale, float[] dPred, int dPredOff) {
        int n = rows * cols;
        float twiceScale = gradScale * 2f;
        double loss = 0;
        int i = 0;
        int bound = S.loopBound(n);
        while (i < bound) {
            int blockEnd = Math.min(bound, i + BLOCK);
            FloatVector acc = FloatVector.zero(S);
            for (; i < blockEnd; i += L) {
                FloatVector diff = FloatVector.fromArray(S, pred, predOff + i)
                        .sub(FloatVector.fromArray(S, target, targetOff + i));
                acc = diff.fma(diff, acc);
                diff.mul(twiceScale).intoArray(dPred, dPredOff + i);
            }
            loss += LaneMath.sum(acc);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector diff = FloatVector.fromArray(S, pred, predOff + i, m)
                    .sub(FloatVector.fromArray(S, target, targetOff + i, m));
            loss += LaneMath.sum(diff.mul(diff), m);
            diff.mul(twiceScale).intoArray(dPred, dPredOff + i, m);
        }
        return loss;
    }

    private static float rowMax(int classes, float[] x, int off) {
        int bound = S.loopBound(classes);
        FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int j = 0;
        for (; j < bound; j += L) max = max.max(FloatVector.fromArray(S, x, off + j));
        float result = max.reduceLanes(VectorOperators.MAX);
        if (j < classes) {
            VectorMask<Float> tail = S.indexInRange(j, classes);
            result = Math.max(result, FloatVector.fromArray(S, x, off + j, tail).reduceLanes(VectorOperators.MAX, tail));
        }
        return result;
    }

    /** Writes exp(x - max) to out and returns its sum. */
    private static float expAndSum(int classes, float[] x, int xOff, float max, float[] out, int outOff) {
        int bound = S.loopBound(classes);
        FloatVector sum = FloatVector.zero(S);
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector e = LaneMath.exp(FloatVector.fromArray(S, x, xOff + j).sub(max));
            e.intoArray(out, outOff + j);
            sum = sum.add(e);
        }
        float result = LaneMath.sum(sum);
        if (j < classes) {
            VectorMask<Float> tail = S.indexInRange(j, classes);
            FloatVector e = LaneMath.exp(FloatVector.fromArray(S, x, xOff + j, tail).sub(max));
            e.intoArray(out, outOff + j, tail);
            result += LaneMath.sum(e, tail);
        }
        return result;
    }

    private static void scale(int n, float[] a, int off, float factor) {
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += L)
            FloatVector.fromArray(S, a, off + j).mul(factor).intoArray(a, off + j);
        if (j < n) {
            VectorMask<Float> tail = S.indexInRange(j, n);
            FloatVector.fromArray(S, a, off + j, tail).mul(factor).intoArray(a, off + j, tail);
        }
    }
}
