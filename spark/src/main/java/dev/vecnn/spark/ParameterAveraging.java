package dev.vecnn.spark;

import org.apache.spark.BarrierTaskContext;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Base64;
import java.util.List;

/**
 * The synchronisation of data-parallel training, through Spark's barrier {@code allGather}
 * ({@link PromptAllGather}): every worker sends the images it trained since the last
 * synchronisation, their loss sum and correct predictions, and its state (the model's tensors,
 * then the optimiser's); each gets every worker's message, in partition order, and replaces its
 * state by their average weighted by the images, summed in that order in double precision. So
 * every worker computes the same floats, and after a synchronisation all of them hold one state.
 * <p>
 * allGather carries strings, which Spark's RPC sends with Java serialisation: one byte per
 * character below 128, two above. Base64 of the floats' bytes is therefore the compact form
 * (4/3 bytes a byte); the floats go in and out of the byte arrays in bulk, and a worker reads its
 * own state from its arrays rather than decoding its own message.
 */
final class ParameterAveraging {
    /** The workers' totals since the last synchronisation. */
    record Totals(long images, double lossSum, long correct) {}

    private static final int HEADER = 24;

    private ParameterAveraging() {}

    /** Averages {@code state} (live arrays, overwritten) with the other workers'; returns the summed totals. */
    static Totals synchronise(BarrierTaskContext context, List<float[]> state, long images, double lossSum, long correct) {
        int floats = 0;
        for (float[] t : state) floats += t.length;
        ByteBuffer out = ByteBuffer.allocate(HEADER + 4 * floats).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(images).putDouble(lossSum).putLong(correct);
        FloatBuffer values = out.asFloatBuffer();
        for (float[] t : state) values.put(t);
        String[] messages = PromptAllGather.allGather(context, Base64.getEncoder().encodeToString(out.array()));

        int self = context.partitionId();
        float[][] others = new float[messages.length][];
        long[] weights = new long[messages.length];
        long totalImages = 0, totalCorrect = 0;
        double totalLoss = 0;
        for (int w = 0; w < messages.length; w++) {
            ByteBuffer in = w == self ? out.rewind()
                    : ByteBuffer.wrap(Base64.getDecoder().decode(messages[w])).order(ByteOrder.LITTLE_ENDIAN);
            if (in.capacity() != HEADER + 4 * floats)
                throw new IllegalStateException("worker " + w + " sent " + (in.capacity() - HEADER) / 4 + " values, not " + floats);
            weights[w] = in.getLong();
            totalLoss += in.getDouble();
            totalCorrect += in.getLong();
            totalImages += weights[w];
            if (w != self) {
                others[w] = new float[floats];
                in.asFloatBuffer().get(others[w]);
            }
        }
        int offset = 0;
        for (float[] t : state) {
            float[] own = t.clone();
            for (int j = 0; j < t.length; j++) {
                double sum = 0;
                for (int w = 0; w < messages.length; w++) sum += (double) weights[w] * (w == self ? own[j] : others[w][offset + j]);
                t[j] = (float) (sum / totalImages);
            }
            offset += t.length;
        }
        return new Totals(totalImages, totalLoss, totalCorrect);
    }
}
