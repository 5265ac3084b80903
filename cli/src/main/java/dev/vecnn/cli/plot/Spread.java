package dev.vecnn.cli.plot;

import java.util.Arrays;

/**
 * A distribution in seven numbers: minimum, 1st, 25th, 50th, 75th and 99th percentile, maximum.
 * The extremes are exact; the percentiles come from at most {@link #SAMPLE} values taken at an even
 * stride, because sorting every weight of a large dense layer (200,000 in the reference network)
 * after every epoch would cost more than the whole report is allowed to.
 */
record Spread(double min, double p01, double p25, double p50, double p75, double p99, double max) {
    static final int SAMPLE = 1 << 14;
    static final Spread NONE = new Spread(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** The spread of the values themselves. */
    static Spread ofValues(float[] values) {
        return of(values, false);
    }

    /** The spread of the magnitudes |v| of the nonzero values, for a log axis; NONE when every value is zero. */
    static Spread ofMagnitudes(float[] values) {
        return of(values, true);
    }

    /**
     * One pass for the exact extremes, in floats and with nothing else in the loop, then one that
     * visits only the sample's stride (not a remainder test at every value).
     */
    private static Spread of(float[] values, boolean magnitudes) {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        if (magnitudes) {
            for (float value : values) {
                float v = Math.abs(value);
                if (v == 0) continue;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        } else {
            for (float v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        int stride = (values.length + SAMPLE - 1) / SAMPLE;
        float[] sample = new float[(values.length + stride - 1) / stride];
        int n = 0;
        for (int i = 0; i < values.length; i += stride) {
            float v = magnitudes ? Math.abs(values[i]) : values[i];
            if (magnitudes && v == 0) continue;
            sample[n++] = v;
        }
        if (n == 0) return NONE;
        Arrays.sort(sample, 0, n);
        return new Spread(min, quantile(sample, n, 0.01), quantile(sample, n, 0.25), quantile(sample, n, 0.5),
                quantile(sample, n, 0.75), quantile(sample, n, 0.99), max);
    }

    /** The q-quantile of sorted[0 .. n), interpolated linearly between the two nearest ranks. */
    static double quantile(float[] sorted, int n, double q) {
        double rank = q * (n - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(n - 1, below + 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    boolean known() { return !Double.isNaN(p50); }

    double[] toArray() { return new double[] {min, p01, p25, p50, p75, p99, max}; }

    static Spread fromArray(double[] v) { return new Spread(v[0], v[1], v[2], v[3], v[4], v[5], v[6]); }
}
