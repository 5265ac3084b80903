package dev.vecnn.spark;

import org.apache.spark.BarrierTaskContext;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Spark's barrier {@code allGather}, returning as soon as the last worker's message is in rather
 * than up to a second later. Spark 4.2's {@code BarrierTaskContext.runBarrier} sends the request
 * and then waits for the reply in a loop of {@code Thread.sleep(1000)}, checking after each sleep
 * (or an interrupt of it) whether the task was killed and whether the reply has come: so every
 * call costs a whole second even when the reply takes a millisecond, which made data-parallel
 * training spend about 1 s per synchronisation. Here the call runs on a thread of its own, which
 * this one interrupts every {@link #WAKE_MILLIS} ms until it returns: each interrupt ends Spark's
 * sleep early, Spark finds the task not killed and looks at the reply again. The messages still go
 * through Spark's barrier coordinator; the task thread is never interrupted by us, so its own I/O
 * is unaffected, and a kill of the task still stops the call (Spark's check sees it).
 */
final class PromptAllGather {
    /** How often the waiting call looks for the reply: the most a synchronisation waits beyond its reply. */
    static final long WAKE_MILLIS = 1;

    private PromptAllGather() {}

    /** {@code context.allGather(message)}: every worker's message, in partition order. */
    static String[] allGather(BarrierTaskContext context, String message) {
        CompletableFuture<String[]> reply = new CompletableFuture<>();
        Thread caller = Thread.ofPlatform().daemon().name("vecnn allGather " + context.partitionId()).start(() -> {
            try {
                reply.complete(context.allGather(message));
            } catch (Throwable t) {
                reply.completeExceptionally(t);
            }
        });
        try {
            while (true) {
                try {
                    return reply.get(WAKE_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    caller.interrupt();
                }
            }
        } catch (InterruptedException e) {
            // Spark interrupts a task it kills: the call notices the kill at its next check, and so does this task.
            caller.interrupt();
            Thread.currentThread().interrupt();
            context.killTaskIfInterrupted();
            throw new IllegalStateException("interrupted while the workers synchronised", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }
}
