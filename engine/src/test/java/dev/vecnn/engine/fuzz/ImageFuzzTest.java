package dev.vecnn.engine.fuzz;

import dev.vecnn.engine.data.ImageInput;
import dev.vecnn.engine.io.BadFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Picture input against damaged PNG and JPEG files: an image is read or refused with a
 * BadFileException, never with the decoders' own exceptions, and nothing allocates more than the
 * pixel limit allows (a damaged header may claim any size; up to 16 megapixels the decoding is
 * justified, beyond it the file is refused from its header). PNG damage comes twice: as it
 * falls, and with the chunks' CRCs made right again, so the decoder gets past its checks.
 */
class ImageFuzzTest {
    private static final int CASES = 400;
    /** About 24 bytes a pixel at the limit (decoded raster, grey and alpha planes, the padded copy), and the decoder's buffers. */
    private static final long JUSTIFIED = 32 * ImageInput.MAX_PIXELS + (8 << 20);

    @TempDir
    Path dir;

    private static byte[] encode(String format, int type) throws IOException {
        BufferedImage image = new BufferedImage(23, 17, type);
        SplittableRandom random = new SplittableRandom(5);
        for (int y = 0; y < 17; y++)
            for (int x = 0; x < 23; x++) image.setRGB(x, y, (x * 11 + y * 5) << 8 | random.nextInt(64));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), format);
        return out.toByteArray();
    }

    /** Offsets of a PNG's chunk lengths and of its header's width and height. */
    private static int[] pngFields(byte[] png) {
        java.util.List<Integer> fields = new java.util.ArrayList<>(java.util.List.of(16, 20));
        for (int at = 8; at + 8 <= png.length; at += 12 + Mutator.readInt(png, at)) fields.add(at);
        return fields.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The PNG with every chunk's CRC recomputed, as far as its chunk lengths can be followed. */
    private static byte[] fixCrcs(byte[] png) {
        for (int at = 8; at + 12 <= png.length; ) {
            int length = Mutator.readInt(png, at);
            if (length < 0 || at + 12L + length > png.length) break;
            CRC32 crc = new CRC32();
            crc.update(png, at + 4, 4 + length);
            int value = (int) crc.getValue(), end = at + 8 + length;
            for (int i = 0; i < 4; i++) png[end + i] = (byte) (value >>> (24 - 8 * i));
            at = end + 4;
        }
        return png;
    }

    private void fuzz(String format, byte[] valid, int[] fields, long seed, boolean fixCrcs) throws IOException {
        Mutator mutator = new Mutator(seed);
        Path file = dir.resolve("case." + format);
        for (int c = 0; c < CASES; c++) {
            byte[] bytes = mutator.mutate(valid, fields);
            if (fixCrcs && c % 2 == 1) bytes = fixCrcs(bytes);
            Files.write(file, bytes);
            Fuzz.check(format + " case " + c + " (" + bytes.length + " bytes)", BadFileException.class, JUSTIFIED,
                    () -> ImageInput.read(file, 1, 28, 28));
        }
    }

    @Test
    void damagedPngFilesAreReadOrRefused() throws IOException {
        byte[] png = encode("png", BufferedImage.TYPE_INT_ARGB);
        fuzz("png", png, pngFields(png), 41, true);
    }

    @Test
    void damagedJpegFilesAreReadOrRefused() throws IOException {
        // JPEG's segment lengths are 16-bit; the mutator's ints at the start of the frame header reach its size fields.
        byte[] jpeg = encode("jpeg", BufferedImage.TYPE_INT_RGB);
        int sof = 2;
        while (sof + 4 < jpeg.length && !((jpeg[sof] & 0xFF) == 0xFF && (jpeg[sof + 1] & 0xFF) == 0xC0)) sof++;
        fuzz("jpeg", jpeg, new int[] {sof + 4, sof + 5, 2, 4}, 42, false);
    }

    @Test
    void aPngThatClaims60000By60000PixelsIsRefusedFromItsHeader() throws IOException {
        byte[] png = encode("png", BufferedImage.TYPE_INT_ARGB);
        for (int field : new int[] {16, 20})
            for (int i = 0; i < 4; i++) png[field + i] = (byte) (60000 >>> (24 - 8 * i));
        Path file = Files.write(dir.resolve("huge.png"), fixCrcs(png));
        Fuzz.check("huge.png", BadFileException.class, 1 << 20, () -> {
            try {
                ImageInput.read(file, 1, 28, 28);
            } catch (BadFileException e) {
                assertTrue(e.getMessage().equals(file + ": 60,000 x 60,000 pixels is more than the 16,777,216 "
                        + "(16 megapixels) vecnn reads: make it smaller first"), e.getMessage());
                throw e;
            }
        });
    }
}
