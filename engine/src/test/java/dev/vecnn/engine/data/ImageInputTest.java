package dev.vecnn.engine.data;

import dev.vecnn.engine.io.BadFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageInputTest {
    @TempDir
    Path dir;

    private Path png(BufferedImage image, String name) throws IOException {
        Path file = dir.resolve(name);
        assertTrue(ImageIO.write(image, "png", file.toFile()));
        return file;
    }

    @Test
    void anMnistDigitSavedAsPngComesBackExactly() throws IOException {
        Dataset test = DataSource.bundledSample().test();
        for (int index : new int[] {0, 1, 517, 999}) {
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setDataElements(0, 0, 28, 28, java.util.Arrays.copyOfRange(test.pixels(), index * 784, index * 784 + 784));
            float[] expected = new float[784];
            test.imageAsFloats(index, expected, 0);
            float[] actual = ImageInput.read(png(image, "digit" + index + ".png"), 1, 28, 28);
            for (int i = 0; i < 784; i++) assertEquals(expected[i], actual[i], 1e-6f, "image " + index + " pixel " + i);
        }
    }

    /** A photo-like picture: a dark bar on light grey paper, wider than tall. */
    private static BufferedImage darkBarOnPaper(int type) {
        BufferedImage image = new BufferedImage(120, 60, type);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(210, 205, 200));
        g.fillRect(0, 0, 120, 60);
        g.setColor(new Color(20, 20, 30));
        g.fillRect(55, 10, 10, 40);
        g.dispose();
        return image;
    }

    @Test
    void darkInkOnLightPaperIsInvertedAndCentred() throws IOException {
        float[] input = ImageInput.read(png(darkBarOnPaper(BufferedImage.TYPE_INT_RGB), "photo.png"), 1, 28, 28);
        // The 120x60 picture is padded to 120x120 (30 rows above) and shrunk by 120/28: the bar spans
        // columns 12.83..15.17 and rows 9.33..18.67 of the input. Paper has luma 0.8076, ink 0.0829:
        // inverted and with the paper taken as 0, ink is (0.9171 - 0.1924) / 0.8076 = 0.8974.
        float ink = 0.8974f;
        assertEquals(0f, input[0]);
        assertEquals(0f, input[27 * 28 + 27]);
        assertEquals(0f, input[5 * 28 + 14], "the padding above is background");
        assertEquals(ink, input[14 * 28 + 14], 1e-3f, "the bar's middle");
        assertEquals(ink * (13 - 12.833f), input[14 * 28 + 12], 1e-3f, "the bar's partly covered left edge");
        assertEquals(0f, input[14 * 28 + 8], "paper beside the bar is background");
        float sum = 0;
        for (float v : input) sum += v;
        assertEquals(ink * (10 * 28 / 120f) * (40 * 28 / 120f), sum, 1e-2f, "ink mass: the bar's area in input pixels");
    }

    @Test
    void colourAndGreyPicturesAgree() throws IOException {
        float[] rgb = ImageInput.read(png(darkBarOnPaper(BufferedImage.TYPE_INT_RGB), "rgb.png"), 1, 28, 28);
        BufferedImage grey = new BufferedImage(120, 60, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.drawImage(darkBarOnPaper(BufferedImage.TYPE_INT_RGB), 0, 0, null);
        g.dispose();
        float[] fromGrey = ImageInput.read(png(grey, "grey.png"), 1, 28, 28);
        for (int i = 0; i < rgb.length; i++) assertEquals(rgb[i], fromGrey[i], 0.08f, "pixel " + i);
    }

    @Test
    void aDrawingOnATransparentCanvasStaysVisible() throws IOException {
        for (Color ink : new Color[] {Color.BLACK, Color.WHITE}) {
            BufferedImage image = new BufferedImage(56, 56, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = image.createGraphics();
            g.setColor(ink);
            g.setStroke(new BasicStroke(6));
            g.drawLine(28, 8, 28, 48);
            g.dispose();
            float[] input = ImageInput.read(png(image, "transparent.png"), 1, 28, 28);
            assertEquals(0f, input[0], "ink " + ink);
            assertTrue(input[14 * 28 + 14] > 0.9f, "ink " + ink + " gives " + input[14 * 28 + 14]);
        }
    }

    @Test
    void unusableFilesAreNamed() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.png"), "not a picture");
        assertEquals(text + ": not an image in a format Java reads (PNG, JPEG, GIF, BMP)",
                assertThrows(BadFileException.class, () -> ImageInput.read(text, 1, 28, 28)).getMessage());
        Path missing = dir.resolve("missing.png");
        assertEquals(missing + ": no such file",
                assertThrows(BadFileException.class, () -> ImageInput.read(missing, 1, 28, 28)).getMessage());
        Path picture = png(darkBarOnPaper(BufferedImage.TYPE_INT_RGB), "ok.png");
        assertThrows(IllegalArgumentException.class, () -> ImageInput.read(picture, 3, 32, 32));
    }
}
