package dev.vecnn.engine.fuzz;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded damage to a valid file's bytes, the kinds a disk, a network or a hostile sender deal
 * out: random bytes in place of the file, bit flips, truncation, a length field set to a huge or
 * negative value, a chunk duplicated in place. The same seed gives the same mutations.
 */
final class Mutator {
    /** Values a length field is set to: the edges of int, powers of two, just past the data. */
    private static final int[] HUGE = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0, 1 << 30, 1 << 24, 0x7FFFFFF8, 65536, 1000003};

    private final SplittableRandom random;

    Mutator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    SplittableRandom random() { return random; }

    /** One mutation of {@code valid}, of a kind drawn at random; {@code lengthFields} are offsets of its big-endian ints. */
    byte[] mutate(byte[] valid, int[] lengthFields) {
        return switch (random.nextInt(lengthFields.length > 0 ? 6 : 5)) {
            case 0 -> randomBytes(2 * valid.length + 16);
            case 1 -> flipBits(valid);
            case 2 -> truncate(valid);
            case 3 -> duplicateChunk(valid);
            case 4 -> flipBits(duplicateChunk(valid));
            default -> hugeLength(valid, lengthFields[random.nextInt(lengthFields.length)]);
        };
    }

    byte[] randomBytes(int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** One to eight random bits inverted. */
    byte[] flipBits(byte[] valid) {
        byte[] bytes = valid.clone();
        if (bytes.length == 0) return bytes;
        for (int n = 1 + random.nextInt(8); n > 0; n--) bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        return bytes;
    }

    byte[] truncate(byte[] valid) {
        return Arrays.copyOf(valid, random.nextInt(valid.length + 1));
    }

    /** A run of the file copied again right after itself. */
    byte[] duplicateChunk(byte[] valid) {
        if (valid.length == 0) return valid;
        int from = random.nextInt(valid.length), length = 1 + random.nextInt(Math.min(256, valid.length - from));
        byte[] bytes = new byte[valid.length + length];
        System.arraycopy(valid, 0, bytes, 0, from + length);
        System.arraycopy(valid, from, bytes, from + length, valid.length - from);
        return bytes;
    }

    /** The big-endian int at {@code offset} set to a huge, negative or slightly wrong value. */
    byte[] hugeLength(byte[] valid, int offset) {
        byte[] bytes = valid.clone();
        int value = random.nextInt(4) == 0 ? readInt(valid, offset) + random.nextInt(-3, 4) : HUGE[random.nextInt(HUGE.length)];
        for (int i = 0; i < 4; i++) bytes[offset + i] = (byte) (value >>> (24 - 8 * i));
        return bytes;
    }

    static int readInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 24) | ((bytes[offset + 1] & 0xFF) << 16) | ((bytes[offset + 2] & 0xFF) << 8)
                | (bytes[offset + 3] & 0xFF);
    }
}
