package dev.vecnn.engine.layers;

/**
 * What one layer keeps per chunk of a batch between its forward and backward passes (max-pool
 * indices, dropout masks, kernel shapes), allocated once for the largest chunk and reused.
 */
public class LayerState {
    /** For layers that keep nothing. */
    public static final LayerState NONE = new LayerState();
}
