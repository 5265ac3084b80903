package dev.vecnn.engine.augment;

/**
 * One random transformation of a training image, as written in {@code --augment}. Each image of
 * each epoch gets its own draw of every transformation's parameters (see {@link Augmenter}).
 */
public sealed interface Transform {
    /** Moves the image by dx, dy drawn uniformly from [-pixels, pixels] (fractions of a pixel included). */
    record Shift(double pixels) implements Transform {}

    /** Turns the image about its centre by an angle drawn uniformly from [-degrees, degrees]. */
    record Rotate(double degrees) implements Transform {}

    /** Scales the image about its centre by a factor drawn uniformly from [min, max]. */
    record Scale(double min, double max) implements Transform {}

    /**
     * Simard et al.'s elastic distortion: every pixel moves by a displacement drawn uniformly from
     * [-1, 1] in x and y, smoothed by a Gaussian of standard deviation {@code sigma} pixels and
     * multiplied by {@code alpha}.
     */
    record Elastic(double alpha, double sigma) implements Transform {}

    /** Mirrors the image left to right with probability 1/2. */
    record Flip() implements Transform {}

    /**
     * Zhong et al.'s random erasing: with probability {@code p}, a rectangle of 2 % to 33 % of the
     * image, of aspect ratio 0.3 to 3.3, is set to 0.
     */
    record Erase(double p) implements Transform {}
}
