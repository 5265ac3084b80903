package dev.vecnn.engine.data;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded, deterministic subsets that keep every class in proportion: a train/validation split and
 * a smaller subset ({@code --limit}). Per-class quotas follow the largest-remainder rule, so they
 * add up to exactly the size asked for; which images fill them is a seeded shuffle within each
 * class. The images keep their original order in the results.
 */
public final class Stratified {
    private Stratified() {}

    public record Split(Dataset train, Dataset validation) {}

    /** Puts round(fraction x count) images, spread over the classes in proportion, into the validation part. */
    public static Split split(Dataset data, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1))
            throw new IllegalArgumentException("validation split " + fraction + " must lie strictly between 0 and 1");
        int validationSize = (int) Math.round(fraction * data.count());
        if (validationSize < 1 || validationSize > data.count() - 1)
            throw new IllegalArgumentException("validation split " + fraction + " of " + data.count()
                    + " images leaves one of the two parts empty");
        int[][] chosen = choose(data, validationSize, seed);
        return new Split(data.subset(data.name() + "[train]", chosen[1]),
                data.subset(data.name() + "[validation]", chosen[0]));
    }

    /** At most {@code size} images, spread over the classes in proportion; the data itself if it is no larger. */
    public static Dataset limit(Dataset data, int size, long seed) {
        if (size < 1) throw new IllegalArgumentException("limit " + size + " must be at least 1");
        if (size >= data.count()) return data;
        return data.subset(data.name() + "[" + size + "]", choose(data, size, seed ^ 0x5DEECE66DL)[0]);
    }

    /** {chosen, the rest}: {@code size} images drawn class by class, each array in ascending order. */
    private static int[][] choose(Dataset data, int size, long seed) {
        int[][] byClass = indicesByClass(data);
        int[] quotas = quotas(data.classCounts(), size);
        Random random = new Random(seed);
        int[] chosen = new int[size];
        int[] rest = new int[data.count() - size];
        int c = 0, r = 0;
        for (int k = 0; k < byClass.length; k++) {
            int[] members = byClass[k];
            shuffle(members, random);
            for (int i = 0; i < members.length; i++) {
                if (i < quotas[k]) chosen[c++] = members[i];
                else rest[r++] = members[i];
            }
        }
        Arrays.sort(chosen);
        Arrays.sort(rest);
        return new int[][] {chosen, rest};
    }

    /**
     * Splits {@code total} over classes in proportion to their counts: each class gets the floor of
     * its exact share, and the units left over go to the largest remainders (lower class first on ties).
     */
    static int[] quotas(int[] counts, int total) {
        long all = Arrays.stream(counts).asLongStream().sum();
        int[] quotas = new int[counts.length];
        long[] remainders = new long[counts.length];
        int assigned = 0;
        for (int k = 0; k < counts.length; k++) {
            long share = (long) counts[k] * total;
            quotas[k] = (int) (share / all);
            remainders[k] = share % all;
            assigned += quotas[k];
        }
        for (; assigned < total; assigned++) {
            int best = -1;
            for (int k = 0; k < counts.length; k++)
                if (quotas[k] < counts[k] && (best < 0 || remainders[k] > remainders[best])) best = k;
            quotas[best]++;
            remainders[best] = -1;
        }
        return quotas;
    }

    private static int[][] indicesByClass(Dataset data) {
        int[] counts = data.classCounts();
        int[][] byClass = new int[counts.length][];
        for (int k = 0; k < counts.length; k++) byClass[k] = new int[counts[k]];
        int[] filled = new int[counts.length];
        for (int i = 0; i < data.count(); i++) {
            int k = data.label(i);
            byClass[k][filled[k]++] = i;
        }
        return byClass;
    }

    /** Fisher-Yates with java.util.Random, whose sequence the JDK specifies: the same on every JVM. */
    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
