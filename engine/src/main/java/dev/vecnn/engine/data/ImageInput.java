package dev.vecnn.engine.data;

import dev.vecnn.engine.io.BadFileException;

import javax.imageio.ImageIO;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * Turns an image file of any size (PNG, or any format javax.imageio reads) into a model input like
 * {@link Dataset#imageAsFloats}: one channel, floats in [0, 1], background 0 and ink towards 1.
 * MNIST is light ink on black, so a picture of dark ink on light paper is inverted; the background
 * level (the median of the border pixels) is taken as 0, the picture is padded to the input's
 * aspect ratio with background and then resized by area averaging. A 28x28 grey MNIST digit comes
 * back exactly as the data set holds it. A picture of more than {@link #MAX_PIXELS} pixels is
 * refused from the size its header declares, before it is decoded.
 */
public final class ImageInput {
    /**
     * The most pixels a picture may have, 16 megapixels (4096 x 4096): decoding one and making it
     * an input takes about 24 bytes a pixel, 400 MB, however small the file (a PNG of one colour
     * compresses a thousandfold), so a larger one is refused rather than risking the heap.
     */
    public static final long MAX_PIXELS = 16L << 20;

    private ImageInput() {}

    public static float[] read(Path file, int channels, int height, int width) throws IOException {
        if (channels != 1)
            throw new IllegalArgumentException("image input makes one-channel inputs; this model takes " + channels + " channels");
        if (Files.isDirectory(file)) throw new BadFileException(file.toString(), "is a directory, not a file");
        if (!Files.exists(file)) throw new BadFileException(file.toString(), "no such file");
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) throw new BadFileException(file.toString(), "cannot be read");
            image = decode(file.toString(), in);
        } catch (IOException e) {
            throw BadFileException.unreadable(file, e);
        }
        return toInput(image, height, width);
    }

    /**
     * Decodes the first image of {@code in}, whose size its header gives, refusing one of more than
     * {@link #MAX_PIXELS} pixels before it is decoded; {@code source} names it in messages. Damaged
     * data, which makes the JDK's decoders throw all kinds of exceptions, is a bad file.
     */
    static BufferedImage decode(String source, ImageInputStream in) throws BadFileException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext())
            throw new BadFileException(source, "not an image in a format Java reads (PNG, JPEG, GIF, BMP)");
        ImageReader reader = readers.next();
        try {
            reader.setInput(in, true, true);
            long width = reader.getWidth(0), height = reader.getHeight(0);
            if (width < 1 || height < 1) throw new BadFileException(source, "an image of " + width + " x " + height + " pixels");
            if (width * height > MAX_PIXELS)
                throw new BadFileException(source, String.format(Locale.ROOT, "%,d x %,d pixels is more than the "
                        + "%,d (16 megapixels) vecnn reads: make it smaller first", width, height, MAX_PIXELS));
            return reader.read(0);
        } catch (BadFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BadFileException(source, "unreadable image (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + ")", e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * A one-channel input as a data set of one image, for the evaluator to predict: pixels rounded
     * to bytes as the data sets hold them (exact for an image read from such a set), label 0,
     * which predictions do not read.
     */
    public static Dataset asDataset(String name, float[] input, int height, int width, int classes) {
        if (input.length != height * width)
            throw new IllegalArgumentException(name + ": " + input.length + " values for a " + height + "x" + width + " input");
        byte[] pixels = new byte[input.length];
        for (int i = 0; i < input.length; i++) pixels[i] = (byte) Math.round(Math.min(1f, Math.max(0f, input[i])) * 255f);
        return new Dataset(name, 1, height, width, classes, pixels, new byte[1]);
    }

    /** The image as a one-channel (height, width) input. */
    public static float[] toInput(BufferedImage image, int height, int width) {
        int h = image.getHeight(), w = image.getWidth();
        float[] gray = grayscale(image);
        float background = borderMedian(gray, h, w);
        boolean invert = background > 0.5f;
        if (invert) background = 1 - background;
        float range = 1 - background;
        for (int i = 0; i < gray.length; i++) {
            float v = invert ? 1 - gray[i] : gray[i];
            gray[i] = range <= 1e-6f ? 0 : Math.max(0, (v - background) / range);
        }
        // Pad (with the background, now 0) to the input's aspect ratio, so shapes are not stretched.
        int paddedH = (int) Math.max(h, Math.ceil((double) w * height / width));
        int paddedW = (int) Math.max(w, Math.ceil((double) h * width / height));
        float[] input = AreaResize.resizeOnCanvas(gray, h, w, (paddedH - h) / 2, (paddedW - w) / 2, paddedH, paddedW,
                height, width);
        for (int i = 0; i < input.length; i++) input[i] = Math.min(1f, Math.max(0f, input[i]));
        return input;
    }

    /**
     * Luminance in [0, 1]. Grey images are read from their samples (getRGB would pass them through
     * a linear-to-sRGB conversion); colour ones as Rec. 601 luma. Transparent pixels are laid over
     * the colour opposite to the visible ink, so a drawing on a transparent canvas stays visible.
     */
    static float[] grayscale(BufferedImage image) {
        int h = image.getHeight(), w = image.getWidth();
        float[] gray = new float[h * w];
        float[] alpha = new float[h * w];
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        boolean directGray = model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel);
        float grayMax = directGray ? (1 << model.getComponentSize(0)) - 1 : 255f;
        float alphaMax = directGray && model.hasAlpha() ? (1 << model.getComponentSize(1)) - 1 : 255f;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (directGray) {
                    gray[i] = raster.getSample(x, y, 0) / grayMax;
                    alpha[i] = model.hasAlpha() ? raster.getSample(x, y, 1) / alphaMax : 1f;
                } else {
                    int argb = image.getRGB(x, y);
                    gray[i] = (0.299f * ((argb >> 16) & 0xFF) + 0.587f * ((argb >> 8) & 0xFF) + 0.114f * (argb & 0xFF)) / 255f;
                    alpha[i] = model.hasAlpha() ? (argb >>> 24) / 255f : 1f;
                }
            }
        if (!model.hasAlpha()) return gray;
        double ink = 0, weight = 0;
        for (int i = 0; i < gray.length; i++) {
            ink += alpha[i] * gray[i];
            weight += alpha[i];
        }
        float canvas = weight > 0 && ink / weight < 0.5 ? 1f : 0f;
        for (int i = 0; i < gray.length; i++) gray[i] = alpha[i] * gray[i] + (1 - alpha[i]) * canvas;
        return gray;
    }

    static float borderMedian(float[] gray, int h, int w) {
        int count = h == 1 || w == 1 ? h * w : 2 * (h + w) - 4;
        float[] border = new float[count];
        int n = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                if (y == 0 || y == h - 1 || x == 0 || x == w - 1) border[n++] = gray[y * w + x];
        Arrays.sort(border);
        return border[n / 2];
    }
}
