package dev.vecnn.spark;

import org.apache.spark.BarrierTaskContext;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;

/**
 * The synchronisation of data-parallel training, through Spark's barrier {@code allGather}
 * ({@link PromptAllGather}): every worker sends the images it trained since the last synchronisation, their loss sum and correct
 * predictions, and its state (the model's tensors, then the optimiser's); each gets every worker's
 * message, in partition order, and replaces its state by their average weighted by the images,
 * summed in that order in double precision. So every worker computes the same floats, and after a
 * synchronisation all of them hold one state.
 */
final class ParameterAveraging {
    /** The workers' totals since the last synchronisation. */
    record Totals(long images, double lossSum, long correct) {}

    private ParameterAveraging() {}

    /** Averages {@code state} (live arrays, overwritten) with the other workers'; returns the summed totals. */
    static Totals synchronise(BarrierTaskContext context, List<float[]> state, long images, double lossSum, long correct) {
        int floats = 0;
        for (float[] t : state) floats += t.length;
        ByteBuffer out = ByteBuffer.allocate(24 + 4 * floats);
        out.putLong(images).putDouble(lossSum).putLong(correct);
        writeFloats(out, state);
        String[] messages = PromptAllGather.allGather(context, Base64.getEncoder().encodeToString(out.array()));
        ByteBuffer[] in = new ByteBuffer[messages.length];
        long totalImages = 0, totalCorrect = 0;
        double totalLoss = 0;
        long[] weights = new long[messages.length];
        for (int w = 0; w < messages.length; w++) {
            in[w] = ByteBuffer.wrap(Base64.getDecoder().decode(messages[w]));
            weights[w] = in[w].getLong();
            totalLoss += in[w].getDouble();
            totalCorrect += in[w].getLong();
            totalImages += weights[w];
            if (in[w].remaining() != 4 * floats)
                throw new IllegalStateException("worker " + w + " sent " + in[w].remaining() / 4 + " values, not " + floats);
        }
        for (float[] t : state)
            for (int j = 0; j < t.length; j++) {
                double sum = 0;
                for (int w = 0; w < in.length; w++) sum += (double) weights[w] * in[w].getFloat();
                t[j] = (float) (sum / totalImages);
            }
        return new Totals(totalImages, totalLoss, totalCorrect);
    }

    private static void writeFloats(ByteBuffer out, List<float[]> state) {
        for (float[] t : state) for (float v : t) out.putFloat(v);
    }
}
