package dev.vecnn.cli.plot;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decodes the PNG a figure became, so the tests look at what a user gets. */
public final class PlotTesting {
    /**
     * The variance of the luma (0..255) at or below which an image counts as blank, as one that drew
     * nothing but a light frame does (BlankFloorTest). The sparsest figure, two epochs of curves, is
     * near 400.
     */
    public static final double BLANK_FLOOR = 20;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PlotTesting() {}

    /** The image an encoded PNG holds, checked to be a PNG. */
    public static BufferedImage decode(byte[] png) {
        assertTrue(png.length > PNG_SIGNATURE.length, "too short for a PNG");
        byte[] signature = new byte[PNG_SIGNATURE.length];
        System.arraycopy(png, 0, signature, 0, signature.length);
        assertArrayEquals(PNG_SIGNATURE, signature, "not a PNG signature");
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(image, "ImageIO cannot decode it");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BufferedImage decode(Path file) throws IOException {
        return decode(Files.readAllBytes(file));
    }

    /** A figure as a user gets it: encoded to PNG and decoded again. */
    static BufferedImage roundTrip(BufferedImage image) {
        return decode(Png.encode(image));
    }

    public static double lumaVariance(BufferedImage image) {
        double sum = 0, squares = 0;
        long n = (long) image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++)
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                double luma = 0.299 * (rgb >> 16 & 0xFF) + 0.587 * (rgb >> 8 & 0xFF) + 0.114 * (rgb & 0xFF);
                sum += luma;
                squares += luma * luma;
            }
        double mean = sum / n;
        return squares / n - mean * mean;
    }

    public static void assertNotBlank(BufferedImage image, String what) {
        double variance = lumaVariance(image);
        assertTrue(variance > BLANK_FLOOR, what + " looks blank: luma variance " + variance + " <= " + BLANK_FLOOR);
    }

    /**
     * The share of pixels in colour (not grey: channels more than 40 apart). Text, axes and grids are
     * grey; every figure draws its data in colour (lines, cells, boxes, dots, filters, maps, frames),
     * while a chart without data keeps only its legend's markers, far below a thousandth.
     */
    public static double colouredShare(BufferedImage image) {
        long coloured = 0;
        for (int y = 0; y < image.getHeight(); y++)
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y), r = rgb >> 16 & 0xFF, g = rgb >> 8 & 0xFF, b = rgb & 0xFF;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 40) coloured++;
            }
        return (double) coloured / ((long) image.getWidth() * image.getHeight());
    }

    /** Not blank, and drawing data: at least 0.2 % of its pixels in colour. */
    public static void assertShowsData(BufferedImage image, String what) {
        assertNotBlank(image, what);
        double share = colouredShare(image);
        assertTrue(share > 0.002, what + " draws no data: " + share + " of its pixels are in colour");
    }

    static void assertPixel(Color expected, BufferedImage image, int x, int y) {
        assertEquals(Integer.toHexString(expected.getRGB() & 0xFFFFFF), Integer.toHexString(image.getRGB(x, y) & 0xFFFFFF),
                "pixel at " + x + "," + y);
    }

    static long count(BufferedImage image, Color colour) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++)
            for (int x = 0; x < image.getWidth(); x++)
                if ((image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)) n++;
        return n;
    }
}
