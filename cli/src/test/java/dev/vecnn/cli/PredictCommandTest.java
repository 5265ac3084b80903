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
    void printsEveryClassProbabilityBestFirst() {
        Cli.Run run = Cli.ok("predict", "--model", TinyRun.model().toString(), "--index", "3");
        List<String> lines = run.lines();
        assertTrue(lines.get(0).matches("image 3 of mnist-sample/t10k \\(label \\d\\): predicted \\d"), lines.get(0));
        assertEquals(11, lines.size(), run.out());
        double sum = 0, previous = Double.MAX_VALUE;
        for (String line : lines.subList(1, 11)) {
            double p = Double.parseDouble(line.trim().split("\\s+")[1].replace("%", ""));
            assertTrue(p <= previous, run.out());
            previous = p;
            sum += p;
        }
        assertEquals(100, sum, 0.1);
        assertEquals(lines.get(0).substring(lines.get(0).length() - 1), lines.get(1).trim().split("\\s+")[0]);
    }

    @Test
    void aPngOfATestDigitGetsTheSameProbabilitiesAsTheDigitItself() throws IOException {
        Dataset test = DataSource.bundledSample().test();
        int index = 7;
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++)
            for (int x = 0; x < 28; x++) image.getRaster().setSample(x, y, 0, test.pixels()[index * 784 + y * 28 + x] & 0xFF);
        Path png = dir.resolve("digit.png");
        ImageIO.write(image, "png", png.toFile());

        Map<?, ?> fromIndex = assertInstanceOf(Map.class, JsonOutput.parse(
                Cli.ok("predict", "--model", TinyRun.model().toString(), "--index", "7", "--json").out()));
        Map<?, ?> fromPng = assertInstanceOf(Map.class, JsonOutput.parse(
                Cli.ok("predict", "--model", TinyRun.model().toString(), "--image", png.toString(), "--json").out()));
        assertEquals((double) test.label(index), fromIndex.get("label"));
        assertEquals(null, fromPng.get("label"));
        assertEquals(fromIndex.get("classes"), fromPng.get("classes"));
        assertEquals(fromIndex.get("probabilities"), fromPng.get("probabilities"));
    }

    @Test
    void aModelTrainedOnFashionMnistNamesItsClasses() throws IOException {
        Path model = TinyRun.withClassNames(dir.resolve("fashion.vecnn"), ClassNames.FASHION_MNIST);
        Dataset test = DataSource.bundledSample().test();
        int label = test.label(3);
        String garment = ClassNames.FASHION_MNIST.name(label);
        List<String> lines = Cli.ok("predict", "--model", model.toString(), "--index", "3").lines();
        assertTrue(lines.get(0).matches("image 3 of mnist-sample/t10k \\(label " + label + " " + garment
                + "\\): predicted \\d [A-Za-z/ -]+"), lines.get(0));
        int predicted = Integer.parseInt(lines.get(1).trim().split("\\s+")[0]);
        assertTrue(lines.get(0).endsWith("predicted " + predicted + " " + ClassNames.FASHION_MNIST.name(predicted)), lines.get(0));
        assertTrue(lines.get(1).contains("%  " + ClassNames.FASHION_MNIST.name(predicted)), lines.get(1));
        Map<?, ?> json = assertInstanceOf(Map.class, JsonOutput.parse(
                Cli.ok("predict", "--model", model.toString(), "--index", "3", "--json").out()));
        assertEquals(garment, json.get("labelName"));
        assertEquals(ClassNames.FASHION_MNIST.name(predicted), json.get("predictedName"));
        List<?> classes = assertInstanceOf(List.class, json.get("classes"));
        List<?> names = assertInstanceOf(List.class, json.get("classNames"));
        for (int i = 0; i < 10; i++)
            assertEquals(ClassNames.FASHION_MNIST.name(((Double) classes.get(i)).intValue()), names.get(i));
    }

    @Test
    void badInputsGetOneLineAndTheRightExitCode() throws IOException {
        Path notAnImage = Files.writeString(dir.resolve("note.png"), "just text");
        String model = TinyRun.model().toString();
        Object[][] cases = {
                {2, "--index 1000 is outside mnist-sample/t10k, which holds images 0..999", new String[] {"predict", "--model", model, "--index", "1000"}},
                {2, "--index -1 is outside", new String[] {"predict", "--model", model, "--index", "-1"}},
                {1, "not an image in a format Java reads", new String[] {"predict", "--model", model, "--image", notAnImage.toString()}},
                {1, "no such file", new String[] {"predict", "--model", model, "--image", dir.resolve("none.png").toString()}},
                {2, "give one of", new String[] {"predict", "--model", model}},
                {2, "--index and --image cannot be given together", new String[] {"predict", "--model", model, "--index", "1", "--image", notAnImage.toString()}},
        };
        for (Object[] c : cases) {
            String[] args = (String[]) c[2];
            Cli.Run run = Cli.run(args);
            assertEquals(c[0], run.exitCode(), String.join(" ", args) + "\n" + run.err());
            assertTrue(run.errorLine().contains((String) c[1]), run.err());
        }
    }
}
