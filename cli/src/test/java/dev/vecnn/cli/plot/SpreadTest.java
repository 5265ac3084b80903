package dev.vecnn.cli.plot;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SpreadTest {
    @Test
    void percentilesOfASmallSetAreExact() {
        float[] values = new float[101];
        for (int i = 0; i <= 100; i++) values[i] = 100 - i; // 100 .. 0, unsorted on purpose
        Spread s = Spread.ofValues(values);
        assertEquals(0, s.min());
        assertEquals(1, s.p01(), 1e-12);
        assertEquals(25, s.p25(), 1e-12);
        assertEquals(50, s.p50(), 1e-12);
        assertEquals(75, s.p75(), 1e-12);
        assertEquals(99, s.p99(), 1e-12);
        assertEquals(100, s.max());
    }

    @Test
    void aLargeSetIsSampledAtAnEvenStrideButKeepsItsExactExtremes() {
        int n = 10 * Spread.SAMPLE + 7;
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = i;
        values[n - 1] = 1e6f; // off the stride: only the exact pass sees it
        Spread s = Spread.ofValues(values);
        assertEquals(1e6, s.max());
        assertEquals(0, s.min());
        assertEquals(n / 2.0, s.p50(), n * 1e-3);
        assertEquals(n * 0.99, s.p99(), n * 1e-3);
    }

    @Test
    void magnitudesLeaveOutZerosAndTakeAbsoluteValues() {
        Spread s = Spread.ofMagnitudes(new float[] {0, -4, 0, 2, 0, -1, 3, 0});
        assertEquals(1, s.min());
        assertEquals(2.5, s.p50(), 1e-12);
        assertEquals(4, s.max());
        assertFalse(Spread.ofMagnitudes(new float[] {0, 0}).known());
    }

    @Test
    void quantilesInterpolateBetweenRanks() {
        float[] sorted = {1, 2, 4, 8};
        assertEquals(3, Spread.quantile(sorted, 4, 0.5), 1e-12);
        assertEquals(1, Spread.quantile(sorted, 4, 0), 1e-12);
        assertEquals(8, Spread.quantile(sorted, 4, 1), 1e-12);
        assertEquals(6, Spread.quantile(sorted, 4, 5 / 6.0), 1e-12);
    }
}
