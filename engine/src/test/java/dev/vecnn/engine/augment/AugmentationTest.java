package dev.vecnn.engine.augment;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentationTest {
    @Test
    void parsesEveryTransformationAndPrintsItBack() {
        Augmentation a = Augmentation.parse("shift(2) rotate(degrees=10) scale(0.9, 1.1) elastic(34,4) flip erase(0.5)");
        assertEquals(List.of(new Transform.Shift(2), new Transform.Rotate(10), new Transform.Scale(0.9, 1.1),
                new Transform.Elastic(34, 4), new Transform.Flip(), new Transform.Erase(0.5)), a.transforms());
        assertEquals("shift(2) rotate(10) scale(0.9,1.1) elastic(34,4) flip erase(0.5)", a.toString());
        assertEquals(a, Augmentation.parse(a.toString()));
        assertEquals(Augmentation.NONE, Augmentation.parse("none"));
        assertEquals("none", Augmentation.NONE.toString());
        assertTrue(Augmentation.parse(" none ").isNone());
    }

    @Test
    void mistakesAreNamed() {
        String[][] cases = {
                {"shift(2) shift(1)", "shift is given twice"},
                {"rotate", "missing argument 'degrees'"},
                {"scale(1.2,0.8)", "min 1.2 is above max 0.8"},
                {"erase(1.5)", "p must lie in [0.0, 1.0]"},
                {"flip(0.5)", "flip takes no arguments"},
                {"shift(2) none", "none stands alone"},
                {"twist(3)", "unknown augmentation 'twist'"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Augmentation.parse(c[0]), c[0]);
            assertTrue(e.getMessage().startsWith("bad augmentation '" + c[0] + "'") && e.getMessage().contains(c[1]),
                    e.getMessage());
        }
    }
}
