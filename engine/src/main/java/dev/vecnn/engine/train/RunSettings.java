package dev.vecnn.engine.train;

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

    public Map<String, String> toOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("epochs", Integer.toString(config.epochs()));
        options.put("batch-size", Integer.toString(config.batchSize()));
        options.put("chunk-size", Integer.toString(config.chunkSize()));
        options.put(Checkpoint.OPTIMIZER_OPTION, config.optimizer().kind().label());
        options.put("lr", Float.toString(config.optimizer().lr()));
        options.put("momentum", Float.toString(config.optimizer().momentum()));
        options.put("weight-decay", Float.toString(config.optimizer().weightDecay()));
        options.put("schedule", config.schedule().toString());
        options.put("loss", config.loss().label());
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
                    Integer.parseInt(required(source, options, "chunk-size")), threads, seed, optimizer,
                    LrSchedule.parse(required(source, options, "schedule")),
                    Loss.named(required(source, options, "loss")));
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
