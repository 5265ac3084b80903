package dev.vecnn.cli;

import dev.vecnn.engine.data.ClassNames;
import dev.vecnn.engine.data.DataSource;
import dev.vecnn.engine.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictCommandTest {
    @TempDir
    Path dir;

    @Test
    void oneRowPerIndexWithItsLabelAndTheTopClasses() {
        Dataset test = sample();
        Cli.Run run = Cli.ok("predict", "--model", TinyRun.model().toString(), "--index", "3,4", "--index", "5", "--top", "3");
        List<String> lines = run.lines();
        assertEquals(6, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("model  " + TinyRun.model()), lines.get(0));
        assertTrue(lines.get(1).startsWith("data   mnist-sample/t10k (the bundled MNIST sample"), lines.get(1));
        assertTrue(lines.get(2).matches("image\\s+label\\s+top 3 predicted"), lines.get(2));
        for (int i = 0; i < 3; i++) {
            String[] cells = lines.get(3 + i).split("\\s+");
            assertEquals(List.of("index", Integer.toString(3 + i), Integer.toString(test.label(3 + i))),
                    List.of(cells).subList(0, 3), lines.get(3 + i));
            double first = percent(cells[4]), second = percent(cells[6]), third = percent(cells[8]);
            assertTrue(first >= second && second >= third && first + second + third <= 100.01, lines.get(3 + i));
        }
    }

    private static double percent(String cell) {
        return Double.parseDouble(cell.replace("%", ""));
    }

    private static Dataset sample() {
        try {
            return DataSource.bundledSample().test();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Path png(String name, int index) throws IOException {
        Dataset test = sample();
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++)
            for (int x = 0; x < 28; x++) image.getRaster().setSample(x, y, 0, test.pixels()[index * 784 + y * 28 + x] & 0xFF);
        Path png = dir.resolve(name);
        Files.createDirectories(png.getParent());
        ImageIO.write(image, "png", png.toFile());
        return png;
    }

    @Test
    void aPngOfATestDigitGetsTheSameProbabilitiesAsTheDigitItself() throws IOException {
        Path png = png("digit.png", 7);
        Map<?, ?> json = JsonOutput.object(Cli.ok("predict", "--model", TinyRun.model().toString(), "--image", png.toString(),
                "--index", "7", "--top", "10", "--json").out());
        assertEquals(List.of("model", "data", "predictions"), List.copyOf(json.keySet()));
        List<?> predictions = (List<?>) json.get("predictions");
        Map<?, ?> fromPng = (Map<?, ?>) predictions.get(0), fromIndex = (Map<?, ?>) predictions.get(1);
        assertEquals(List.of("image", "index", "label", "labelName", "top"), List.copyOf(fromIndex.keySet()));
        assertEquals(png.toString(), fromPng.get("image"));
        assertEquals(null, fromPng.get("label"));
        assertEquals(7.0, fromIndex.get("index"));
        assertEquals((double) sample().label(7), fromIndex.get("label"));
        List<?> top = (List<?>) fromIndex.get("top");
        assertEquals(10, top.size());
        assertEquals(List.of("class", "name", "probability"), List.copyOf(((Map<?, ?>) top.get(0)).keySet()));
        assertEquals(top, fromPng.get("top"));
    }

    @Test
    void aDirectoryStandsForThePicturesInItSortedByName() throws IOException {
        png("pictures/b.png", 1);
        png("pictures/a.png", 0);
        Files.writeString(dir.resolve("pictures/notes.txt"), "not a picture");
        List<String> lines = Cli.ok("predict", "--model", TinyRun.model().toString(), "--image", dir.resolve("pictures").toString())
                .lines();
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(1).matches("image\\s+predicted"), lines.get(1));
        assertTrue(lines.get(2).startsWith(dir.resolve("pictures/a.png").toString()), lines.get(2));
        assertTrue(lines.get(3).startsWith(dir.resolve("pictures/b.png").toString()), lines.get(3));
    }

    @Test
    void aModelTrainedOnFashionMnistNamesItsClasses() throws IOException {
        Path model = TinyRun.withClassNames(dir.resolve("fashion.vecnn"), ClassNames.FASHION_MNIST);
        int label = sample().label(3);
        String garment = ClassNames.FASHION_MNIST.name(label);
        List<String> lines = Cli.ok("predict", "--model", model.toString(), "--index", "3").lines();
        assertTrue(lines.get(3).matches("index 3\\s+" + label + " " + garment + "\\s+\\d [A-Za-z/ -]+ \\d+\\.\\d\\d%"),
                lines.get(3));
        Map<?, ?> json = JsonOutput.object(Cli.ok("predict", "--model", model.toString(), "--index", "3", "--json").out());
        Map<?, ?> prediction = (Map<?, ?>) ((List<?>) json.get("predictions")).get(0);
        assertEquals(garment, prediction.get("labelName"));
        Map<?, ?> best = (Map<?, ?>) ((List<?>) prediction.get("top")).get(0);
        assertEquals(ClassNames.FASHION_MNIST.name(((Double) best.get("class")).intValue()), best.get("name"));
    }

    @Test
    void badInputsGetOneLineAndTheRightExitCode() throws IOException {
        Path notAnImage = Files.writeString(dir.resolve("note.png"), "just text");
        Files.createDirectories(dir.resolve("empty"));
        String model = TinyRun.model().toString();
        Object[][] cases = {
                {2, "--index 1000 is outside mnist-sample/t10k, which holds images 0..999", new String[] {"predict", "--model", model, "--index", "1000"}},
                {2, "--index -1 is outside", new String[] {"predict", "--model", model, "--index", "-1"}},
                {1, "not an image in a format Java reads", new String[] {"predict", "--model", model, "--image", notAnImage.toString()}},
                {1, "no such file", new String[] {"predict", "--model", model, "--image", dir.resolve("none.png").toString()}},
                {2, "give the images to classify", new String[] {"predict", "--model", model}},
                {2, "--top must be between 1 and 10", new String[] {"predict", "--model", model, "--index", "1", "--top", "11"}},
                {2, "--data gives the test images of --index", new String[] {"predict", "--model", model, "--image", notAnImage.toString(), "--data", dir.toString()}},
                {1, "a directory without pictures", new String[] {"predict", "--model", model, "--image", dir.resolve("empty").toString()}},
        };
        for (Object[] c : cases) {
            String[] args = (String[]) c[2];
            Cli.Run run = Cli.run(args);
            assertEquals(c[0], run.exitCode(), String.join(" ", args) + "\n" + run.err());
            assertTrue(run.errorLine().contains((String) c[1]), run.err());
        }
    }
}
