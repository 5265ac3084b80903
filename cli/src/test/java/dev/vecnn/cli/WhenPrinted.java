package dev.vecnn.cli;

import java.io.StringWriter;

/**
 * A writer for a command's output that runs {@code action} once, the first time the text written
 * so far contains {@code marker} (such as "epoch 1/"): a test's hook into a run at a known point,
 * on the thread that prints, so the run waits for the action.
 */
final class WhenPrinted extends StringWriter {
    private final String marker;
    private final Runnable action;
    private boolean done;

    WhenPrinted(String marker, Runnable action) {
        this.marker = marker;
        this.action = action;
    }

    @Override
    public void write(String text, int off, int len) {
        super.write(text, off, len);
        if (!done && toString().contains(marker)) {
            done = true;
            action.run();
        }
    }
}
