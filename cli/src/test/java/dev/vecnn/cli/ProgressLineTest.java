package dev.vecnn.cli;

import dev.vecnn.engine.train.BatchProgress;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressLineTest {
    /** Epoch 2 of 10: 3,840 of 7,600 images in 1.9886 s, 1,931 images/s, so 3,760 images left take 1.95 s. */
    private static final BatchProgress HALFWAY = new BatchProgress(2, 10, 60, 119, 3840, 0.12345, 0.9512, 1.9886);
    private static final int IMAGES = 7600;

    @Test
    void aWideTerminalGetsABarAndEveryFigure() {
        String line = ProgressLine.render(HALFWAY, IMAGES, 159);
        assertEquals(159, line.length(), line);
        assertTrue(line.startsWith("epoch 2/10 |█"), line);
        assertTrue(line.endsWith("|  51%  loss 0.1235  acc 95.12%  1,931 img/s  ETA 0:02"), line);
    }

    @Test
    void eightyColumnsKeepTheFiguresAndAShorterBar() {
        String line = ProgressLine.render(HALFWAY, IMAGES, 79);
        assertEquals(79, line.length(), line);
        assertTrue(line.contains("acc 95.12%") && line.contains("1,931 img/s") && line.contains("ETA 0:02"), line);
        int bar = line.indexOf('|', line.indexOf('|') + 1) - line.indexOf('|') - 1;
        assertTrue(bar >= 10, "a bar of " + bar + " cells: " + line);
    }

    @Test
    void aNarrowTerminalDropsTheBarThenTheTimeLeftThenTheSpeedButNeverTheAccuracy() {
        String noBar = ProgressLine.render(HALFWAY, IMAGES, 64);
        assertFalse(noBar.contains("|"), noBar);
        assertTrue(noBar.endsWith("acc 95.12%  1,931 img/s  ETA 0:02"), noBar);
        String noEta = ProgressLine.render(HALFWAY, IMAGES, 55);
        assertEquals("epoch 2/10  51%  loss 0.1235  acc 95.12%  1,931 img/s", noEta);
        assertEquals("epoch 2/10  51%  loss 0.1235  acc 95.12%", ProgressLine.render(HALFWAY, IMAGES, 45));
    }

    @Test
    void theSpeedIsTheEpochsImagesOverItsSecondsFromTheFirstBatchOn() {
        BatchProgress first = new BatchProgress(1, 1, 1, 100, 64, 2.3, 0.1, 0.2);
        assertTrue(ProgressLine.render(first, 6400, 120).contains(" 320 img/s  ETA 0:20"), ProgressLine.render(first, 6400, 120));
    }

    @Test
    void barsFillInEighthsOfACell() {
        assertEquals("█████     ", ProgressLine.bar(0.5, 10));
        assertEquals("█▋  ", ProgressLine.bar(0.4, 4), "1.6 cells: one and 5/8");
        assertEquals("████", ProgressLine.bar(1, 4));
        assertEquals("    ", ProgressLine.bar(0, 4));
        assertEquals("1:01:01", ProgressLine.clock(3661));
    }
}
