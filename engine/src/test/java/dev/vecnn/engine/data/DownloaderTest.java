package dev.vecnn.engine.data;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Downloads from a real HTTP server on 127.0.0.1 and from file: URLs; the machine has no network. */
class DownloaderTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final Map<String, byte[]> served = new LinkedHashMap<>();
    private final List<String> requests = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            synchronized (requests) {
                requests.add(path);
            }
            byte[] body = served.get(path);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI mirror(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The four files of a small MNIST-layout set, gzipped, with their sums. */
    private Map<RemoteFile, byte[]> smallSet() {
        Map<RemoteFile, byte[]> files = new LinkedHashMap<>();
        add(files, "train-images-idx3-ubyte.gz", IdxBytes.gzip(IdxBytes.images(5, 4, 4)));
        add(files, "train-labels-idx1-ubyte.gz", IdxBytes.gzip(IdxBytes.labels(0, 1, 2, 3, 4)));
        add(files, "t10k-images-idx3-ubyte.gz", IdxBytes.gzip(IdxBytes.images(2, 4, 4)));
        add(files, "t10k-labels-idx1-ubyte.gz", IdxBytes.gzip(IdxBytes.labels(7, 9)));
        return files;
    }

    private static void add(Map<RemoteFile, byte[]> files, String name, byte[] bytes) {
        files.put(new RemoteFile(name, bytes.length, sha256(bytes)), bytes);
    }

    private void serve(String prefix, Map<RemoteFile, byte[]> files) {
        files.forEach((f, bytes) -> served.put(prefix + f.name(), bytes));
    }

    @Test
    void downloadsVerifiesAndThenReusesTheCache() throws IOException {
        Map<RemoteFile, byte[]> files = smallSet();
        serve("/mnist/", files);
        Path cache = dir.resolve("cache");
        List<RemoteFile> list = List.copyOf(files.keySet());
        List<Long> progress = new ArrayList<>();
        List<Downloader.Result> results = Downloader.download(List.of(mirror("/mnist")), list, cache,
                (file, done) -> progress.add(done));
        for (Downloader.Result r : results) {
            assertEquals(Downloader.Outcome.DOWNLOADED, r.outcome());
            assertEquals(mirror("/mnist/" + r.file().name()), r.from());
            assertArrayEquals(files.get(r.file()), Files.readAllBytes(r.path()));
        }
        assertEquals(4, requests.size());
        assertTrue(progress.contains(files.keySet().iterator().next().size()));

        Dataset test = DataSource.directory(cache).test();
        assertEquals(2, test.count());
        assertEquals(9, test.label(1));

        results = Downloader.download(List.of(mirror("/mnist")), list, cache, (file, done) -> { });
        for (Downloader.Result r : results) {
            assertEquals(Downloader.Outcome.ALREADY_PRESENT, r.outcome());
            assertNull(r.from());
        }
        assertEquals(4, requests.size(), "nothing fetched again");
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(4, left.count(), "no temporary files left");
        }
    }

    @Test
    void aMirrorServingOtherBytesIsSkippedForTheNext() throws IOException {
        Map<RemoteFile, byte[]> files = smallSet();
        RemoteFile labels = List.copyOf(files.keySet()).get(3);
        byte[] tampered = files.get(labels).clone();
        tampered[tampered.length - 1] ^= 1;
        served.put("/bad/" + labels.name(), tampered);
        serve("/good/", files);
        Downloader.Result r = Downloader.download(List.of(mirror("/bad/"), mirror("/good/")), List.of(labels), dir,
                (file, done) -> { }).get(0);
        assertEquals(mirror("/good/" + labels.name()), r.from());
        assertArrayEquals(files.get(labels), Files.readAllBytes(dir.resolve(labels.name())));
    }

    @Test
    void whenEveryMirrorFailsEachFailureIsReported() throws IOException {
        Map<RemoteFile, byte[]> files = smallSet();
        RemoteFile images = List.copyOf(files.keySet()).get(0);
        byte[] wrong = files.get(images).clone();
        wrong[20] ^= 1;
        served.put("/bad/" + images.name(), wrong);
        Path existing = Files.write(dir.resolve(images.name()), "old partial".getBytes());
        IOException e = assertThrows(IOException.class, () -> Downloader.download(
                List.of(mirror("/bad/"), mirror("/missing/")), List.of(images), dir, (file, done) -> { }));
        assertEquals("could not download " + images.name() + ": " + mirror("/bad/" + images.name())
                        + ": SHA-256 mismatch: expected " + images.sha256() + ", got " + sha256(wrong) + "; "
                        + mirror("/missing/" + images.name()) + ": HTTP 404 Not Found",
                e.getMessage());
        assertEquals("old partial", Files.readString(existing), "an unverified download never replaces a file");
    }

    @Test
    void sizeIsCheckedBeforeTheSum() throws IOException {
        byte[] bytes = "0123456789".getBytes();
        RemoteFile shorter = new RemoteFile("f", 9, sha256(bytes));
        served.put("/m/f", bytes);
        IOException e = assertThrows(IOException.class,
                () -> Downloader.download(List.of(mirror("/m/")), List.of(shorter), dir, (file, done) -> { }));
        assertTrue(e.getMessage().endsWith("larger than the expected 9 bytes"), e.getMessage());
    }

    @Test
    void fileUrlsWorkToo() throws IOException {
        Path mirrorDir = Files.createDirectories(dir.resolve("mirror"));
        Map<RemoteFile, byte[]> files = smallSet();
        for (Map.Entry<RemoteFile, byte[]> f : files.entrySet()) Files.write(mirrorDir.resolve(f.getKey().name()), f.getValue());
        Path cache = dir.resolve("cache");
        Downloader.download(List.of(mirrorDir.toUri()), List.copyOf(files.keySet()), cache, (file, done) -> { });
        assertEquals(5, DataSource.directory(cache).train().count());

        RemoteFile absent = new RemoteFile("absent.gz", 3, files.keySet().iterator().next().sha256());
        IOException e = assertThrows(IOException.class, () -> Downloader.download(
                List.of(mirrorDir.toUri(), URI.create("http://no-such-host.invalid/")), List.of(absent), cache, (file, done) -> { }));
        assertEquals("could not download absent.gz: " + mirrorDir.toUri().resolve("absent.gz") + ": no such file; "
                + "http://no-such-host.invalid/absent.gz: cannot resolve host no-such-host.invalid (no network?)", e.getMessage());
    }

    @Test
    void knownDatasetsCarryTheOfficialSums() {
        assertEquals(KnownDataset.MNIST, KnownDataset.named("MNIST"));
        assertEquals(KnownDataset.FASHION_MNIST, KnownDataset.named("fashion-mnist"));
        assertEquals("unknown data set 'cifar': choose one of mnist, fashion-mnist",
                assertThrows(IllegalArgumentException.class, () -> KnownDataset.named("cifar")).getMessage());
        for (KnownDataset d : KnownDataset.values()) {
            assertEquals(4, d.files().size());
            for (RemoteFile f : d.files()) assertTrue(f.sha256().matches("[0-9a-f]{64}"), f.toString());
            List<String> names = d.files().stream().map(RemoteFile::name).toList();
            assertEquals(MnistPart.TRAIN.imageNames().get(1), names.get(0));
            assertEquals(MnistPart.TEST.labelNames().get(1), names.get(3));
        }
    }

    @Test
    void theDefaultCacheIsUnderTheUsersCacheDirectory() {
        assertTrue(Downloader.defaultCache().endsWith(Path.of("vecnn")));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
