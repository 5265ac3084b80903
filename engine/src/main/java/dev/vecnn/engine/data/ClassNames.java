package dev.vecnn.engine.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The names of a data set's classes: the one source of class names for everything that shows them
 * (eval, predict, plots). MNIST's are its digits, Fashion-MNIST's the garments its README lists;
 * a set that is not recognised is named by its class numbers. A training run stores its data's
 * names among the model file's options ({@link #store}), so a model shows the names of the data
 * it was trained on ({@link #stored}).
 *
 * <p>A set is recognised from the contents of a labels file, never from a file or directory name,
 * and whatever compression it came in: Debian's {@code dataset-fashion-mnist} recompressed the
 * official {@code .gz} files (the sums of its files differ), and users gunzip their copies.
 * Fashion-MNIST by the SHA-256 of a decompressed labels file ({@code zcat FILE | sha256sum}),
 * MNIST by its labels files' per-class counts, which a balanced set (Fashion-MNIST, KMNIST) can
 * never share.
 */
public record ClassNames(String dataset, List<String> names) {
    /** The model-file options that hold the names, joined by {@link #SEPARATOR}, and the data set's name. */
    public static final String NAMES_OPTION = "class-names", DATASET_OPTION = "class-names-of";
    static final String SEPARATOR = ", ";

    public static final ClassNames MNIST = new ClassNames("mnist",
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    public static final ClassNames FASHION_MNIST = new ClassNames("fashion-mnist", List.of("T-shirt/top", "Trouser",
            "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"));

    /** SHA-256 of Fashion-MNIST's decompressed {@code train-labels-idx1-ubyte} and {@code t10k-labels-idx1-ubyte}. */
    private static final List<String> FASHION_LABEL_SUMS = List.of(
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");
    /** Images per digit in MNIST's training labels and in its test labels. */
    private static final List<int[]> MNIST_CLASS_COUNTS = List.of(
            new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
            new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009});

    public ClassNames {
        names = List.copyOf(names);
        if (names.size() < 2) throw new IllegalArgumentException("a data set needs at least 2 class names, not " + names);
        for (String name : names)
            if (name.isBlank() || name.contains(SEPARATOR.strip()) || !name.equals(name.strip()))
                throw new IllegalArgumentException("bad class name '" + name + "' (empty, padded or holding a comma)");
    }

    /** Classes 0 .. classes - 1 named by their numbers, for a set that is not recognised. */
    public static ClassNames numbered(int classes) {
        return new ClassNames(null, IntStream.range(0, classes).mapToObj(Integer::toString).toList());
    }

    public int count() { return names.size(); }

    public String name(int c) { return names.get(c); }

    /** True when the names are only the class numbers (MNIST's digits among them): nothing to show beside the number. */
    public boolean justNumbers() {
        for (int c = 0; c < names.size(); c++) if (!names.get(c).equals(Integer.toString(c))) return false;
        return true;
    }

    /** The known data set whose labels file this is, if any. */
    public static Optional<ClassNames> recognise(IdxFile labels) {
        return labels.rank() == 1 ? recognise(labels.data()) : Optional.empty();
    }

    /**
     * The names of {@code data}'s classes, in label order, when its labels are a known set's whole
     * labels file (a test set, or a training set read without {@code --limit} or a split); its
     * class numbers otherwise. For a model's classes, take the names its file stores ({@link #stored}).
     */
    public static List<String> of(Dataset data) {
        return recognise(data.labels()).filter(k -> k.count() == data.classes()).orElse(numbered(data.classes())).names();
    }

    /** The known data set whose labels file holds {@code labels}, if any. */
    private static Optional<ClassNames> recognise(byte[] labels) {
        if (FASHION_LABEL_SUMS.contains(labelsFileSha256(labels))) return Optional.of(FASHION_MNIST);
        int[] counts = new int[256];
        for (byte b : labels) counts[b & 0xFF]++;
        for (int[] mnist : MNIST_CLASS_COUNTS)
            if (labels.length == IntStream.of(mnist).sum() && Arrays.equals(Arrays.copyOf(counts, mnist.length), mnist))
                return Optional.of(MNIST);
        return Optional.empty();
    }

    /** The SHA-256 of the uncompressed IDX labels file holding {@code labels}: its 8-byte header, then the labels. */
    static String labelsFileSha256(byte[] labels) {
        ByteBuffer header = ByteBuffer.allocate(8).put(new byte[] {0, 0, (byte) IdxFile.UNSIGNED_BYTE, 1})
                .putInt(labels.length);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(header.array());
            digest.update(labels);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /** Puts the names into a model file's options. */
    public void store(Map<String, String> options) {
        options.put(NAMES_OPTION, String.join(SEPARATOR, names));
        if (dataset != null) options.put(DATASET_OPTION, dataset);
    }

    /**
     * The names stored in a model file's options for its {@code classes} classes; numbered when the
     * file holds none (written before names were stored, or by another tool) or a list that does
     * not fit.
     */
    public static ClassNames stored(Map<String, String> options, int classes) {
        String text = options.get(NAMES_OPTION);
        if (text == null) return numbered(classes);
        List<String> names = List.of(text.split(SEPARATOR.strip(), -1)).stream().map(String::strip).toList();
        if (names.size() != classes) return numbered(classes);
        try {
            return new ClassNames(options.get(DATASET_OPTION), names);
        } catch (IllegalArgumentException e) {
            return numbered(classes);
        }
    }
}
