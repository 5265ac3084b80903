package dev.vecnn.cli;

import dev.vecnn.engine.data.ClassNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.vecnn.cli.plot.PlotTesting.assertShowsData;
import static dev.vecnn.cli.plot.PlotTesting.decode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The figures and report.html that train and report write, checked as files a user opens. */
class ReportTest {
    static final List<String> FIGURES = List.of("curves.png", "confusion.png", "filters.png", "feature-maps.png",
            "predictions.png", "distributions.png", "embedding.png");

    @TempDir
    Path dir;

    /**
     * Width x height of every figure of the tiny run (conv(4,3) relu maxpool(2) flatten dense(10), 10
     * digits), read from a real run and pinned, so that a change of any layout shows here. The
     * derivable ones are derived.
     */
    private static final Map<String, int[]> SIZES = Map.of("curves.png", new int[] {1500, 400},
            "confusion.png", new int[] {680, 650},
            // conv(4,3): 4 filters of 1x3x3, 48 px tiles in a 2 x 2 grid, at least 420 wide.
            "filters.png", new int[] {420, 52 + 12 + 2 * 48 + 6},
            // The input, then the 4 channels of conv(4,3) (26x26) and of maxpool(2) (13x13).
            "feature-maps.png", new int[] {244, 364},
            // 32 images, 8 a row in 4 rows.
            "predictions.png", new int[] {940, 644},
            // Two layers with parameters: a title band, two rows of panels and the gradient flow panel.
            "distributions.png", new int[] {2 * 540, 34 + 2 * 210 + 300},
            "embedding.png", new int[] {820, 640});

    @Test
    void trainDrawsEveryFigureIntoItsDirectory() throws IOException {
        Path run = TinyRun.directory();
        for (String name : FIGURES) {
            BufferedImage image = decode(run.resolve(name));
            assertShowsData(image, name);
            assertArrayEquals(SIZES.get(name), new int[] {image.getWidth(), image.getHeight()}, name);
        }
        List<String> stats = Files.readAllLines(run.resolve("layer-stats.csv"));
        assertEquals(1 + 2 * 4, stats.size(), "a header, then 4 tensors in each of 2 epochs:\n" + String.join("\n", stats));
        assertTrue(stats.get(8).startsWith("2,5.dense.bias,10,"), stats.get(8));
        assertTrue(TinyRun.output().contains(run.resolve("report.html") + " (the figures, "), TinyRun.output());
    }

    /**
     * The closing lines say what the layer statistics cost: their seconds, and that as a share of
     * the epochs' timed seconds, which are those of metrics.csv.
     */
    @Test
    void trainSaysWhatTheLayerStatisticsCostAgainstTheEpochs() throws IOException {
        Path run = TinyRun.directory();
        Matcher line = Pattern.compile(Pattern.quote(run.resolve("layer-stats.csv").toString())
                + " \\(layer statistics, (\\d+\\.\\d{3}) s over the run, (\\d+\\.\\d{2}) % of the epochs' (\\d+\\.\\d{2}) s\\)")
                .matcher(TinyRun.output());
        assertTrue(line.find(), TinyRun.output());
        double seconds = Double.parseDouble(line.group(1)), share = Double.parseDouble(line.group(2)),
                epochs = Double.parseDouble(line.group(3));
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        int column = List.of(metrics.get(0).split(",")).indexOf("seconds");
        double timed = metrics.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[column])).sum();
        assertEquals(timed, epochs, 0.005 + 0.001 * (metrics.size() - 1), "the epochs' seconds of metrics.csv");
        assertTrue(seconds > 0, "the statistics were timed");
        // The share is of the unrounded seconds: within what the printed roundings (0.0005 s, 0.005 s, 0.005 %) allow.
        double low = 100 * (seconds - 0.0005) / (epochs + 0.005) - 0.005, high = 100 * (seconds + 0.0005) / (epochs - 0.005) + 0.005;
        assertTrue(share >= low && share <= high, "the share of the epochs: " + share + " % not in " + low + " .. " + high);
    }

    /**
     * An epoch's line, with its seconds, is printed before any of its figures is drawn: nothing is
     * drawn inside the epoch (from the per-batch progress, say), and what is drawn after it cannot
     * count in its seconds.
     */
    @Test
    void nothingIsDrawnUntilTheEpochsTimeIsTaken() throws IOException {
        Path out = dir.resolve("order");
        List<String> atFirstLine = new ArrayList<>();
        Cli.Run run = Cli.run(new WhenPrinted("epoch 1/", () -> {
            try (var files = Files.list(out)) {
                files.map(f -> f.getFileName().toString()).forEach(atFirstLine::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), TinyRun.args(out, 1));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(atFirstLine.contains("metrics.csv"), "the epoch was saved before its line: " + atFirstLine);
        for (String file : atFirstLine)
            assertFalse(file.endsWith(".png") || file.equals("report.html") || file.equals("layer-stats.csv"),
                    file + " existed as epoch 1's line printed: " + atFirstLine);
        for (String name : FIGURES) assertTrue(Files.exists(out.resolve(name)), name + " after the run");
    }

    /**
     * A model whose file names Fashion-MNIST's classes gets figures that name them: the same model
     * and images with digit names draw other pixels wherever the figures write a class name.
     */
    @Test
    void theFiguresUseTheClassNamesTheModelFileStores() throws IOException {
        Path fashion = TinyRun.withClassNames(dir.resolve("fashion.vecnn"), ClassNames.FASHION_MNIST);
        Path digits = dir.resolve("digits.vecnn");
        Files.copy(TinyRun.model(), digits);
        Cli.ok("report", "--model", fashion.toString(), "--out", dir.resolve("f").toString());
        Cli.ok("report", "--model", digits.toString(), "--out", dir.resolve("d").toString());
        Cli.ok("report", "--model", digits.toString(), "--out", dir.resolve("d2").toString());
        for (String name : List.of("confusion.png", "feature-maps.png", "predictions.png", "embedding.png")) {
            BufferedImage f = decode(dir.resolve("f").resolve(name)), d = decode(dir.resolve("d").resolve(name));
            assertTrue(samePixels(d, decode(dir.resolve("d2").resolve(name))), name + ": drawn twice, the same");
            assertFalse(samePixels(f, d), name + " is the same with garment names as with digits");
        }
        assertTrue(Files.readString(dir.resolve("f").resolve("report.html")).contains("T-shirt/top"), "the page");
    }

    private static boolean samePixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) return false;
        return Arrays.equals(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()),
                b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()));
    }

    @Test
    void thePageParsesNamesEveryFigureAndNeedsNothingFromTheNetwork() throws Exception {
        Path page = TinyRun.directory().resolve("report.html");
        String html = Files.readString(page, StandardCharsets.UTF_8);
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(page.toFile());
        NodeList images = document.getElementsByTagName("img");
        Map<String, Element> byAlt = new HashMap<>();
        for (int i = 0; i < images.getLength(); i++) byAlt.put(((Element) images.item(i)).getAttribute("alt"), (Element) images.item(i));
        assertEquals(FIGURES.size(), images.getLength());
        for (String name : FIGURES) {
            assertTrue(html.contains("(" + name + ")"), "the page names " + name);
            Element img = byAlt.values().stream().filter(e -> {
                String src = e.getAttribute("src");
                return src.startsWith("data:image/png;base64,") && equalsFile(src, TinyRun.directory().resolve(name));
            }).findFirst().orElseThrow(() -> new AssertionError("no image embeds " + name));
            BufferedImage image = decode(TinyRun.directory().resolve(name));
            assertEquals(Integer.toString(image.getWidth()), img.getAttribute("width"), name);
            assertEquals(Integer.toString(image.getHeight()), img.getAttribute("height"), name);
        }
        // Self-contained: no scripts, stylesheets, frames or addresses to fetch; the finished run's page stays still.
        for (String tag : List.of("script", "link", "iframe", "object", "embed"))
            assertEquals(0, document.getElementsByTagName(tag).getLength(), "<" + tag + ">");
        for (String fetch : List.of("http:", "https:", "url(", "@import", "src=\"//", "href=\"//"))
            assertFalse(html.contains(fetch), "the page fetches " + fetch);
        assertFalse(html.contains("http-equiv=\"refresh\""), "the final page does not reload itself");
        assertTrue(html.contains("Finished 2 epochs. Test accuracy "), "the status line");
        assertTrue(html.contains("<p>network <code>" + TinyRun.SPEC + "</code>, input 1x28x28, 10 classes</p>"), "the network");
        assertTrue(html.contains("<td>batch-size</td><td>32</td>"), "the settings table");
        assertTrue(html.contains("<td>limit</td><td>400</td>"), "--limit 400");
        assertTrue(html.contains("<td>downscale</td><td>as stored</td>"), "no --downscale");
        assertTrue(html.contains("<td>conv(4,3)</td><td>4x26x26</td>"), "the summary table");
        assertTrue(html.contains("<th>val_accuracy</th>"), "the metrics table");
    }

    @Test
    void theLivePageReloadsItselfAndTheFinalPageDoesNot() throws IOException {
        Path out = dir.resolve("live");
        String[] live = new String[1];
        // As epoch 2's line prints, the page on disk is the one written after epoch 1.
        Cli.Run run = Cli.run(new WhenPrinted("epoch 2/", () -> {
            try {
                live[0] = Files.readString(out.resolve("report.html"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), TinyRun.args(out, 2));
        assertEquals(0, run.exitCode(), run.err());
        Matcher refresh = Pattern.compile("<meta http-equiv=\"refresh\" content=\"(\\d+)\"/>").matcher(live[0]);
        assertTrue(refresh.find(), "the live page reloads itself");
        int seconds = Integer.parseInt(refresh.group(1));
        assertTrue(seconds >= 5 && seconds <= 30, "every 5 to 30 s, not " + seconds);
        assertTrue(live[0].contains("<p class=\"status live\">Training: epoch 1 of 2 done"), live[0].substring(0, 2000));
        String last = Files.readString(out.resolve("report.html"));
        assertFalse(last.contains("http-equiv=\"refresh\""), "the final page does not reload itself");
        assertTrue(last.contains("<p class=\"status\">Finished 2 epochs."), last.substring(0, 2000));
    }

    @Test
    void aStoppedRunsPageSaysHowToResumeAndNoLongerReloads() throws IOException {
        Path out = dir.resolve("stopped");
        // SIGINT as epoch 1's line prints: the run draws epoch 1's figures, then stops before epoch 2.
        Cli.Run run = Cli.run(new WhenPrinted("epoch 1/", () -> StopSignalTest.raise("INT")), TinyRun.args(out, 2));
        assertEquals(130, run.exitCode(), run.err());
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(html.contains("http-equiv=\"refresh\""), "the stopped page does not reload itself");
        assertTrue(html.contains("<p class=\"status\">Stopped by SIGINT after epoch 1 of 2; resume with: vecnn train --resume"
                + " --out " + out + ". The figures show the model after epoch 1.</p>"), html.substring(0, 2000));
    }

    private static boolean equalsFile(String src, Path file) {
        try {
            return Arrays.equals(Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1)), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void reportRedrawsASavedModelWithItsRunsHistory() throws IOException {
        Path out = dir.resolve("report");
        Cli.Run run = Cli.ok("report", "--model", TinyRun.model().toString(), "--out", out.toString());
        assertTrue(run.out().contains("report  " + out.resolve("report.html") + " (7 figures, drawn in "), run.out());
        for (String name : FIGURES) {
            assertTrue(run.out().contains(out.resolve(name).toString()), run.out());
            assertShowsData(decode(out.resolve(name)), name);
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Report of best.vecnn after "), html.substring(0, Math.min(html.length(), 2000)));
        assertFalse(html.contains("Not drawn"));
    }

    @Test
    void aModelAwayFromItsRunGetsTheFiguresItCanGive() throws IOException {
        Path alone = dir.resolve("alone.vecnn");
        Files.copy(TinyRun.model(), alone);
        Cli.Run run = Cli.ok("report", "--model", alone.toString());
        assertTrue(run.out().contains("(6 figures, drawn in "), run.out());
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<li>curves.png: no metrics.csv beside the model</li>"), "says why the curves are missing");
        BufferedImage distributions = decode(dir.resolve("distributions.png"));
        assertEquals(540, distributions.getWidth(), "weights only: one column, no gradient flow");
        assertFalse(Files.exists(dir.resolve("curves.png")));
    }

    @Test
    void noPlotsDrawsNothingAndAResumedRunKeepsItsEarlierStatistics() throws IOException {
        Path quiet = dir.resolve("quiet");
        // A constant rate: a cosine ends at 0, after which a resumed run would not change the model.
        Cli.ok(TinyRun.args(quiet, 1, "--no-plots", "--schedule", "constant"));
        try (var files = Files.list(quiet)) {
            // .lock: the run directory's lock file, which stays (RunLock).
            assertEquals(List.of(".lock", "best.vecnn", "last.vecnn", "metrics.csv"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        // Resumed with figures: layer-stats.csv starts at the resumed epoch, since the first drew nothing.
        Cli.ok("train", "--resume", "--out", quiet.toString(), "--epochs", "2");
        List<String> stats = Files.readAllLines(quiet.resolve("layer-stats.csv"));
        assertEquals(5, stats.size(), String.join("\n", stats));
        assertTrue(stats.get(1).startsWith("2,1.conv.weight,"), stats.get(1));
        Cli.ok("train", "--resume", "--out", quiet.toString(), "--epochs", "3", "--no-plots");
        Cli.ok("train", "--resume", "--out", quiet.toString(), "--epochs", "4");
        stats = Files.readAllLines(quiet.resolve("layer-stats.csv"));
        assertEquals(List.of("2", "2", "2", "2", "4", "4", "4", "4"), stats.subList(1, 9).stream().map(l -> l.split(",")[0]).toList());
    }

    @Test
    void userMistakesGetOneLine() {
        Cli.Run missing = Cli.run("report", "--model", dir.resolve("missing.vecnn").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.errorLine().contains("missing.vecnn"), missing.err());
        Cli.Run noModel = Cli.run("report");
        assertEquals(2, noModel.exitCode());
        assertTrue(noModel.err().contains("--model"), noModel.err());
    }
}
