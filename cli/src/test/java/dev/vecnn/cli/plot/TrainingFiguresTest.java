package dev.vecnn.cli.plot;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the live page reloads and when every figure is drawn again. */
class TrainingFiguresTest {
    @Test
    void thePageReloadsAboutEveryEpochFrom5To30Seconds() {
        assertEquals(5, TrainingFigures.refresh(0.4), "a short epoch: 5 s");
        assertEquals(5, TrainingFigures.refresh(4.9));
        assertEquals(6, TrainingFigures.refresh(5.1), "an epoch rounded up");
        assertEquals(30, TrainingFigures.refresh(30));
        assertEquals(30, TrainingFigures.refresh(95), "a long epoch: 30 s");
    }

    @Test
    void everyFigureIsDrawnAgainAfterTheReloadPeriodAndTwentyTimesTheLastDrawing() {
        // A quick drawing: the reload period decides.
        assertFalse(TrainingFigures.redrawsAll(4.9, 5, 0.1));
        assertTrue(TrainingFigures.redrawsAll(5.0, 5, 0.1));
        // A slow drawing (0.5 s): 20 x 0.5 = 10 s, longer than the 5 s period.
        assertFalse(TrainingFigures.redrawsAll(9.9, 5, 0.5));
        assertTrue(TrainingFigures.redrawsAll(10.0, 5, 0.5));
        // A long period beats a slow drawing.
        assertFalse(TrainingFigures.redrawsAll(29, 30, 0.5));
        assertTrue(TrainingFigures.redrawsAll(30, 30, 0.5));
    }

    @Test
    void aShareIsAPercentageWithTwoDecimals() {
        assertEquals("0.12 %", TrainingFigures.share(0.0123, 10));
        assertEquals("100.00 %", TrainingFigures.share(2, 2));
        assertEquals("-", TrainingFigures.share(0.1, 0), "no epoch trained in this process");
    }
}
