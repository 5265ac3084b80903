package dev.vecnn.engine.train;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingStream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where steps that should allocate nothing do allocate, for a failing allocation test's message:
 * JFR samples the allocations of some more steps, and the heaviest sites are named by the class
 * allocated, the method that allocated it and the project's innermost method above that. An
 * allocation that C2 leaves in only some JVMs (one CI run saw 1.2 MB per step for two minutes,
 * which no rerun here showed) can then be traced from the one run that had it.
 */
final class AllocationSites {
    private static final String EVENT = "jdk.ObjectAllocationSample";
    private static final int SHOWN = 6;
    /** The classes a step's threads run through: the caller's and the pool workers'. */
    private static final Set<String> STEP_CLASSES = Set.of(Trainer.class.getName(), Parallel.class.getName());

    private AllocationSites() {}

    /** The heaviest sampled sites while {@code steps} runs, heaviest first, one per line. */
    static String during(Runnable steps) {
        Map<String, Long> bytesBySite = new HashMap<>();
        try (RecordingStream recording = new RecordingStream()) {
            recording.enable(EVENT).with("throttle", "10000/s").withStackTrace();
            recording.onEvent(EVENT, event -> {
                if (inStep(event)) bytesBySite.merge(site(event), event.getLong("weight"), Long::sum);
            });
            recording.startAsync();
            steps.run();
            recording.stop();
        }
        if (bytesBySite.isEmpty()) return "no allocation was sampled";
        return bytesBySite.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(SHOWN)
                .map(site -> site.getValue() + " B sampled: " + site.getKey())
                .collect(Collectors.joining("\n  ", "sampled allocation sites:\n  ", ""));
    }

    /** Whether a step allocated it, not the recording's own set-up on the calling thread. */
    private static boolean inStep(RecordedEvent event) {
        return event.getStackTrace() != null && event.getStackTrace().getFrames().stream()
                .anyMatch(frame -> STEP_CLASSES.contains(frame.getMethod().getType().getName()));
    }

    private static String site(RecordedEvent event) {
        String allocated = event.getClass("objectClass").getName();
        List<RecordedFrame> frames = event.getStackTrace().getFrames();
        String top = frames.isEmpty() ? "?" : name(frames.get(0));
        String ours = frames.stream().filter(f -> f.getMethod().getType().getName().startsWith("dev.vecnn."))
                .findFirst().map(AllocationSites::name).orElse("no project frame");
        return allocated + " in " + top + " from " + ours;
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName() + ":" + frame.getLineNumber()
                + " (" + frame.getType() + ")";
    }
}
