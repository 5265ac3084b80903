package dev.vecnn.engine.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrainingDataTest {
    @Test
    void limitsShrinksAndSplitsTheTrainingImagesButOnlyShrinksTheTestImages() throws IOException {
        TrainingData.Sets sets = new TrainingData(null, 1000, 14, 0.1).load(3);
        assertEquals(900, sets.train().count());
        assertEquals(100, sets.validation().count());
        assertEquals(1000, sets.test().count());
        for (Dataset d : new Dataset[] {sets.train(), sets.validation(), sets.test()}) {
            assertEquals(14, d.height());
            assertEquals(14, d.width());
        }
        int[] perClass = sets.validation().classCounts();
        for (int count : perClass) assertEquals(10, count, 3, "stratified: about a tenth of each class's 100");
    }

    @Test
    void theSameSeedGivesTheSameSetsAndNoSplitGivesNoValidation() throws IOException {
        TrainingData data = new TrainingData(null, 300, 0, 0.2);
        assertArrayEquals(data.load(5).validation().labels(), data.load(5).validation().labels());
        TrainingData.Sets all = new TrainingData(null, 0, 0, 0).load(5);
        assertEquals(8000, all.train().count());
        assertNull(all.validation());
    }

    @Test
    void impossibleSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingData(null, 0, 0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new TrainingData(null, -1, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new TrainingData(null, 0, 40, 0.1).load(1));
    }
}
