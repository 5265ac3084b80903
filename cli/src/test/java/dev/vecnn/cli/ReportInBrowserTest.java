package dev.vecnn.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.vecnn.cli.plot.PlotTesting.assertShowsData;
import static dev.vecnn.cli.plot.PlotTesting.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * report.html in a real browser: headless chromium (which .ci/run installs when missing) must
 * decode every embedded figure at its size. Where no chromium can be found the test is skipped,
 * and says so on the console.
 */
class ReportInBrowserTest {
    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    /** Added to a copy of the page (the page itself has no script): each image's decoded size, into the DOM. */
    private static final String PROBE = """
            <script>
            window.addEventListener('load', () => {
              const out = document.createElement('pre');
              out.id = 'decoded';
              out.textContent = Array.from(document.images).map(i =>
                  'image ' + i.alt + ' = ' + (i.complete && i.naturalWidth > 0 ? i.naturalWidth + 'x' + i.naturalHeight : 'broken')
              ).join('\\n');
              document.body.appendChild(out);
            });
            </script>
            """;
    private static final Pattern DECODED = Pattern.compile("image (.+?) = (\\d+x\\d+|broken)");

    @TempDir
    Path dir;

    @Test
    void everyFigureDecodesInHeadlessChromium() throws IOException, InterruptedException {
        Optional<Path> browser = findBrowser();
        if (browser.isEmpty()) {
            String why = "no chromium on the PATH (looked for " + String.join(", ", BROWSERS) + "; .ci/run installs Debian's)";
            System.out.println("SKIPPED ReportInBrowserTest: " + why);
            Assumptions.abort(why);
        }
        Path run = TinyRun.directory();
        Path probe = dir.resolve("probe.html");
        Files.writeString(probe, Files.readString(run.resolve("report.html")).replace("</body>", PROBE + "</body>"));
        String dom = chromium(browser.get(), "--dump-dom", probe.toUri().toString());
        List<String> decoded = new ArrayList<>();
        Matcher m = DECODED.matcher(dom);
        while (m.find()) decoded.add(m.group(1) + " " + m.group(2));
        assertEquals(ReportTest.FIGURES.size(), decoded.size(), "images the browser listed:\n" + dom);
        for (String image : decoded) assertTrue(!image.endsWith("broken"), "the browser could not decode " + image);
        // The sizes the browser decoded are those of the PNG files, in page order.
        List<String> expected = new ArrayList<>();
        for (String name : ReportTest.FIGURES) {
            BufferedImage png = decode(run.resolve(name));
            expected.add(png.getWidth() + "x" + png.getHeight());
        }
        assertEquals(expected, decoded.stream().map(d -> d.substring(d.lastIndexOf(' ') + 1)).toList());

        Path screenshot = dir.resolve("screenshot.png");
        chromium(browser.get(), "--screenshot=" + screenshot, "--window-size=1280,2000", run.resolve("report.html").toUri().toString());
        assertShowsData(decode(screenshot), "the browser's screenshot of report.html");
    }

    private static Optional<Path> findBrowser() {
        String path = System.getenv().getOrDefault("PATH", "");
        return BROWSERS.stream().flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, name)))
                .filter(Files::isExecutable).findFirst();
    }

    /** Runs headless chromium on {@code args} and returns what it printed on stdout. */
    private String chromium(Path browser, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"),
                "--virtual-time-budget=10000"));
        command.addAll(List.of(args));
        Path out = dir.resolve("chromium.out"), err = dir.resolve("chromium.err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s:\n" + Files.readString(err));
        }
        assertEquals(0, process.exitValue(), "chromium failed:\n" + Files.readString(err));
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
