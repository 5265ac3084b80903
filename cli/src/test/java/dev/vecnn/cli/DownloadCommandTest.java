package dev.vecnn.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DownloadCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void fetchesTheListedFilesFromAMirrorAndVerifiesThem() throws IOException {
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        byte[] a = "first file".getBytes(), b = "second file".getBytes();
        Files.write(mirror.resolve("a.gz"), a);
        Files.write(mirror.resolve("b.gz"), b);
        Path sums = Files.writeString(dir.resolve("SHA256SUMS"), sha256(a) + "  a.gz\n" + sha256(b) + "  b.gz\n");
        Path cache = dir.resolve("cache");
        String[] args = {"download", "my-set", "--cache", cache.toString(), "--mirror", mirror.toUri().toString(),
                "--sums", sums.toString()};
        assertEquals(0, run(args), err.toString());
        assertEquals("second file", Files.readString(cache.resolve("my-set/b.gz")));
        assertTrue(out.toString().contains("a.gz"), out.toString());
        assertTrue(out.toString().contains("downloaded from " + mirror.toUri().resolve("a.gz")), out.toString());
        assertTrue(out.toString().endsWith("use: --data " + cache.resolve("my-set") + System.lineSeparator()), out.toString());

        assertEquals(0, run(args));
        assertTrue(out.toString().contains("already present"), out.toString());

        out.getBuffer().setLength(0);
        String[] json = java.util.Arrays.copyOf(args, args.length + 1);
        json[args.length] = "--json";
        assertEquals(0, run(json), err.toString());
        java.util.Map<?, ?> report = JsonOutput.object(out.toString());
        assertEquals(java.util.List.of("dataset", "directory", "files"), java.util.List.copyOf(report.keySet()));
        assertEquals(cache.resolve("my-set").toString(), report.get("directory"));
        java.util.Map<?, ?> first = (java.util.Map<?, ?>) ((java.util.List<?>) report.get("files")).get(0);
        assertEquals(java.util.List.of("name", "bytes", "sha256", "downloaded", "from"), java.util.List.copyOf(first.keySet()));
        assertEquals("a.gz", first.get("name"));
        assertEquals((double) a.length, first.get("bytes"));
        assertEquals(false, first.get("downloaded"), "already present");
    }

    @Test
    void aBadDownloadIsOneLineAndExitCodeOne() throws IOException {
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        Files.writeString(mirror.resolve("t10k-labels-idx1-ubyte.gz"), "not the official bytes");
        int code = run("download", "mnist", "--cache", dir.resolve("cache").toString(), "--mirror", mirror.toUri().toString());
        assertEquals(1, code);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("vecnn: could not download train-images-idx3-ubyte.gz: "), err.toString());
    }

    @Test
    void aLocalMirrorWithOtherBytesButReadableFilesIsOfferedAsData() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("recompressed"));
        for (String name : java.util.List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"))
            try (java.io.InputStream in = dev.vecnn.engine.data.DataSource.class.getResourceAsStream("mnist-sample/" + name)) {
                Files.copy(in, copy.resolve(name));
            }
        assertEquals(1, run("download", "mnist", "--cache", dir.resolve("cache").toString(), "--mirror", copy.toUri().toString()));
        String line = err.toString().strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.endsWith("form a data set vecnn reads: train on them with --data " + copy + " instead of downloading"), line);
        assertTrue(!Files.exists(dir.resolve("cache/mnist")), "no empty cache directory");
    }

    @Test
    void offlineTheNextStepIsACopyOnDisk() {
        String failure = "could not download a.gz: https://h/a.gz: cannot resolve host h (no network?)";
        assertEquals("without a network, use a copy on disk with --data DIR, or fetch from another --mirror URL",
                DownloadAdvice.nextStep("mnist", java.util.List.of(java.net.URI.create("https://h/")), failure));
        String fashion = DownloadAdvice.nextStep("fashion-mnist", java.util.List.of(java.net.URI.create("https://h/")), failure);
        assertTrue(fashion.contains("--data " + DownloadAdvice.DEBIAN_FASHION_MNIST), fashion);
    }

    @Test
    void usageMistakesExitWithTwo() {
        assertEquals(2, run("download", "cifar"));
        assertTrue(err.toString().contains("unknown data set 'cifar': choose one of mnist, fashion-mnist, or any MNIST-layout "
                + "set with --mirror URL --sums SHA256SUMS"), err.toString());
        assertEquals(2, run("download", "mnist", "--mirror", "ftp://example.org/mnist/"));
        assertTrue(err.toString().contains("--mirror ftp://example.org/mnist/: unsupported scheme 'ftp'"), err.toString());
        assertEquals(2, run("download", "x", "--sums", dir.resolve("s").toString()));
        assertTrue(err.toString().contains("--sums needs --mirror"), err.toString());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
