package dev.vecnn.cli;

import dev.vecnn.engine.train.BatchProgress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One terminal line of an epoch's progress, fitted to the terminal's width: the epoch, its share
 * done, the running loss and accuracy, the images per second so far (images over the seconds since
 * the epoch started, the measure the epoch's own line reports at its end) and the time left. When
 * the width runs short the bar goes first, then the time left, then the speed; the loss and the
 * accuracy stay.
 */
final class ProgressLine {
    /** Fewer cells than this and the bar says nothing: it is dropped instead. */
    private static final int MIN_BAR = 10;
    private static final String[] PARTIAL = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};

    private ProgressLine() {}

    /** The line for {@code p}, out of {@code images} images in the epoch, at most {@code width} characters. */
    static String render(BatchProgress p, int images, int width) {
        double fraction = images > 0 ? Math.min(1, (double) p.images() / images) : 0;
        double rate = p.seconds() > 0 ? p.images() / p.seconds() : Double.NaN;
        String name = "epoch " + p.epoch() + "/" + p.epochs();
        String percent = String.format(Locale.ROOT, "%3.0f%%", 100 * fraction);
        String metrics = String.format(Locale.ROOT, "loss %.4f  acc %s", p.loss(), TrainingReport.percent(p.accuracy()));
        List<String> optional = new ArrayList<>();
        if (Double.isFinite(rate)) {
            optional.add(String.format(Locale.ROOT, "%,.0f img/s", rate));
            optional.add("ETA " + clock((images - p.images()) / rate));
        }
        // Drop from the end (the time left, then the speed) until the text fits without the bar.
        String text = join(name, percent, metrics, optional);
        while (text.length() > width && !optional.isEmpty()) {
            optional.remove(optional.size() - 1);
            text = join(name, percent, metrics, optional);
        }
        int barCells = width - text.length() - 3; // " |" before the bar, "|" after it
        if (barCells < MIN_BAR) return text.length() <= width ? text : text.substring(0, width);
        return name + " |" + bar(fraction, barCells) + "|" + text.substring(name.length());
    }

    private static String join(String name, String percent, String metrics, List<String> optional) {
        StringBuilder text = new StringBuilder(name).append(' ').append(percent).append("  ").append(metrics);
        for (String part : optional) text.append("  ").append(part);
        return text.toString();
    }

    /** {@code cells} cells filled for {@code fraction}, in eighths of a cell. */
    static String bar(double fraction, int cells) {
        int eighths = (int) Math.round(fraction * cells * 8);
        int full = Math.min(cells, eighths / 8);
        String partial = full < cells ? PARTIAL[eighths % 8] : "";
        return "█".repeat(full) + partial + " ".repeat(cells - full - partial.length());
    }

    /** m:ss, or h:mm:ss from an hour on. */
    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
