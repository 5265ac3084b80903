package dev.vecnn.engine.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LrScheduleTest {
    private static final int STEPS = 10;
    private static final int EPOCHS = 4;

    private static double at(String schedule, long step) { return LrSchedule.parse(schedule).lr(0.1, step, STEPS, EPOCHS); }

    @Test
    void constantStaysAtTheBase() {
        assertEquals(0.1, at("constant", 0));
        assertEquals(0.1, at("constant", 39));
    }

    @Test
    void stepMultipliesByGammaEveryFewEpochs() {
        assertEquals(0.1, at("step(2,0.5)", 19), 1e-15);
        assertEquals(0.05, at("step(2,0.5)", 20), 1e-15);
        assertEquals(0.05, at("step(every=2,gamma=0.5)", 39), 1e-15);
        assertEquals(0.025, at("step(every=2,gamma=0.5)", 40), 1e-15);
        assertEquals(0.01, at("step(1)", 10), 1e-15);
    }

    @Test
    void expMultipliesByGammaEachEpoch() {
        assertEquals(0.1, at("exp(0.9)", 9), 1e-15);
        assertEquals(0.1 * 0.9 * 0.9 * 0.9, at("exp(0.9)", 35), 1e-15);
    }

    @Test
    void cosineFallsFromTheBaseToTheMinimumOverTheRun() {
        assertEquals(0.1, at("cosine", 0), 1e-15);
        assertEquals(0.05, at("cosine", 20), 1e-15);
        assertEquals(0.01 + 0.09 * 0.5 * (1 + Math.cos(Math.PI * 0.25)), at("cosine(min=0.01)", 10), 1e-15);
        assertTrue(at("cosine", 39) < 0.001);
    }

    @Test
    void warmupRampsLinearlyThenHandsOver() {
        assertEquals(0.1 / 15, at("constant(warmup=1.5)", 0), 1e-15);
        assertEquals(0.1 * 8 / 15, at("constant(warmup=1.5)", 7), 1e-15);
        assertEquals(0.1, at("constant(warmup=1.5)", 15), 1e-15);
        double cosine = 0.05 * (1 + Math.cos(Math.PI * 5 / 40.0));
        assertEquals(cosine * 6 / 10, at("cosine(warmup=1)", 5), 1e-15);
    }

    @Test
    void badSchedulesSayWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("stepp(2)"))
                .getMessage().contains("unknown schedule 'stepp'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("step"))
                .getMessage().contains("missing argument 'every'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("exp(1.5)"))
                .getMessage().contains("gamma must lie in"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("cosine exp(0.9)"))
                .getMessage().contains("a single call"));
    }

    @Test
    void theTextFormParsesBackToTheSameSchedule() {
        for (String text : new String[] {"constant", "step(3,0.5,warmup=2)", "exp(0.95)", "cosine(min=0.001,warmup=0.5)"}) {
            LrSchedule schedule = LrSchedule.parse(text);
            assertEquals(schedule, LrSchedule.parse(schedule.toString()), text);
        }
    }
}
