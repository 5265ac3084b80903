package dev.vecnn.engine.data;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The data sets {@code vecnn download} fetches, with the size and SHA-256 of each official file
 * (the same sums are published by torchvision, TensorFlow Datasets and others), and the mirrors
 * tried in order. The sums, not the mirrors, are what is trusted.
 */
public enum KnownDataset {
    MNIST("mnist", List.of("https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/"), List.of(
            new RemoteFile("train-images-idx3-ubyte.gz", 9_912_422,
                    "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
            new RemoteFile("train-labels-idx1-ubyte.gz", 28_881,
                    "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
            new RemoteFile("t10k-images-idx3-ubyte.gz", 1_648_877,
                    "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
            new RemoteFile("t10k-labels-idx1-ubyte.gz", 4_542,
                    "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"))),
    FASHION_MNIST("fashion-mnist", List.of(
            "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"), List.of(
            new RemoteFile("train-images-idx3-ubyte.gz", 26_421_880,
                    "08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc"),
            new RemoteFile("train-labels-idx1-ubyte.gz", 29_515,
                    "b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc"),
            new RemoteFile("t10k-images-idx3-ubyte.gz", 4_422_102,
                    "78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229"),
            new RemoteFile("t10k-labels-idx1-ubyte.gz", 5_148,
                    "42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf")));

    private final String id;
    private final List<URI> mirrors;
    private final List<RemoteFile> files;

    KnownDataset(String id, List<String> mirrors, List<RemoteFile> files) {
        this.id = id;
        this.mirrors = mirrors.stream().map(URI::create).toList();
        this.files = files;
    }

    /** The name users type and the cache directory's name. */
    public String id() { return id; }

    public List<URI> mirrors() { return mirrors; }

    public List<RemoteFile> files() { return files; }

    public static KnownDataset named(String id) {
        for (KnownDataset d : values()) if (d.id.equalsIgnoreCase(id)) return d;
        throw new IllegalArgumentException("unknown data set '" + id + "': choose one of "
                + Arrays.stream(values()).map(KnownDataset::id).collect(Collectors.joining(", ")));
    }
}
