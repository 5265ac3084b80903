package dev.vecnn.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Bias additions and bias-gradient reductions shared by the convolution and dense kernels. */
final class VectorSums {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;
    private static final int LANES = Simd.LANES;

    private VectorSums() {}

    /** The sum of a[off .. off + len). */
    static float sum(float[] a, int off, int len) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(len); i < bound; i += LANES)
            acc = acc.add(FloatVector.fromArray(SPECIES, a, off + i));
        float sum = LaneMath.sum(acc);
        for (; i < len; i++) sum += a[off + i];
        return sum;
    }

    /** a[off .. off + len) += value. */
    static void addTo(float[] a, int off, int len, float value) {
        FloatVector v = FloatVector.broadcast(SPECIES, value);
        int i = 0;
        for (int bound = SPECIES.loopBound(len); i < bound; i += LANES)
            FloatVector.fromArray(SPECIES, a, off + i).add(v).intoArray(a, off + i);
        for (; i < len; i++) a[off + i] += value;
    }

    /** dst[dstOff .. dstOff + len) = src[srcOff .. srcOff + len) + value. */
    static void copyAdding(float[] src, int srcOff, float[] dst, int dstOff, int len, float value) {
        FloatVector v = FloatVector.broadcast(SPECIES, value);
        int i = 0;
        for (int bound = SPECIES.loopBound(len); i < bound; i += LANES)
            FloatVector.fromArray(SPECIES, src, srcOff + i).add(v).intoArray(dst, dstOff + i);
        for (; i < len; i++) dst[dstOff + i] = src[srcOff + i] + value;
    }

    /** a[off .. off + len) += b[bOff .. bOff + len). */
    static void addTo(float[] a, int off, float[] b, int bOff, int len) {
        int i = 0;
        for (int bound = SPECIES.loopBound(len); i < bound; i += LANES)
            FloatVector.fromArray(SPECIES, a, off + i).add(FloatVector.fromArray(SPECIES, b, bOff + i)).intoArray(a, off + i);
        for (; i < len; i++) a[off + i] += b[bOff + i];
    }

    /** out[outOff + j] += the sum over r < rows of a[off + r * cols + j], for j < cols. */
    static void addColumnSums(float[] a, int off, int rows, int cols, float[] out, int outOff) {
        int j = 0;
        for (int bound = SPECIES.loopBound(cols); j < bound; j += LANES) {
            FloatVector acc = FloatVector.zero(SPECIES);
            for (int r = 0; r < rows; r++) acc = acc.add(FloatVector.fromArray(SPECIES, a, off + r * cols + j));
            FloatVector.fromArray(SPECIES, out, outOff + j).add(acc).intoArray(out, outOff + j);
        }
        for (; j < cols; j++) {
            float sum = 0f;
            for (int r = 0; r < rows; r++) sum += a[off + r * cols + j];
            out[outOff + j] += sum;
        }
    }
}
