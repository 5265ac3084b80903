package dev.vecnn.cli.plot;

/**
 * The first principal components of n points in d dimensions: the covariance matrix (d x d, in
 * double; n d^2 / 2 multiply-adds), then power iteration with deflation until the vector settles,
 * from a fixed start, so the same features give the
 * same projection. Each component's sign is chosen so that its largest coordinate is positive,
 * which keeps the picture from flipping between epochs.
 */
final class Pca {
    /** Power iteration stops when a step moves the unit vector by less than this, or after MAX_ITERATIONS. */
    private static final double CONVERGED = 1e-9;
    private static final int MAX_ITERATIONS = 1000;

    /** components[c] is a unit vector of length d; variance[c] its share of the total variance. */
    record Result(double[][] components, double[] varianceShare, double[] mean) {
        /** Point i of {@code points} (row-major n x d) on component c. */
        double project(float[] points, int i, int c) {
            int d = mean.length;
            double sum = 0;
            for (int j = 0; j < d; j++) sum += (points[i * d + j] - mean[j]) * components[c][j];
            return sum;
        }
    }

    private Pca() {}

    static Result of(float[] points, int n, int d, int count) {
        if (n < 2 || points.length != n * d) throw new IllegalArgumentException(n + " points of " + d + " values in " + points.length);
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += points[i * d + j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        double[][] cov = new double[d][d];
        double[] centred = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) centred[j] = points[i * d + j] - mean[j];
            for (int a = 0; a < d; a++) {
                double ca = centred[a];
                if (ca == 0) continue;
                double[] row = cov[a];
                for (int b = a; b < d; b++) row[b] += ca * centred[b];
            }
        }
        double trace = 0;
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) cov[b][a] = cov[a][b] /= n - 1;
            trace += cov[a][a];
        }
        double[][] components = new double[count][];
        double[] share = new double[count];
        for (int c = 0; c < count; c++) {
            double[] v = new double[d];
            for (int j = 0; j < d; j++) v[j] = 1 + 0.01 * j; // a start no real direction is orthogonal to, in practice
            double eigenvalue = 0;
            for (int it = 0; it < MAX_ITERATIONS; it++) {
                double[] w = multiply(cov, v);
                for (int p = 0; p < c; p++) subtract(w, components[p], dot(w, components[p]));
                double norm = Math.sqrt(dot(w, w));
                if (norm == 0) break;
                double moved = 0;
                for (int j = 0; j < d; j++) {
                    double next = w[j] / norm;
                    moved += (next - v[j]) * (next - v[j]);
                    v[j] = next;
                }
                eigenvalue = norm;
                if (moved < CONVERGED * CONVERGED) break;
            }
            int largest = 0;
            for (int j = 1; j < d; j++) if (Math.abs(v[j]) > Math.abs(v[largest])) largest = j;
            if (v[largest] < 0) for (int j = 0; j < d; j++) v[j] = -v[j];
            components[c] = v;
            share[c] = trace == 0 ? 0 : eigenvalue / trace;
        }
        return new Result(components, share, mean);
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] out = new double[v.length];
        for (int a = 0; a < v.length; a++) out[a] = dot(m[a], v);
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static void subtract(double[] w, double[] direction, double amount) {
        for (int i = 0; i < w.length; i++) w[i] -= amount * direction[i];
    }
}
