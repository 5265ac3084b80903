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
import java.util.Arrays;
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
        return snapshot(1, refreshSeconds);
    }

    private Snapshot snapshot(int epoch, int refreshSeconds) {
        return snapshot(epoch, refreshSeconds, Map.of("note", "x < y & \"z\""));
    }

    private Snapshot snapshot(int epoch, int refreshSeconds, Map<String, String> settings) {
        Model model = Model.build("flatten dense(3)", new Shape(1, 4, 4), 3);
        byte[] pixels = new byte[12 * 16], labels = new byte[12];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) (i * 37 % 251);
        for (int i = 0; i < labels.length; i++) labels[i] = (byte) (i % 3);
        Dataset images = new Dataset("tiny", 1, 4, 4, 3, pixels, labels);
        return new Snapshot(model, epoch, Kernels.named("reference"), 1, images, "test", List.of("a", "b & c", "<d>"), null,
                MetricsTable.EMPTY, TensorStatistics.of(1, model, null), settings,
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
    void betweenFullDrawingsThePageKeepsTheEarlierFiguresAndSaysWhen() throws IOException {
        Report.Written first = Report.write(dir, snapshot(1, 3));
        byte[] confusion = Files.readAllBytes(dir.resolve("confusion.png"));
        Report.Written second = Report.writeCurves(dir, snapshot(2, 3), first);
        assertEquals(first.figures(), second.figures(), "no curves without metrics: the same figures, drawn after epoch 1");
        String html = Files.readString(dir.resolve(Report.PAGE));
        assertTrue(html.contains("(confusion.png, drawn after epoch 1)"), "says which epoch the kept figures show");
        assertTrue(Arrays.equals(confusion, Files.readAllBytes(dir.resolve("confusion.png"))), "the file stays");
        Report.write(dir, snapshot(2, 3));
        assertFalse(Files.readString(dir.resolve(Report.PAGE)).contains("drawn after"), "a full drawing is all of one epoch");
    }

    @Test
    void theFinalPageStaysStillAndEscapesWhatItQuotes() throws IOException {
        Report.write(dir, snapshot(0));
        String html = Files.readString(dir.resolve(Report.PAGE));
        assertFalse(html.contains("refresh"), "no reload");
        assertTrue(html.contains("<td>note</td><td>x &lt; y &amp; &quot;z&quot;</td>"), "settings are escaped");
    }

    @Test
    void theSettingsSayAllImagesAndTheStoredSizeInWords() {
        Report.Written nothing = new Report.Written(List.of(), List.of(), 0);
        String zeros = ReportPage.html(snapshot(1, 0, Map.of("limit", "0", "downscale", "0", "patience", "0")), nothing);
        assertTrue(zeros.contains("<td>limit</td><td>all</td>"), "--limit 0");
        assertTrue(zeros.contains("<td>downscale</td><td>as stored</td>"), "--downscale 0");
        assertTrue(zeros.contains("<td>patience</td><td>0</td>"), "another 0 stays 0");
        String set = ReportPage.html(snapshot(1, 0, Map.of("limit", "400", "downscale", "14")), nothing);
        assertTrue(set.contains("<td>limit</td><td>400</td>"));
        assertTrue(set.contains("<td>downscale</td><td>14</td>"));
    }
}
