package dev.vecnn.measure;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The peak is a figure, on one thread and on two; never how large it is. */
class PeakTest {
    private static final Budget TINY = new Budget(1_000_000, 1_000_000, 1_000_000, Long.MAX_VALUE);

    @Test
    void measuresAPositiveFiniteFigureOnOneAndTwoThreads() {
        for (int threads = 1; threads <= 2; threads++) {
            try (Timer timer = new Timer(threads)) {
                double gflops = Peak.gflops(timer, TINY);
                assertTrue(gflops > 0 && Double.isFinite(gflops), threads + " threads: " + gflops);
            }
        }
    }
}
