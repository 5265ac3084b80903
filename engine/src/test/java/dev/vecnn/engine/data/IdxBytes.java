package dev.vecnn.engine.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files byte by byte for the tests, including broken ones. */
final class IdxBytes {
    private IdxBytes() {}

    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        b.put(data);
        return b.array();
    }

    static byte[] ubyte(int[] dims, byte[] data) { return idx(0x08, dims, data); }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code count} images of rows x cols whose pixels encode their index and position. */
    static byte[] images(int count, int rows, int cols) {
        byte[] data = new byte[count * rows * cols];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7 + i / (rows * cols));
        return ubyte(new int[] {count, rows, cols}, data);
    }

    static byte[] labels(int... labels) {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) data[i] = (byte) labels[i];
        return ubyte(new int[] {labels.length}, data);
    }
}
