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
    void warmupRampsLinearlyToTheBaseThenTheScheduleStarts() {
        assertEquals(0.1 / 15, at("constant(warmup=1.5)", 0), 1e-15);
        assertEquals(0.1 * 8 / 15, at("constant(warmup=1.5)", 7), 1e-15);
        assertEquals(0.1, at("constant(warmup=1.5)", 14), 1e-15, "the last warm-up step reaches the base");
        assertEquals(0.1, at("constant(warmup=1.5)", 15), 1e-15);
        // cosine(warmup=1) over 4 epochs of 10 steps: 10 steps of ramp, then the cosine over the other 30 from the base.
        assertEquals(0.1 * 6 / 10, at("cosine(warmup=1)", 5), 1e-15);
        assertEquals(0.1, at("cosine(warmup=1)", 10), 1e-15);
        assertEquals(0.05 * (1 + Math.cos(Math.PI * 5 / 30.0)), at("cosine(warmup=1)", 15), 1e-15);
        assertEquals(0.05, at("cosine(warmup=1)", 25), 1e-15);
        assertEquals(0.05 * (1 + Math.cos(Math.PI * 29 / 30.0)), at("cosine(warmup=1)", 39), 1e-15);
        // step and exp count their epochs from the end of the warm-up.
        assertEquals(0.1, at("step(1,0.5,warmup=1)", 19), 1e-15);
        assertEquals(0.05, at("step(1,0.5,warmup=1)", 20), 1e-15);
        assertEquals(0.1 * 0.9 * 0.9, at("exp(0.9,warmup=0.5)", 25), 1e-15);
    }

    @Test
    void theRampNeverLeavesARateAboveTheBaseOrBelowItsStart() {
        for (String text : new String[] {"constant(warmup=2)", "cosine(warmup=2)", "step(1,warmup=2)", "exp(0.5,warmup=2)"}) {
            double previous = 0;
            for (long step = 0; step < 20; step++) {
                double rate = at(text, step);
                assertTrue(rate > previous && rate <= 0.1 + 1e-15, text + " at step " + step + ": " + rate);
                previous = rate;
            }
            assertEquals(0.1, previous, 1e-15, text + " reaches the base at the end of the warm-up");
        }
    }

    @Test
    void aResumedRunWithMoreEpochsContinuesTheCosineFromItsRate() {
        LrSchedule cosine = LrSchedule.parse("cosine(min=0.001)");
        // A 4-epoch run stopped after epoch 3 (step 30) and resumed for 8 epochs.
        double reached = cosine.lr(0.1, 30, STEPS, EPOCHS);
        LrSchedule extended = cosine.extend(0.1, 30, STEPS, EPOCHS, 8);
        assertEquals(30, extended.continuedFrom());
        assertEquals(reached, extended.lr(0.1, 30, STEPS, 8), 1e-15, "no jump at the resume");
        assertEquals(0.001 + (reached - 0.001) * 0.5 * (1 + Math.cos(Math.PI * 25 / 50.0)), extended.lr(0.1, 55, STEPS, 8), 1e-15);
        assertEquals(0.001 + (reached - 0.001) * 0.5 * (1 + Math.cos(Math.PI * 49 / 50.0)), extended.lr(0.1, 79, STEPS, 8), 1e-15);
        for (long step = 30; step < 80; step++)
            assertTrue(extended.lr(0.1, step + 1, STEPS, 8) <= extended.lr(0.1, step, STEPS, 8), "falls at " + step);
        // A finished run's cosine stands at min, where the extension stays.
        assertEquals(0.001, cosine.extend(0.1, 40, STEPS, EPOCHS, 6).lr(0.1, 45, STEPS, 6), 1e-15);
        // A second extension continues from the first one's rate; the stored form reads back.
        LrSchedule twice = extended.extend(0.1, 60, STEPS, 8, 10);
        assertEquals(extended.lr(0.1, 60, STEPS, 8), twice.lr(0.1, 60, STEPS, 10), 1e-15);
        assertEquals(twice, LrSchedule.parse(twice.toString(), twice.continuedFrom(), twice.continuedRate()));
        // Schedules that do not depend on the run's length, and a resume within the warm-up, are unchanged.
        assertEquals(LrSchedule.parse("step(2,0.5)"), LrSchedule.parse("step(2,0.5)").extend(0.1, 30, STEPS, EPOCHS, 8));
        LrSchedule warming = LrSchedule.parse("cosine(warmup=2)");
        assertEquals(warming, warming.extend(0.1, 10, STEPS, EPOCHS, 8));
        assertEquals(warming.lr(0.1, 10, STEPS, EPOCHS), warming.lr(0.1, 10, STEPS, 8), 1e-15, "the ramp does not depend on the length");
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
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("exp(0)"))
                .getMessage().contains("gamma must lie in (0, 1], not 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("step(2,0)"))
                .getMessage().contains("gamma must lie in (0, 1], not 0"));
        IllegalArgumentException minAbove = assertThrows(IllegalArgumentException.class,
                () -> TrainerConfig.defaults().withSchedule(LrSchedule.parse("cosine(min=0.01)")));
        assertEquals("cosine's min 0.01 is not below the learning rate 0.001: the rate would rise or stay flat",
                minAbove.getMessage());
    }

    @Test
    void theTextFormParsesBackToTheSameSchedule() {
        for (String text : new String[] {"constant", "step(3,0.5,warmup=2)", "exp(0.95)", "cosine(min=0.001,warmup=0.5)"}) {
            LrSchedule schedule = LrSchedule.parse(text);
            assertEquals(schedule, LrSchedule.parse(schedule.toString()), text);
        }
    }
}
