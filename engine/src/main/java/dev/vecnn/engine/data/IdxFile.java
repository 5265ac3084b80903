package dev.vecnn.engine.data;

import dev.vecnn.engine.io.BadFileException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One IDX file, the format of MNIST and Fashion-MNIST: two zero bytes, a data-type byte, the rank,
 * one big-endian int per dimension, then the data in row-major order. Only unsigned-byte data
 * (type 0x08) is read, which is what those data sets hold. A gzip file is recognised by its first
 * two bytes (1f 8b), whatever its name says. The data of a file whose length can hold it goes
 * straight into its final array: growing buffers would briefly take twice the 47 MB of
 * Fashion-MNIST's training images, and keep the heap that large afterwards.
 */
public record IdxFile(String source, int[] dimensions, byte[] data) {
    static final int UNSIGNED_BYTE = 0x08;
    static final int MAX_RANK = 4;
    /** The largest array the JVM reliably allocates. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;
    /** Deflate's largest expansion: no gzip file unpacks to more than this many times its length. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    public int rank() { return dimensions.length; }

    public int dimension(int axis) { return dimensions[axis]; }

    /** The dimensions as people write them, e.g. {@code 60000x28x28}. */
    public String shape() {
        return Arrays.stream(dimensions).mapToObj(Integer::toString).collect(Collectors.joining("x"));
    }

    public static IdxFile read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(path.toString(), in, Files.size(path));
        } catch (IOException e) {
            throw BadFileException.unreadable(path, e);
        }
    }

    /** Reads a whole IDX file from {@code in}; {@code source} names it in error messages. */
    public static IdxFile read(String source, InputStream in) throws IOException {
        return read(source, in, -1);
    }

    /** {@code length}: the bytes in the stream, or -1 when unknown. */
    private static IdxFile read(String source, InputStream in, long length) throws IOException {
        try {
            BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
            boolean gzip = isGzip(buffered);
            long capacity = length < 0 ? -1 : gzip ? length * MAX_DEFLATE_RATIO : length;
            return readIdx(source, gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered, capacity);
        } catch (ZipException e) {
            throw new BadFileException(source, "corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new BadFileException(source, "truncated gzip data", e);
        }
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    /** {@code capacity}: the most bytes the stream can hold, or -1 when unknown. */
    private static IdxFile readIdx(String source, InputStream in, long capacity) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length == 0) throw new BadFileException(source, "empty file, not an IDX file");
        if (magic[0] != 0 || (magic.length > 1 && magic[1] != 0))
            throw new BadFileException(source, "not an IDX file (starts with "
                    + HexFormat.ofDelimiter(" ").formatHex(magic) + ", expected 00 00)");
        if (magic.length < 4) throw new BadFileException(source, "truncated in the IDX header");
        int type = magic[2] & 0xFF;
        if (type != UNSIGNED_BYTE)
            throw new BadFileException(source, String.format(
                    "IDX data type 0x%02x is not supported (vecnn reads unsigned bytes, type 0x08)", type));
        int rank = magic[3] & 0xFF;
        if (rank < 1 || rank > MAX_RANK)
            throw new BadFileException(source, "IDX rank " + rank + " is not supported (1 to " + MAX_RANK + ")");

        byte[] header = in.readNBytes(4 * rank);
        if (header.length < 4 * rank) throw new BadFileException(source, "truncated in the IDX header");
        int[] dimensions = new int[rank];
        long size = 1;
        for (int axis = 0; axis < rank; axis++) {
            int d = ((header[4 * axis] & 0xFF) << 24) | ((header[4 * axis + 1] & 0xFF) << 16)
                    | ((header[4 * axis + 2] & 0xFF) << 8) | (header[4 * axis + 3] & 0xFF);
            if (d <= 0)
                throw new BadFileException(source, "IDX dimension " + axis + " is " + Integer.toUnsignedString(d)
                        + ", which is not a usable size");
            dimensions[axis] = d;
            size *= d;
            if (size > MAX_BYTES)
                throw new BadFileException(source, "declares more than " + MAX_BYTES + " data bytes, too large to load");
        }
        IdxFile file = new IdxFile(source, dimensions, null);

        byte[] data;
        int read;
        if (size <= capacity) {
            data = new byte[(int) size];
            read = in.readNBytes(data, 0, data.length);
        } else {
            // readNBytes grows its buffer as data arrives, so a lying header cannot make us allocate gigabytes.
            data = in.readNBytes((int) size);
            read = data.length;
        }
        if (read < size)
            throw new BadFileException(source, "truncated: the header declares " + file.shape() + " = " + size
                    + " data bytes but the file holds only " + read);
        if (in.read() != -1)
            throw new BadFileException(source, "longer than its header declares (" + file.shape() + " = " + size
                    + " data bytes): trailing bytes after the data");
        return new IdxFile(source, dimensions, data);
    }
}
