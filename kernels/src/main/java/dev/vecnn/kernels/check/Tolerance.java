package dev.vecnn.kernels.check;

/**
 * The one equality rule for an optimised float32 result against its reference (docs/DESIGN.md): an
 * element passes when {@code |opt - ref| <= atol + rtol * (|ref| + scale)}, where
 * <ul>
 *   <li>{@code rtol = C * sqrt(K) * 2^-24}: K is the length of the longest sum behind the element.
 *   Rounding errors of a K-term float sum grow like sqrt(K) units of 2^-24 relative to the sum of
 *   the terms' magnitudes, and two implementations summing in different orders differ by about
 *   sqrt(2K/3) such units; C = 8 leaves room for several standard deviations over thousands of
 *   elements and for the few extra roundings of a formula (a select, a product, an exp), while a
 *   dropped or doubled term of average size (an error of about scale / K) still fails for sums
 *   of up to about 10^4 terms, more than any shape the random problems draw.</li>
 *   <li>{@code scale} is the magnitude of the summed terms (for a linear kernel, sum |a_i b_i|,
 *   the reference run on absolute values), so cancellation cannot turn rounding into a failure.</li>
 *   <li>{@code atol} is the smallest normal float: results that underflow compare equal to zero.</li>
 * </ul>
 * A NaN or an infinity on either side never passes. {@link #EXACT} is for outputs that must match
 * bit for bit up to the sign of zero (copies, selects, sums of small integers).
 */
public record Tolerance(double atol, double rtol) {
    /** The documented constant C of rtol = C * sqrt(K) * 2^-24. */
    public static final double C = 8;
    /** Unit roundoff of float32. */
    public static final double FLOAT_EPSILON = 0x1p-24;
    public static final Tolerance EXACT = new Tolerance(0, 0);

    /** The tolerance of an element that is a sum of {@code k} terms (k = 1 for a formula without a sum). */
    public static Tolerance forSum(int k) {
        if (k < 1) throw new IllegalArgumentException("a sum has at least one term, not " + k);
        return new Tolerance(Float.MIN_NORMAL, C * Math.sqrt(k) * FLOAT_EPSILON);
    }

    /** The largest difference allowed between an optimised value and {@code reference} whose terms sum to {@code scale} in magnitude. */
    public double bound(double reference, double scale) {
        return atol + rtol * (Math.abs(reference) + scale);
    }

    /** True when {@code optimised} is within {@link #bound} of {@code reference}; never for NaN or infinity. */
    public boolean accepts(double optimised, double reference, double scale) {
        if (!Double.isFinite(optimised) || !Double.isFinite(reference) || Double.isNaN(scale)) return false;
        return Math.abs(optimised - reference) <= bound(reference, scale);
    }
}
