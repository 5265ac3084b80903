package dev.vecnn.engine.train;

import dev.vecnn.engine.augment.Augmentation;
import dev.vecnn.engine.data.ClassNames;
import dev.vecnn.engine.data.TrainingData;
import dev.vecnn.engine.io.BadFileException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that decides what a training run computes, apart from the network and the seed that
 * the checkpoint holds: the trainer's settings and the data's; and the names of the data's
 * classes, for eval and predict to show. They are stored among a model file's options, so a
 * resumed run continues with exactly the settings it started with. The thread count is not
 * stored: it never changes the result.
 */
public record RunSettings(TrainerConfig config, TrainingData data, ClassNames classNames) {
    /** The model-file option naming the data directory; absent for the bundled sample. */
    public static final String DATA = "data";
    /**
     * The model-file option holding the chunk size. A file without it (not one vecnn train has
     * written so far) resumes with the default, which every machine shares.
     */
    static final String CHUNK_SIZE = "chunk-size";
    /**
     * Settings added later than the others: a model file without them was trained without them
     * (no augmentation, no label smoothing, no early stop, a schedule never extended).
     */
    static final String AUGMENT = "augment", LABEL_SMOOTHING = "label-smoothing", PATIENCE = "patience",
            SCHEDULE_FROM_STEP = "schedule-continued-from", SCHEDULE_FROM_RATE = "schedule-continued-rate";

    public Map<String, String> toOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("epochs", Integer.toString(config.epochs()));
        options.put("batch-size", Integer.toString(config.batchSize()));
        options.put(CHUNK_SIZE, Integer.toString(config.chunkSize()));
        options.put(Checkpoint.OPTIMIZER_OPTION, config.optimizer().kind().label());
        options.put("lr", Float.toString(config.optimizer().lr()));
        options.put("momentum", Float.toString(config.optimizer().momentum()));
        options.put("weight-decay", Float.toString(config.optimizer().weightDecay()));
        options.put("schedule", config.schedule().toString());
        if (config.schedule().continuedFrom() > 0) {
            options.put(SCHEDULE_FROM_STEP, Long.toString(config.schedule().continuedFrom()));
            options.put(SCHEDULE_FROM_RATE, Double.toString(config.schedule().continuedRate()));
        }
        options.put("loss", config.loss().label());
        options.put(LABEL_SMOOTHING, Double.toString(config.loss().labelSmoothing()));
        options.put(AUGMENT, config.augment().toString());
        options.put(PATIENCE, Integer.toString(config.patience()));
        if (data.directory() != null) options.put(DATA, data.directory().toString());
        options.put("limit", Integer.toString(data.limit()));
        options.put("downscale", Integer.toString(data.downscale()));
        options.put("val-split", Double.toString(data.valSplit()));
        classNames.store(options);
        return options;
    }

    /**
     * The settings stored in a model file's options, to run on {@code threads} workers with
     * {@code seed}, for a network of {@code classes} classes.
     */
    public static RunSettings fromOptions(String source, Map<String, String> options, long seed, int threads,
                                          int classes) throws BadFileException {
        try {
            OptimizerConfig optimizer = OptimizerConfig.named(required(source, options, Checkpoint.OPTIMIZER_OPTION),
                            Float.parseFloat(required(source, options, "lr")))
                    .withMomentum(Float.parseFloat(required(source, options, "momentum")))
                    .withWeightDecay(Float.parseFloat(required(source, options, "weight-decay")));
            TrainerConfig config = new TrainerConfig(Integer.parseInt(required(source, options, "epochs")),
                    Integer.parseInt(required(source, options, "batch-size")),
                    Integer.parseInt(options.getOrDefault(CHUNK_SIZE, Integer.toString(TrainerConfig.DEFAULT_CHUNK_SIZE))),
                    threads, seed, optimizer,
                    LrSchedule.parse(required(source, options, "schedule"),
                            Long.parseLong(options.getOrDefault(SCHEDULE_FROM_STEP, "0")),
                            Double.parseDouble(options.getOrDefault(SCHEDULE_FROM_RATE, "NaN"))),
                    Loss.named(required(source, options, "loss"))
                            .withLabelSmoothing(Double.parseDouble(options.getOrDefault(LABEL_SMOOTHING, "0"))),
                    Augmentation.parse(options.getOrDefault(AUGMENT, "none")),
                    Integer.parseInt(options.getOrDefault(PATIENCE, "0")));
            String directory = options.get(DATA);
            TrainingData data = new TrainingData(directory == null ? null : Path.of(directory),
                    Integer.parseInt(required(source, options, "limit")),
                    Integer.parseInt(required(source, options, "downscale")),
                    Double.parseDouble(required(source, options, "val-split")));
            return new RunSettings(config, data, ClassNames.stored(options, classes));
        } catch (IllegalArgumentException e) {
            throw new BadFileException(source, "bad training settings: " + e.getMessage());
        }
    }

    private static String required(String source, Map<String, String> options, String key) throws BadFileException {
        String value = options.get(key);
        if (value == null)
            throw new BadFileException(source, "no '" + key + "' setting: not a checkpoint written by vecnn train");
        return value;
    }
}
