package dev.vecnn.engine.data;

/**
 * Turns image {@code index} of a data set into the floats a network reads: as stored
 * ({@link #AS_STORED}, byte / 255), or transformed on the way (training augmentation). Chunks
 * call it concurrently, each with its own {@code lane} (the chunk index), which names the
 * caller's scratch space.
 */
@FunctionalInterface
public interface ImageLoader {
    ImageLoader AS_STORED = (lane, data, index, dst, dstOff) -> data.imageAsFloats(index, dst, dstOff);

    /** Writes image {@code index} of {@code data}, (channels, height, width) row-major, into dst at dstOff. */
    void load(int lane, Dataset data, int index, float[] dst, int dstOff);
}
