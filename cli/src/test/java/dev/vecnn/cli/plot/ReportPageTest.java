package dev.vecnn.cli.plot;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportPageTest {
    @TempDir
    Path dir;

    /** A network without convolution, untrained, on 12 random 4x4 images of 3 classes, with no run history. */
    private Snapshot snapshot(int refreshSeconds) {
        Model model = Model.build("flatten dense(3)", new Shape(1, 4, 4), 3);
        byte[] pixels = new byte[12 * 16], labels = new byte[12];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) (i * 37 % 251);
        for (int i = 0; i < labels.length; i++) labels[i] = (byte) (i % 3);
        Dataset images = new Dataset("tiny", 1, 4, 4, 3, pixels, labels);
        return new Snapshot(model, Kernels.named("reference"), 1, images, "test", List.of("a", "b & c", "<d>"), null,
                MetricsTable.EMPTY, TensorStatistics.of(1, model, null), Map.of("note", "x < y & \"z\""),
                "Training: epoch 1 of 3 done.", refreshSeconds);
    }

    @Test
    void theLivePageReloadsItselfAndSaysWhichFiguresItCannotDraw() throws IOException {
        Report.Written written = Report.write(dir, snapshot(3));
        assertEquals(List.of("confusion.png", "predictions.png", "distributions.png", "embedding.png"),
                written.figures().stream().map(Figure::file).toList());
        String html = Files.readString(dir.resolve(Report.PAGE));
        assertTrue(html.contains("<meta http-equiv=\"refresh\" content=\"3\"/>"), "reloads every 3 s");
        assertTrue(html.contains("reloads itself every 3 s while the run trains"));
        assertTrue(html.contains("<li>curves.png: no metrics.csv beside the model</li>"));
        assertTrue(html.contains("<li>filters.png and feature-maps.png: the network has no convolution</li>"));
        for (Figure f : written.figures()) {
            assertTrue(Files.exists(dir.resolve(f.file())), f.file());
            PlotTesting.assertNotBlank(PlotTesting.decode(f.png()), f.file());
        }
        assertFalse(Files.exists(dir.resolve("curves.png")));
    }

    @Test
    void theFinalPageStaysStillAndEscapesWhatItQuotes() throws IOException {
        Report.write(dir, snapshot(0));
        String html = Files.readString(dir.resolve(Report.PAGE));
        assertFalse(html.contains("refresh"), "no reload");
        assertTrue(html.contains("<td>note</td><td>x &lt; y &amp; &quot;z&quot;</td>"), "settings are escaped");
    }
}
