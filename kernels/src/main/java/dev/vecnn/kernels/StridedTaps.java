package dev.vecnn.kernels;

/**
 * A one-dimensional correlation along the slow axis of a plane: y[i] = sum over k below taps of
 * w[k] * x[i + k * stride], for i below n. With x a padded plane whose runs are stride floats long,
 * it filters every column at once (the Gaussian smoothing of elastic distortion).
 *
 * <p>The sum of each y[i] starts from 0 and adds the products in ascending k, each product and each
 * addition rounded to float (no fused multiply-add), so every implementation gives the same bits:
 * the field an augmentation draws does not depend on the kernels that compute it.
 */
public interface StridedTaps extends Kernel {
    /** Overwrites y[yOff .. yOff + n - 1]; reads w[wOff .. wOff + taps - 1] and x[xOff .. xOff + n - 1 + (taps - 1) * stride]. */
    void apply(int n, int taps, int stride, float[] w, int wOff, float[] x, int xOff, float[] y, int yOff);
}
