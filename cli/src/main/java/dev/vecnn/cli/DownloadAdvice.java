package dev.vecnn.cli;

import dev.vecnn.engine.data.DataSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What to do when {@code vecnn download} fails, as the end of its one error line: a file: mirror
 * that already holds a readable data set (Debian's {@code dataset-fashion-mnist} recompressed the
 * official files, so their sizes and sums differ) serves as {@code --data} as it is; offline, a copy
 * on disk does, and for Fashion-MNIST Debian's package has one.
 */
final class DownloadAdvice {
    /** Where Debian's dataset-fashion-mnist package puts its files. */
    static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    static final List<String> SCHEMES = List.of("https", "http", "file");

    private DownloadAdvice() {}

    /** Why {@code mirror} cannot be fetched from, or null when its scheme is one vecnn reads. */
    static String badScheme(URI mirror) {
        String scheme = mirror.getScheme() == null ? "" : mirror.getScheme().toLowerCase(Locale.ROOT);
        if (SCHEMES.contains(scheme)) return null;
        return "--mirror " + mirror + ": " + (scheme.isEmpty() ? "no scheme" : "unsupported scheme '" + scheme + "'")
                + " (give an https:, http: or file: URL, e.g. file:/path/to/dir)";
    }

    /** The next step after a download of {@code dataset} from {@code mirrors} failed with {@code failure}. */
    static String nextStep(String dataset, List<URI> mirrors, String failure) {
        for (URI mirror : mirrors) {
            Path local = localDirectory(mirror);
            if (local != null && readable(local))
                return "the files in " + local + " are not the official ones (recompressed?) but form a data set vecnn "
                        + "reads: train on them with --data " + local + " instead of downloading";
        }
        String instead = offline(failure) ? "without a network, use a copy on disk with --data DIR" : "use a copy on disk "
                + "with --data DIR";
        if (dataset.equalsIgnoreCase("fashion-mnist"))
            return Files.isDirectory(DEBIAN_FASHION_MNIST)
                    ? "Debian's copy is already here: --data " + DEBIAN_FASHION_MNIST
                    : instead + " (Debian: apt-get install dataset-fashion-mnist, then --data " + DEBIAN_FASHION_MNIST + ")";
        return instead + ", or fetch from another --mirror URL";
    }

    /** True when the failure reads as no network: a host that does not resolve, a connection that cannot be made. */
    private static boolean offline(String failure) {
        return failure != null && (failure.contains("cannot resolve host") || failure.contains("ConnectException")
                || failure.contains("NoRouteToHostException") || failure.contains("SocketTimeoutException"));
    }

    private static Path localDirectory(URI mirror) {
        if (!"file".equalsIgnoreCase(mirror.getScheme())) return null;
        try {
            Path path = Path.of(mirror);
            return Files.isDirectory(path) ? path : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** True when {@code directory} holds MNIST-layout test files vecnn can read. */
    private static boolean readable(Path directory) {
        try {
            return DataSource.directory(directory).test().count() > 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
