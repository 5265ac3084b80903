package dev.vecnn.engine.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrainerConfigTest {
    /** The batch shared among this machine's cores, kept between 16 and 32 samples. */
    @Test
    void theDefaultChunkSharesTheBatchAmongTheCoresWithinItsBounds() {
        int cores = Runtime.getRuntime().availableProcessors();
        for (int batch : new int[] {1, 8, 20, 64, 100, 256, 4096}) {
            int expected = Math.max(TrainerConfig.MIN_CHUNK, Math.min(TrainerConfig.MAX_CHUNK, batch / cores));
            assertEquals(expected, TrainerConfig.chunkSizeFor(batch), "batch " + batch + " on " + cores + " cores");
        }
        assertEquals(TrainerConfig.MIN_CHUNK, TrainerConfig.chunkSizeFor(1));
        assertEquals(TrainerConfig.MAX_CHUNK, TrainerConfig.chunkSizeFor(32 * cores + 5));
        assertEquals(TrainerConfig.chunkSizeFor(64), TrainerConfig.defaults().chunkSize());
    }
}
