package dev.vecnn.engine.data;

import java.util.List;

/**
 * The two halves of an MNIST-layout data set and their file names: {@code train-images-idx3-ubyte}
 * and friends, raw or gzipped, also in the {@code train-images.idx3-ubyte} spelling some copies use.
 * MNIST and Fashion-MNIST share the layout and have ten classes.
 */
public enum MnistPart {
    TRAIN("train", "training"), TEST("t10k", "test");

    public static final int CLASSES = 10;

    private final String prefix;
    private final String description;

    MnistPart(String prefix, String description) {
        this.prefix = prefix;
        this.description = description;
    }

    public String prefix() { return prefix; }

    public String description() { return description; }

    /** The names an images file may have, in the order they are tried. */
    public List<String> imageNames() { return names("images", "idx3"); }

    /** The names a labels file may have, in the order they are tried. */
    public List<String> labelNames() { return names("labels", "idx1"); }

    private List<String> names(String kind, String idx) {
        String dashed = prefix + "-" + kind + "-" + idx + "-ubyte";
        String dotted = prefix + "-" + kind + "." + idx + "-ubyte";
        return List.of(dashed, dashed + ".gz", dotted, dotted + ".gz");
    }

    /** The names as a reader wants them in an error message. */
    static String describe(List<String> names) {
        return names.get(0) + "[.gz] or " + names.get(2) + "[.gz]";
    }
}
