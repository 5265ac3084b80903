package dev.vecnn.engine.train;

import dev.vecnn.engine.data.Dataset;

/**
 * What a training step's operations read besides their chunk: the batch the {@link BatchRunner}
 * placed in the chunks. The {@link TrainingPlan}'s operations read it; the runner writes it before
 * every step.
 */
final class StepInput {
    Dataset data;
    /** The order the samples are visited in, or null for the data's own. */
    int[] order;
    /** The samples of the whole batch. */
    int total;
    /** The chunks that hold them. */
    int chunks;
    /** [chunk]: the samples of each. */
    final int[] counts;

    StepInput(int maxChunks) { this.counts = new int[maxChunks]; }
}
