package dev.vecnn.spark;

import dev.vecnn.engine.augment.Augmentation;
import dev.vecnn.engine.data.TrainingData;
import dev.vecnn.engine.train.Loss;
import dev.vecnn.engine.train.LrSchedule;
import dev.vecnn.engine.train.OptimizerConfig;
import dev.vecnn.engine.train.TrainerConfig;
import dev.vecnn.kernels.Kernels;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one training run, named and defaulted as {@code vecnn train} names and defaults
 * them (README: Training), as text: what a sweep's grid varies and what {@code vecnn-spark train}
 * takes. {@link #plan} turns them into the engine's settings; a value the engine refuses is an
 * {@link IllegalArgumentException} naming the option.
 */
public record TrainOptions(Map<String, String> values) implements Serializable {
    /** vecnn train's defaults; "augment" is none, as vecnn train has it with --data. */
    private static final Map<String, String> DEFAULTS = defaults();
    /** Options that take no default: left out, they mean what vecnn train means (all images, as stored, default decay). */
    private static final Set<String> OPTIONAL = Set.of("limit", "downscale", "weight-decay", "momentum");
    /** Every option a run may set. */
    public static final Set<String> NAMES = names();

    /** The reference network of docs/DESIGN.md, vecnn train's default. */
    public static final String REFERENCE_NETWORK =
            "conv(32,3) relu maxpool(2) conv(64,3) relu maxpool(2) flatten dense(128) relu dense(10)";

    public TrainOptions {
        values = Map.copyOf(values);
        for (String name : values.keySet())
            if (!NAMES.contains(name)) throw new IllegalArgumentException("unknown option '" + name + "'" + suggestion(name));
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("spec", REFERENCE_NETWORK);
        d.put("epochs", "10");
        d.put("batch-size", "64");
        d.put("chunk-size", Integer.toString(TrainerConfig.DEFAULT_CHUNK_SIZE));
        d.put("lr", "2e-3");
        d.put("optimizer", "adam");
        d.put("schedule", "cosine");
        d.put("loss", "crossentropy");
        d.put("label-smoothing", "0.1");
        d.put("augment", "none");
        d.put("patience", "0");
        d.put("seed", "1");
        d.put("val-split", "0.05");
        d.put("kernels", Kernels.SIMD);
        return Map.copyOf(d);
    }

    private static Set<String> names() {
        Set<String> all = new java.util.TreeSet<>(DEFAULTS.keySet());
        all.addAll(OPTIONAL);
        return Set.copyOf(all);
    }

    /** The value of {@code name}: given, or vecnn train's default (null for an optional one left out). */
    public String get(String name) {
        return values.getOrDefault(name, DEFAULTS.get(name));
    }

    /** What a run trains: the network spec, the trainer's settings, the data and the kernels. */
    public record Plan(String spec, TrainerConfig config, TrainingData data, String kernels) {}

    /** The engine's settings for these options on {@code threads} threads, reading the data from {@code directory} (null: the bundled sample). */
    public Plan plan(Path directory, int threads) {
        OptimizerConfig optimizer = OptimizerConfig.named(get("optimizer"), floatOption("lr"));
        if (get("weight-decay") != null) optimizer = optimizer.withWeightDecay(floatOption("weight-decay"));
        if (get("momentum") != null) {
            if (optimizer.kind() != OptimizerConfig.Kind.MOMENTUM && optimizer.kind() != OptimizerConfig.Kind.NESTEROV)
                throw new IllegalArgumentException("momentum is for optimizer momentum or nesterov, not " + optimizer.kind().label());
            optimizer = optimizer.withMomentum(floatOption("momentum"));
        }
        int limit = get("limit") == null ? 0 : intOption("limit");
        if (get("limit") != null && limit < 1) throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        int downscale = get("downscale") == null ? 0 : intOption("downscale");
        if (get("downscale") != null && downscale < 1)
            throw new IllegalArgumentException("downscale must be at least 1, not " + downscale);
        double valSplit = doubleOption("val-split");
        int patience = intOption("patience");
        if (patience > 0 && valSplit == 0) throw new IllegalArgumentException("patience needs validation images: val-split above 0");
        String kernels = get("kernels");
        if (!kernels.equals(Kernels.SIMD) && !kernels.equals(Kernels.REFERENCE))
            throw new IllegalArgumentException("kernels must be simd or reference, not '" + kernels + "'");
        TrainerConfig config = new TrainerConfig(intOption("epochs"), intOption("batch-size"), intOption("chunk-size"), threads,
                longOption("seed"), optimizer, parsed("schedule", LrSchedule::parse),
                parsed("loss", Loss::named).withLabelSmoothing(doubleOption("label-smoothing")),
                parsed("augment", Augmentation::parse), patience);
        return new Plan(get("spec"), config, new TrainingData(directory, limit, downscale, valSplit), kernels);
    }

    private int intOption(String name) { return (int) number(name, Integer.MIN_VALUE, Integer.MAX_VALUE); }

    private long longOption(String name) { return number(name, Long.MIN_VALUE, Long.MAX_VALUE); }

    private long number(String name, long min, long max) {
        try {
            long value = Long.parseLong(get(name).trim());
            if (value < min || value > max) throw new NumberFormatException();
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + get(name) + "'");
        }
    }

    private float floatOption(String name) { return (float) doubleOption(name); }

    private double doubleOption(String name) {
        try {
            return Double.parseDouble(get(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + get(name) + "'");
        }
    }

    private <T> T parsed(String name, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(get(name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    /** ": did you mean 'x'?" for a known option one or two edits away, else nothing. */
    static String suggestion(String name) {
        for (String known : List.copyOf(new java.util.TreeSet<>(NAMES)))
            if (editDistance(name, known) <= 2) return ": did you mean '" + known + "'?";
        return "";
    }

    private static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) row[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }
}
