package dev.vecnn.engine.data;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What a data set's classes are called. IDX files carry no names, so Fashion-MNIST is recognised
 * by its labels: the SHA-256 of the 10,000 test or 60,000 training labels of the official files
 * (raw or gzipped alike, since the sum is over the decoded labels), which name its garments;
 * anything else with ten classes is digits, as in MNIST; other sets are named by their class index.
 * A subset of Fashion-MNIST (training {@code --limit}) is not recognised; its test set always is.
 */
public final class ClassNames {
    /** Zalando's names, in label order (github.com/zalandoresearch/fashion-mnist). */
    public static final List<String> FASHION_MNIST = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** SHA-256 of Fashion-MNIST's decoded t10k and train label bytes (the IDX payload after its 8-byte header). */
    static final Set<String> FASHION_MNIST_LABELS = Set.of(
            "3d0e6c6ea990b53b6f8f500a41cac93881d981b315f84578b7d915342ade01e9",
            "657fbd221bfc9f4198cc14b5619cc33ec57c58dd0e47af4d99d6650759e869a7");

    private ClassNames() {}

    /** One name per class of {@code data}, in label order. */
    public static List<String> of(Dataset data) {
        if (data.classes() == FASHION_MNIST.size() && FASHION_MNIST_LABELS.contains(sha256(data.labels())))
            return FASHION_MNIST;
        return IntStream.range(0, data.classes()).mapToObj(Integer::toString).toList();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
