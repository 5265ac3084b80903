package dev.vecnn.kernels.check;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToleranceTest {
    @Test
    void rtolGrowsWithTheSquareRootOfTheSumLength() {
        assertEquals(Tolerance.C * 0x1p-24, Tolerance.forSum(1).rtol());
        assertEquals(10 * Tolerance.forSum(1).rtol(), Tolerance.forSum(100).rtol(), 1e-20);
        assertThrows(IllegalArgumentException.class, () -> Tolerance.forSum(0));
    }

    @Test
    void scaleAbsorbsCancellation() {
        Tolerance t = Tolerance.forSum(100);
        // A result near zero from terms summing to 1000 in magnitude: rounding of the terms is allowed...
        assertTrue(t.accepts(1e-4, 0, 1000));
        // ...but not without the scale, nor an error the size of one term.
        assertFalse(t.accepts(1e-4, 0, 0));
        assertFalse(t.accepts(10, 0, 1000));
    }

    @Test
    void theBoundIsAtolPlusRtolTimesReferenceAndScale() {
        Tolerance t = new Tolerance(1e-3, 1e-2);
        assertEquals(1e-3 + 1e-2 * (2 + 5), t.bound(-2, 5), 1e-15);
        assertTrue(t.accepts(-2 + 0.070, -2, 5));
        assertFalse(t.accepts(-2 + 0.072, -2, 5));
    }

    @Test
    void nanAndInfinityNeverPass() {
        Tolerance loose = new Tolerance(1e30, 1e30);
        assertFalse(loose.accepts(Double.NaN, 1, 1));
        assertFalse(loose.accepts(1, Double.NaN, 1));
        assertFalse(loose.accepts(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1));
        assertFalse(loose.accepts(1, 1, Double.NaN));
    }

    @Test
    void exactAllowsOnlyTheSignOfZero() {
        assertTrue(Tolerance.EXACT.accepts(-0.0, 0.0, 5));
        assertTrue(Tolerance.EXACT.accepts(3, 3, 5));
        assertFalse(Tolerance.EXACT.accepts(Math.nextUp(3.0f), 3, 5));
    }
}
