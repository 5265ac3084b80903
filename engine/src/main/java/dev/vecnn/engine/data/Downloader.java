package dev.vecnn.engine.data;

import dev.vecnn.engine.io.AtomicFiles;
import dev.vecnn.engine.io.BadFileException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Fetches data set files into a cache directory and checks each against its SHA-256 before it
 * takes its final name, so the cache only ever holds verified files. A file already there with
 * the right sum is kept; a mirror that fails or serves other bytes is reported and the next one
 * tried. Any URL scheme the JDK opens works (https, http, file).
 */
public final class Downloader {
    static final int CONNECT_TIMEOUT_MS = 15_000;
    static final int READ_TIMEOUT_MS = 60_000;

    private Downloader() {}

    /** Told about each file: how many of its bytes have arrived (all of them at once for a cached file). */
    @FunctionalInterface
    public interface Progress {
        void update(RemoteFile file, long bytesDone);
    }

    public enum Outcome { DOWNLOADED, ALREADY_PRESENT }

    public record Result(RemoteFile file, Path path, Outcome outcome, URI from) {}

    /** {@code $XDG_CACHE_HOME/vecnn}, else {@code ~/.cache/vecnn}. */
    public static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("vecnn");
    }

    /** Downloads a known data set into {@code cache/<id>}, which then serves as a {@code --data} directory. */
    public static List<Result> download(KnownDataset dataset, Path cache, Progress progress) throws IOException {
        return download(dataset.mirrors(), dataset.files(), cache.resolve(dataset.id()), progress);
    }

    public static List<Result> download(List<URI> mirrors, List<RemoteFile> files, Path directory, Progress progress)
            throws IOException {
        Files.createDirectories(directory);
        List<Result> results = new ArrayList<>();
        for (RemoteFile file : files) results.add(fetch(mirrors, file, directory, progress));
        return results;
    }

    private static Result fetch(List<URI> mirrors, RemoteFile file, Path directory, Progress progress) throws IOException {
        Path target = directory.resolve(file.name());
        if (Files.isRegularFile(target) && (!file.sizeKnown() || Files.size(target) == file.size())
                && file.sha256().equals(sha256(target))) {
            progress.update(file, Files.size(target));
            return new Result(file, target, Outcome.ALREADY_PRESENT, null);
        }
        List<String> failures = new ArrayList<>();
        for (URI mirror : mirrors) {
            URI from = directoryUri(mirror).resolve(file.name());
            try {
                AtomicFiles.write(target, out -> copyVerified(from, file, out, progress));
                return new Result(file, target, Outcome.DOWNLOADED, from);
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        throw new IOException("could not download " + file.name() + ": " + String.join("; ", failures));
    }

    private static URI directoryUri(URI mirror) {
        String text = mirror.toString();
        return text.endsWith("/") ? mirror : URI.create(text + "/");
    }

    private static void copyVerified(URI from, RemoteFile file, OutputStream out, Progress progress) throws IOException {
        MessageDigest digest = newSha256();
        long done = 0;
        try (InputStream in = open(from)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                done += n;
                if (file.sizeKnown() && done > file.size())
                    throw new BadFileException(from.toString(), "larger than the expected " + file.size() + " bytes");
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                progress.update(file, done);
            }
        } catch (BadFileException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(from + ": " + describe(e), e);
        }
        if (file.sizeKnown() && done != file.size())
            throw new BadFileException(from.toString(), "got " + done + " bytes, expected " + file.size());
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(file.sha256()))
            throw new BadFileException(from.toString(), "SHA-256 mismatch: expected " + file.sha256() + ", got " + actual);
    }

    private static InputStream open(URI from) throws IOException {
        URLConnection connection = from.toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(READ_TIMEOUT_MS);
        if (connection instanceof HttpURLConnection http) {
            int status = http.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                String reason = http.getResponseMessage();
                http.disconnect();
                throw new IOException("HTTP " + status + (reason == null ? "" : " " + reason));
            }
        }
        return connection.getInputStream();
    }

    private static String describe(IOException e) {
        if (e instanceof UnknownHostException) return "cannot resolve host " + e.getMessage() + " (no network?)";
        if (e instanceof FileNotFoundException) return "no such file";
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind.equals("IOException") ? e.getMessage() : kind + ": " + e.getMessage();
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
