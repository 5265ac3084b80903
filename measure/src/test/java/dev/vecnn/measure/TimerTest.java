package dev.vecnn.measure;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the timer runs and reports; never how fast anything is. */
class TimerTest {
    private static final Budget TINY = new Budget(1_000_000, 1_000_000, 1_000_000, Long.MAX_VALUE);

    @Test
    void runsEveryCopyOnItsOwnThreadAndReportsAPositiveTime() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<AtomicInteger> calls = List.of(new AtomicInteger(), new AtomicInteger(), new AtomicInteger());
        List<Runnable> copies = new ArrayList<>();
        for (AtomicInteger count : calls) copies.add(() -> {
            threads.add(Thread.currentThread());
            count.incrementAndGet();
        });
        try (Timer timer = new Timer(3)) {
            Timer.Timing timing = timer.time(copies, TINY);
            assertTrue(timing.secondsPerCall() > 0 && Double.isFinite(timing.secondsPerCall()), timing.toString());
            assertTrue(timing.bytesPerCall() >= 0, timing.toString());
        }
        assertEquals(3, threads.size());
        for (AtomicInteger count : calls) assertEquals(calls.get(0).get(), count.get(), "every copy makes the same calls");
        assertTrue(calls.get(0).get() >= 2, "at least one warm-up and one timed call");
    }

    @Test
    void aSlowCallIsWarmedUpAndTimedOnceEach() {
        AtomicInteger calls = new AtomicInteger();
        Runnable slow = spinFiveMilliseconds(calls);
        try (Timer timer = new Timer(1)) {
            timer.time(List.of(slow), TINY);
        }
        assertEquals(2, calls.get());
    }

    @Test
    void aLongFirstCallCanBeTheMeasurementByItself() {
        AtomicInteger calls = new AtomicInteger();
        Runnable slow = spinFiveMilliseconds(calls);
        try (Timer timer = new Timer(1)) {
            Timer.Timing timing = timer.time(List.of(slow), new Budget(1_000_000, 1_000_000, 1_000_000, 2_000_000));
            assertTrue(timing.secondsPerCall() >= 0.005, timing.toString());
        }
        assertEquals(1, calls.get());
    }

    @Test
    void aCallThatKeepsAllocatingIsReportedAndStillTimed() {
        List<byte[]> kept = new ArrayList<>();
        Runnable allocating = () -> {
            if (kept.size() > 100) kept.clear();
            kept.add(new byte[64 * 1024]);
        };
        try (Timer timer = new Timer(1)) {
            Timer.Timing timing = timer.time(List.of(allocating), new Budget(0, 20_000_000, 1_000_000, 0));
            assertTrue(timing.bytesPerCall() >= 64 * 1024, timing.toString());
        }
    }

    /** A call that takes 5 ms and allocates nothing, run once already so that its first call loads nothing. */
    private static Runnable spinFiveMilliseconds(AtomicInteger calls) {
        Runnable slow = () -> {
            calls.incrementAndGet();
            long until = System.nanoTime() + 5_000_000;
            while (System.nanoTime() < until) Thread.onSpinWait();
        };
        slow.run();
        calls.set(0);
        return slow;
    }

    @Test
    void theCopiesMustMatchTheThreads() {
        try (Timer timer = new Timer(2)) {
            assertThrows(IllegalArgumentException.class, () -> timer.time(List.of(() -> { }), TINY));
        }
        assertThrows(IllegalArgumentException.class, () -> new Timer(0));
    }
}
