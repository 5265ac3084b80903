package dev.vecnn.kernels.check;

import java.util.SplittableRandom;

/**
 * One array a kernel call reads or writes, seen as rows x cols elements with a row stride (the
 * leading dimension); elements between cols and the stride are gaps that nothing may touch.
 * The role decides how the differential runner fills the array and what it checks afterwards.
 */
record Operand(String name, Role role, int rows, int cols, int stride, Values values, boolean indices, boolean atZero) {

    enum Role {
        /** Read only: must be bit-identical after the call. */
        INPUT,
        /** Overwritten: poisoned with NaN before the call so an unwritten element fails. */
        OUTPUT,
        /** Added to: pre-filled with non-zero values so add-versus-overwrite mistakes show. */
        ACCUMULATOR,
        /** Read and rewritten in place (optimiser parameters and state). */
        UPDATED
    }

    /** How the live elements of an operand are drawn; integer mode draws small non-zero integers. */
    enum Values {
        /** Uniform in [-1, 1); integers in +-[1, 4]. */
        SIGNED,
        /** Mostly positive, uniform in [-1, 3); integers in [-2, 3] without 0. */
        MOSTLY_POSITIVE,
        /** Uniform in [-12, 12), through the saturated ends of sigmoid and tanh; integers in +-[1, 4]. */
        WIDE,
        /** Uniform in (0, 1); integers: 1. */
        UNIT,
        /** Left for the problem to fill from the others (statistics, masks, labels, softmax rows). */
        DERIVED;

        float draw(SplittableRandom rng, boolean integers) {
            if (integers) {
                return switch (this) {
                    case SIGNED, WIDE -> (rng.nextBoolean() ? 1 : -1) * rng.nextInt(1, 5);
                    case MOSTLY_POSITIVE -> nonZero(rng.nextInt(-2, 4));
                    case UNIT -> 1f;
                    case DERIVED -> 0f;
                };
            }
            return switch (this) {
                case SIGNED -> nonZero(rng.nextFloat() * 2f - 1f);
                case MOSTLY_POSITIVE -> nonZero(rng.nextFloat() * 4f - 1f);
                case WIDE -> nonZero(rng.nextFloat() * 24f - 12f);
                case UNIT -> Math.max(rng.nextFloat(), 0x1p-10f);
                case DERIVED -> 0f;
            };
        }

        /** Zero inputs hide mistakes (a product that is zero anyway): replace them. */
        private static float nonZero(float value) {
            return value == 0f ? 1f : value;
        }
    }

    static Operand input(String name, int length, Values values) {
        return new Operand(name, Role.INPUT, 1, length, length, values, false, false);
    }

    static Operand output(String name, int length) {
        return new Operand(name, Role.OUTPUT, 1, length, length, Values.DERIVED, false, false);
    }

    static Operand accumulator(String name, int length) {
        return new Operand(name, Role.ACCUMULATOR, 1, length, length, Values.SIGNED, false, false);
    }

    static Operand updated(String name, int length, Values values) {
        return new Operand(name, Role.UPDATED, 1, length, length, values, false, false);
    }

    static Operand matrix(String name, Role role, int rows, int cols, int stride, Values values) {
        return new Operand(name, role, rows, cols, stride, values, false, false);
    }

    /** An int array (labels, argmax indices) instead of floats. */
    static Operand indices(String name, Role role, int length) {
        return new Operand(name, role, 1, length, length, Values.DERIVED, true, false);
    }

    /** The same operand placed at index 0 of its array, for kernels that take no offset for it. */
    Operand atIndexZero() {
        return new Operand(name, role, rows, cols, stride, values, indices, true);
    }

    int length() {
        return rows * stride;
    }

    /** True for elements inside the rows x cols view, false for the gaps of a strided matrix. */
    boolean live(int element) {
        return element % stride < cols;
    }
}
