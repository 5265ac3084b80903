package dev.vecnn.engine.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a training run's images come from and how they are cut: a directory (null for the bundled
 * MNIST sample), {@code limit} of its training images (0: all; never more than it holds), shrunk
 * to {@code downscale} pixels a side (0: as stored), with {@code valSplit} of the training images
 * set aside for validation (0: none). The training subset and the split are stratified and drawn from the seed, so the
 * same settings and seed give the same three sets again, e.g. when a run is resumed.
 */
public record TrainingData(Path directory, int limit, int downscale, double valSplit) {
    public TrainingData {
        if (directory != null) directory = directory.toAbsolutePath().normalize();
        if (limit < 0) throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        if (downscale < 0) throw new IllegalArgumentException("downscale must be at least 1, not " + downscale);
        if (!(valSplit >= 0 && valSplit < 1))
            throw new IllegalArgumentException("validation split must lie in [0, 1), not " + valSplit);
    }

    /** The training, validation (null without a split) and test images (null when the source has no test files). */
    public record Sets(Dataset train, Dataset validation, Dataset test) {}

    public DataSource source() throws IOException {
        return directory == null ? DataSource.bundledSample() : DataSource.directory(directory);
    }

    /**
     * Reads and prepares the three sets; the test set is downscaled but never limited. A source
     * without test files trains all the same (the test set is null); one with half of them fails.
     */
    public Sets load(long seed) throws IOException {
        DataSource source = source();
        Dataset train = source.train();
        if (limit > train.count())
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "a limit of %,d training images is more than the %,d that %s holds", limit, train.count(), source.name()));
        if (limit > 0) train = Stratified.limit(train, limit, seed);
        Dataset test = source.has(MnistPart.TEST) ? source.test() : null;
        if (downscale > 0) {
            train = Downscale.toSquare(train, downscale);
            if (test != null) test = Downscale.toSquare(test, downscale);
        }
        if (valSplit == 0) return new Sets(train, null, test);
        Stratified.Split split = Stratified.split(train, valSplit, seed);
        return new Sets(split.train(), split.validation(), test);
    }
}
