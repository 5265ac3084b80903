package dev.vecnn.engine.data;

import dev.vecnn.engine.io.BadFileException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where an MNIST-layout data set comes from: a directory on disk, or the real MNIST sample bundled
 * in the jar (8,000 training and 1,000 test digits), the default. Each half is read when asked for,
 * so evaluating needs only the two {@code t10k-*} files.
 */
public abstract sealed class DataSource permits DataSource.Directory, DataSource.BundledSample {
    static final String SAMPLE_RESOURCES = "mnist-sample/";

    /** The name used in messages and given to the data sets read from here. */
    public abstract String name();

    public Dataset train() throws IOException { return read(MnistPart.TRAIN); }

    public Dataset test() throws IOException { return read(MnistPart.TEST); }

    public static DataSource directory(Path directory) throws BadFileException {
        if (!Files.exists(directory)) throw new BadFileException(directory.toString(), "no such directory");
        if (!Files.isDirectory(directory))
            throw new BadFileException(directory.toString(), "not a directory (give the directory holding the IDX files)");
        return new Directory(directory);
    }

    public static DataSource bundledSample() { return new BundledSample(); }

    /**
     * The names of this set's classes (see {@link ClassNames}), recognised from its test labels,
     * else its training labels; numbered when neither is recognised.
     */
    public ClassNames classNames() throws IOException {
        for (MnistPart part : List.of(MnistPart.TEST, MnistPart.TRAIN)) {
            IdxFile labels = readFirst(part.labelNames());
            if (labels == null) continue;
            Optional<ClassNames> known = ClassNames.recognise(labels);
            if (known.isPresent()) return known.get();
        }
        return ClassNames.numbered(MnistPart.CLASSES);
    }

    /** Reads the first of {@code names} that exists here, or returns null if none does. */
    abstract IdxFile readFirst(List<String> names) throws IOException;

    /** Whether any of {@code names} exists here. */
    abstract boolean hasAny(List<String> names);

    /** Whether this source holds any file of {@code part}, images or labels (reading it may still fail). */
    public boolean has(MnistPart part) { return hasAny(part.imageNames()) || hasAny(part.labelNames()); }

    public Dataset read(MnistPart part) throws IOException {
        IdxFile images = readFirst(part.imageNames());
        IdxFile labels = readFirst(part.labelNames());
        if (images == null || labels == null) {
            String lookedFor = images == null && labels == null
                    ? MnistPart.describe(part.imageNames()) + ", and " + MnistPart.describe(part.labelNames())
                    : MnistPart.describe(images == null ? part.imageNames() : part.labelNames());
            String missing = images == null && labels == null ? "set" : images == null ? "images" : "labels";
            throw new BadFileException(name(), "no " + part.description() + " " + missing + ": looked for " + lookedFor);
        }
        return IdxDataset.pair(name() + "/" + part.prefix(), images, labels, MnistPart.CLASSES);
    }

    static final class Directory extends DataSource {
        private final Path directory;

        Directory(Path directory) { this.directory = directory; }

        @Override
        public String name() { return directory.toString(); }

        @Override
        boolean hasAny(List<String> names) {
            return names.stream().anyMatch(name -> Files.isRegularFile(directory.resolve(name)));
        }

        @Override
        IdxFile readFirst(List<String> names) throws IOException {
            for (String name : names) {
                Path file = directory.resolve(name);
                if (Files.isRegularFile(file)) return IdxFile.read(file);
            }
            return null;
        }
    }

    static final class BundledSample extends DataSource {
        @Override
        public String name() { return "mnist-sample"; }

        /** A part of MNIST, so not MNIST's label counts: named as MNIST outright. */
        @Override
        public ClassNames classNames() { return ClassNames.MNIST; }

        @Override
        boolean hasAny(List<String> names) {
            return names.stream().anyMatch(name -> DataSource.class.getResource(SAMPLE_RESOURCES + name) != null);
        }

        @Override
        IdxFile readFirst(List<String> names) throws IOException {
            for (String name : names) {
                InputStream in = DataSource.class.getResourceAsStream(SAMPLE_RESOURCES + name);
                if (in != null) try (in) {
                    return IdxFile.read(name() + "/" + name, in);
                }
            }
            return null;
        }
    }
}
