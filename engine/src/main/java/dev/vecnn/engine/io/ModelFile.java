package dev.vecnn.engine.io;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code .vecnn} model file: everything needed to predict with a network or to resume its
 * training, in one big-endian binary file.
 *
 * <pre>
 * magic      8 bytes   89 56 45 43 4E 4E 0D 0A  ("\x89VECNN\r\n": a text-mode copy breaks it visibly)
 * version    int32     format version, {@value #VERSION}
 * length     int64     length of the whole file, checksum included
 * spec       string    the network spec                      (string = int32 byte count, UTF-8 bytes)
 * input      int32 rank, then rank x int32                  e.g. 1 28 28
 * classes    int32
 * parameters int32 count, then per tensor int32 length and length x float32
 * optimizer  the same layout, the optimiser's state tensors (moments, velocities)
 * epoch      int32     epochs completed
 * step       int64     optimiser steps taken
 * rng        int32 count, then count x int64               the trainer's random generator state
 * options    int32 count, then (string key, string value) in key order
 * checksum   32 bytes  SHA-256 of every byte before it
 * </pre>
 *
 * Every version keeps the first three fields and the trailing SHA-256, so damage is recognised
 * before the version is trusted. There is no timestamp inside: the same contents give the same bytes.
 */
public final class ModelFile {
    public static final int VERSION = 1;
    static final byte[] MAGIC = {(byte) 0x89, 'V', 'E', 'C', 'N', 'N', '\r', '\n'};
    static final int HEADER = MAGIC.length + 4 + 8;
    static final int CHECKSUM = 32;
    /** The largest model file: the largest array the JVM reliably allocates. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private ModelFile() {}

    /**
     * What a model file holds, independent of the layer classes. {@code inputShape} is (channels,
     * height, width) for images; tensors are in the order the model lists them; {@code options}
     * are the training options worth keeping (optimiser, learning rate, batch size, ...), kept in
     * key order.
     */
    public record Contents(String spec, int[] inputShape, int classes, List<float[]> parameters,
                           List<float[]> optimizerState, int epoch, long step, long[] rngState,
                           Map<String, String> options) {
        public Contents {
            if (spec == null) throw new IllegalArgumentException("model spec missing");
            inputShape = inputShape.clone();
            parameters = List.copyOf(parameters);
            optimizerState = List.copyOf(optimizerState);
            rngState = rngState.clone();
            options = Collections.unmodifiableSortedMap(new TreeMap<>(options));
        }
    }

    public static void write(Path file, Contents contents) throws IOException {
        AtomicFiles.write(file, toBytes(contents));
    }

    public static Contents read(Path file) throws IOException {
        String source = file.toString();
        try {
            if (Files.size(file) > MAX_BYTES) throw new BadFileException(source, "too large to be a vecnn model file");
            return fromBytes(source, Files.readAllBytes(file));
        } catch (IOException e) {
            throw BadFileException.unreadable(file, e);
        }
    }

    public static byte[] toBytes(Contents c) {
        byte[] spec = c.spec().getBytes(StandardCharsets.UTF_8);
        List<byte[]> options = new ArrayList<>();
        c.options().forEach((k, v) -> {
            options.add(k.getBytes(StandardCharsets.UTF_8));
            options.add(v.getBytes(StandardCharsets.UTF_8));
        });
        long size = HEADER + 4L + spec.length + 4 + 4L * c.inputShape().length + 4
                + tensorsSize(c.parameters()) + tensorsSize(c.optimizerState()) + 4 + 8
                + 4 + 8L * c.rngState().length + 4 + options.stream().mapToLong(b -> 4L + b.length).sum() + CHECKSUM;
        if (size > MAX_BYTES) throw new IllegalArgumentException("model too large for one file: " + size + " bytes");

        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.put(MAGIC).putInt(VERSION).putLong(size);
        out.putInt(spec.length).put(spec);
        out.putInt(c.inputShape().length);
        for (int d : c.inputShape()) out.putInt(d);
        out.putInt(c.classes());
        putTensors(out, c.parameters());
        putTensors(out, c.optimizerState());
        out.putInt(c.epoch()).putLong(c.step());
        out.putInt(c.rngState().length);
        for (long word : c.rngState()) out.putLong(word);
        out.putInt(options.size() / 2);
        for (byte[] text : options) out.putInt(text.length).put(text);
        out.put(sha256(out.array(), out.position()));
        return out.array();
    }

    /** Parses a model file held in memory; {@code source} names it in error messages. */
    public static Contents fromBytes(String source, byte[] bytes) throws BadFileException {
        int prefix = Math.min(bytes.length, MAGIC.length);
        if (prefix == 0 || !Arrays.equals(bytes, 0, prefix, MAGIC, 0, prefix))
            throw new BadFileException(source, "not a vecnn model file");
        if (bytes.length < HEADER + CHECKSUM)
            throw new BadFileException(source, "truncated: only " + bytes.length + " bytes");
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(MAGIC.length);
        int version = in.getInt();
        long declared = in.getLong();
        int body = bytes.length - CHECKSUM;
        if (!Arrays.equals(sha256(bytes, body), 0, CHECKSUM, bytes, body, bytes.length)) {
            if (declared > bytes.length)
                throw new BadFileException(source, "truncated: " + bytes.length + " of " + declared + " bytes");
            throw new BadFileException(source, "corrupt: checksum mismatch (the file was damaged after it was written)");
        }
        if (version > VERSION)
            throw new BadFileException(source, "written by a newer vecnn (model format version " + version
                    + "; this vecnn reads up to version " + VERSION + ")");
        if (version < 1 || declared != bytes.length)
            throw new BadFileException(source, "corrupt: inconsistent header (version " + version + ", length "
                    + declared + " for a file of " + bytes.length + " bytes)");
        in.limit(body);
        try {
            Contents contents = readBody(in);
            if (in.hasRemaining()) throw new BadFileException(source, "corrupt: " + in.remaining() + " unexplained bytes");
            return contents;
        } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new BadFileException(source, "corrupt: fields overrun the file", e);
        }
    }

    private static Contents readBody(ByteBuffer in) {
        String spec = getString(in);
        int[] inputShape = new int[checkedCount(in.getInt(), 4, in)];
        for (int i = 0; i < inputShape.length; i++) inputShape[i] = in.getInt();
        int classes = in.getInt();
        List<float[]> parameters = getTensors(in);
        List<float[]> optimizerState = getTensors(in);
        int epoch = in.getInt();
        long step = in.getLong();
        long[] rng = new long[checkedCount(in.getInt(), 8, in)];
        for (int i = 0; i < rng.length; i++) rng[i] = in.getLong();
        int optionCount = checkedCount(in.getInt(), 8, in);
        TreeMap<String, String> options = new TreeMap<>();
        for (int i = 0; i < optionCount; i++) options.put(getString(in), getString(in));
        return new Contents(spec, inputShape, classes, parameters, optimizerState, epoch, step, rng, options);
    }

    /** A count read from the file, refused if its elements could not fit in what is left. */
    private static int checkedCount(int count, int elementBytes, ByteBuffer in) {
        if (count < 0 || (long) count * elementBytes > in.remaining()) throw new BufferUnderflowException();
        return count;
    }

    private static long tensorsSize(List<float[]> tensors) {
        long size = 4;
        for (float[] t : tensors) size += 4 + 4L * t.length;
        return size;
    }

    private static void putTensors(ByteBuffer out, List<float[]> tensors) {
        out.putInt(tensors.size());
        for (float[] t : tensors) {
            out.putInt(t.length);
            out.asFloatBuffer().put(t);
            out.position(out.position() + 4 * t.length);
        }
    }

    private static List<float[]> getTensors(ByteBuffer in) {
        int count = checkedCount(in.getInt(), 4, in);
        List<float[]> tensors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] t = new float[checkedCount(in.getInt(), 4, in)];
            in.asFloatBuffer().get(t);
            in.position(in.position() + 4 * t.length);
            tensors.add(t);
        }
        return tensors;
    }

    private static String getString(ByteBuffer in) {
        byte[] bytes = new byte[checkedCount(in.getInt(), 1, in)];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
