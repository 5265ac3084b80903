package dev.vecnn.kernels.reference;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Central finite differences in double precision: each float input is moved by +-h in place and a
 * scalar loss, accumulated in double from the float forward pass, is differenced. The step is
 * divided by the distance between the two float values actually used, so rounding of x +- h does
 * not bias the quotient.
 */
final class Gradients {
    private Gradients() {}

    /** d loss / d v[off + i] for i in [0, n), by central differences with step h. */
    static double[] numeric(float[] v, int off, int n, double h, DoubleSupplier loss) {
        double[] gradient = new double[n];
        for (int i = 0; i < n; i++) {
            float saved = v[off + i];
            float plus = (float) (saved + h), minus = (float) (saved - h);
            v[off + i] = plus;
            double up = loss.getAsDouble();
            v[off + i] = minus;
            double down = loss.getAsDouble();
            v[off + i] = saved;
            gradient[i] = (up - down) / ((double) plus - minus);
        }
        return gradient;
    }

    /** sum of w[i] * y[i] in double: the loss whose gradient with respect to y is w. */
    static double dot(float[] w, float[] y) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) sum += (double) w[i] * y[i];
        return sum;
    }

    /**
     * Every analytic element within tolerance * (1 + |numeric|) of the numeric one, and the
     * gradient not all zero (a check of zeros against zeros proves nothing).
     */
    static void assertMatches(String what, float[] analytic, double[] numeric, double tolerance) {
        double largest = 0;
        for (int i = 0; i < numeric.length; i++) {
            largest = Math.max(largest, Math.abs(numeric[i]));
            if (Math.abs(analytic[i] - numeric[i]) > tolerance * (1 + Math.abs(numeric[i])))
                fail(what + "[" + i + "]: analytic " + analytic[i] + ", central difference " + numeric[i]);
        }
        assertTrue(largest > 1e-3, what + ": the gradient is all but zero, which proves nothing");
    }

    static float[] random(SplittableRandom rng, int n, double low, double high) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rng.nextDouble(low, high);
        return v;
    }

    /** Random values at least {@code margin} away from zero, where relu-like kinks would spoil a difference. */
    static float[] awayFromZero(SplittableRandom rng, int n, double margin) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) ((rng.nextBoolean() ? 1 : -1) * rng.nextDouble(margin, 1.5));
        return v;
    }
}
