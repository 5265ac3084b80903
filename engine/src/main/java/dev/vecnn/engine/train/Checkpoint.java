package dev.vecnn.engine.train;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.io.BadFileException;
import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.model.Model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a model file holds, in memory: the spec (canonical form) and input shape that rebuild
 * the network, its class count, the model's tensors in {@link Model#tensors()} order, the
 * optimiser's name and state tensors in {@link Optimizer#copyState()} order, and the training
 * position: the seed, completed epochs and steps (also the optimiser's step count: Adam's t), and
 * the progress inside the next epoch when the checkpoint was taken between two of its batches.
 * Every random draw is a function of the seed and what it is for (the epoch for a shuffle, the step
 * for dropout), so the seed and the position are the whole random state.
 */
public record Checkpoint(String spec, Shape input, int classes, List<float[]> modelTensors,
                         String optimizer, List<float[]> optimizerTensors, long seed, int epoch, long step,
                         EpochProgress progress) {
    /** The model-file option naming the optimiser whose state the file holds. */
    public static final String OPTIMIZER_OPTION = "optimizer";
    /**
     * The model-file options of a checkpoint taken inside an epoch, all present or none: the
     * batches done and their loss sum, correct predictions, seconds and first learning rate. A checkpoint at an epoch's
     * end has none of them, so it is the same file whether or not the run was interrupted before.
     */
    static final String EPOCH_BATCHES = "epoch-batches", EPOCH_LOSS_SUM = "epoch-loss-sum",
            EPOCH_CORRECT = "epoch-correct", EPOCH_SECONDS = "epoch-seconds", EPOCH_FIRST_LR = "epoch-first-lr";
    private static final List<String> PROGRESS_OPTIONS = List.of(EPOCH_BATCHES, EPOCH_LOSS_SUM, EPOCH_CORRECT, EPOCH_SECONDS,
            EPOCH_FIRST_LR);

    public Checkpoint {
        modelTensors = List.copyOf(modelTensors);
        optimizerTensors = List.copyOf(optimizerTensors);
        if (epoch < 0 || step < 0)
            throw new IllegalArgumentException("negative training position: epoch " + epoch + ", step " + step);
        if (progress == null) throw new IllegalArgumentException("no progress inside the epoch");
    }

    /** A checkpoint at the end of epoch {@code epoch} (or of a model trained elsewhere): nothing of the next epoch done. */
    public Checkpoint(String spec, Shape input, int classes, List<float[]> modelTensors, String optimizer,
                      List<float[]> optimizerTensors, long seed, int epoch, long step) {
        this(spec, input, classes, modelTensors, optimizer, optimizerTensors, seed, epoch, step, EpochProgress.START);
    }

    /** What {@link ModelFile#write} stores; {@code options} (learning rate, batch size, ...) are kept beside the optimiser's name. */
    public ModelFile.Contents toContents(Map<String, String> options) {
        Map<String, String> all = new HashMap<>(options);
        all.put(OPTIMIZER_OPTION, optimizer);
        if (progress.started()) {
            all.put(EPOCH_BATCHES, Integer.toString(progress.batches()));
            all.put(EPOCH_LOSS_SUM, Double.toString(progress.lossSum()));
            all.put(EPOCH_CORRECT, Integer.toString(progress.correct()));
            all.put(EPOCH_SECONDS, Double.toString(progress.seconds()));
            all.put(EPOCH_FIRST_LR, Float.toString(progress.firstLr()));
        }
        return new ModelFile.Contents(spec, new int[] {input.channels(), input.height(), input.width()}, classes,
                modelTensors, optimizerTensors, epoch, step, new long[] {seed}, all);
    }

    /** The checkpoint a model file holds; {@code source} names the file in messages. */
    public static Checkpoint of(String source, ModelFile.Contents c) throws BadFileException {
        if (c.inputShape().length != 3)
            throw new BadFileException(source, "input shape of rank " + c.inputShape().length + ", expected 3 (CxHxW)");
        if (c.rngState().length != 1)
            throw new BadFileException(source, "random state of " + c.rngState().length + " numbers, expected 1 (the seed)");
        String optimizer = c.options().get(OPTIMIZER_OPTION);
        if (optimizer == null) throw new BadFileException(source, "no '" + OPTIMIZER_OPTION + "' option");
        Shape input;
        try {
            input = new Shape(c.inputShape()[0], c.inputShape()[1], c.inputShape()[2]);
        } catch (IllegalArgumentException e) {
            throw new BadFileException(source, e.getMessage());
        }
        EpochProgress progress = progress(source, c.options());
        try {
            return new Checkpoint(c.spec(), input, c.classes(), c.parameters(), optimizer, c.optimizerState(),
                    c.rngState()[0], c.epoch(), c.step(), progress);
        } catch (IllegalArgumentException e) {
            throw new BadFileException(source, "corrupt: " + e.getMessage());
        }
    }

    private static EpochProgress progress(String source, Map<String, String> options) throws BadFileException {
        long present = PROGRESS_OPTIONS.stream().filter(options::containsKey).count();
        if (present == 0) return EpochProgress.START;
        if (present < PROGRESS_OPTIONS.size())
            throw new BadFileException(source, "corrupt: only some of the options " + PROGRESS_OPTIONS
                    + " that place a checkpoint inside an epoch");
        try {
            EpochProgress progress = new EpochProgress(Integer.parseInt(options.get(EPOCH_BATCHES)),
                    Double.parseDouble(options.get(EPOCH_LOSS_SUM)), Integer.parseInt(options.get(EPOCH_CORRECT)),
                    Double.parseDouble(options.get(EPOCH_SECONDS)), Float.parseFloat(options.get(EPOCH_FIRST_LR)));
            if (!progress.started()) throw new IllegalArgumentException("no batch done");
            return progress;
        } catch (IllegalArgumentException e) {
            throw new BadFileException(source, "corrupt position inside an epoch: " + e.getMessage());
        }
    }

    /**
     * Rebuilds the network of the checkpoint read from {@code source} and loads its tensors; a
     * spec that cannot be built, or whose tensors do not fit the file's, is a bad file. A damaged
     * spec is refused before it allocates more values than the file holds.
     */
    public Model model(String source) throws BadFileException {
        try {
            return model();
        } catch (IllegalArgumentException e) {
            throw new BadFileException(source, "cannot rebuild its network: " + e.getMessage());
        }
    }

    /** Rebuilds the network and loads its tensors; fails with a clear message if they do not fit the spec. */
    public Model model() {
        long values = 0;
        for (float[] t : modelTensors) values += t.length;
        Model model = Model.build(spec, input, seed, values, "the values the file holds");
        if (model.classes() != classes)
            throw new IllegalArgumentException("the spec gives " + model.classes() + " classes but the file says " + classes);
        model.loadTensors(modelTensors);
        return model;
    }
}
