package dev.vecnn.cli;

import dev.vecnn.engine.data.ChecksumList;
import dev.vecnn.engine.data.Downloader;
import dev.vecnn.engine.data.KnownDataset;
import dev.vecnn.engine.data.RemoteFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vecnn download}: fetches a data set into the cache and verifies every file's SHA-256. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Download MNIST or Fashion-MNIST into a cache directory, verifying each file's SHA-256.",
                "The directory then serves as --data for train, eval and predict."})
final class DownloadCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATASET",
            description = "mnist or fashion-mnist; with --sums, the name of the directory to fill")
    String dataset;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "cache directory, the files go to DIR/DATASET (default: $XDG_CACHE_HOME/vecnn or ~/.cache/vecnn)")
    Path cache;

    @Option(names = "--mirror", paramLabel = "URL",
            description = "base URL to fetch from instead of the official mirrors (https:, http: or file:); repeatable")
    List<URI> mirrors = new ArrayList<>();

    @Option(names = "--sums", paramLabel = "FILE",
            description = "sha256sum-style list of the files to fetch, for a data set vecnn does not know; needs --mirror")
    Path sums;

    @Mixin
    OutputOptions output;

    /** The --json document: where the verified files are, and for each whether it was fetched and from where. */
    private record Report(String dataset, Path directory, List<FileResult> files) {}

    private record FileResult(String name, long bytes, String sha256, boolean downloaded, String from) {}

    @Override
    public Integer call() throws IOException {
        for (URI mirror : mirrors) {
            String bad = DownloadAdvice.badScheme(mirror);
            if (bad != null) throw Usage.error(spec, bad);
        }
        List<RemoteFile> files;
        List<URI> from;
        String id;
        if (sums != null) {
            if (mirrors.isEmpty()) throw Usage.error(spec, "--sums needs --mirror: where should the listed files come from?");
            if (!dataset.matches("[A-Za-z0-9._-]+") || dataset.matches("\\.+"))
                throw Usage.error(spec, "'" + dataset + "' cannot name a cache directory: use letters, digits, '.', '_' and '-'");
            files = ChecksumList.read(sums);
            from = mirrors;
            id = dataset;
        } else {
            KnownDataset known;
            try {
                known = KnownDataset.named(dataset);
            } catch (IllegalArgumentException e) {
                throw Usage.error(spec, e.getMessage() + ", or any MNIST-layout set with --mirror URL --sums SHA256SUMS");
            }
            files = known.files();
            from = mirrors.isEmpty() ? known.mirrors() : mirrors;
            id = known.id();
        }
        Path directory = (cache == null ? Downloader.defaultCache() : cache).resolve(id);
        PrintWriter out = spec.commandLine().getOut();
        TransferDisplay display = new TransferDisplay(spec.commandLine().getErr(), System.console() != null);
        List<FileResult> results = new ArrayList<>();
        List<Downloader.Result> fetched;
        try {
            fetched = Downloader.download(from, files, directory, display);
        } catch (IOException e) {
            display.clear();
            removeIfEmpty(directory);
            throw new UserError(e.getMessage() + "; " + DownloadAdvice.nextStep(id, from, e.getMessage()), e);
        }
        for (Downloader.Result r : fetched) {
            display.clear();
            boolean downloaded = r.outcome() == Downloader.Outcome.DOWNLOADED;
            long bytes = r.path().toFile().length();
            results.add(new FileResult(r.file().name(), bytes, r.file().sha256(), downloaded,
                    downloaded ? r.from().toString() : null));
            if (!output.json)
                out.printf(Locale.ROOT, "%-28s %10s  %s%n", r.file().name(), TransferDisplay.megabytes(bytes),
                        downloaded ? "downloaded from " + r.from() : "already present");
        }
        if (output.json) Json.print(out, new Report(id, directory, results));
        else out.printf(Locale.ROOT, "%d files verified (SHA-256) in %s%nuse: --data %s%n", files.size(), directory, directory);
        return 0;
    }

    /** A download that failed before its first file leaves no empty cache directory behind. */
    private static void removeIfEmpty(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) return;
        try (var entries = Files.list(directory)) {
            if (entries.findAny().isEmpty()) Files.delete(directory);
        }
    }

    /** On a terminal, one self-overwriting line per file: name and megabytes so far. */
    private static final class TransferDisplay implements Downloader.Progress {
        private final PrintWriter err;
        private final boolean live;
        private long shown = -1;

        TransferDisplay(PrintWriter err, boolean live) {
            this.err = err;
            this.live = live;
        }

        @Override
        public void update(RemoteFile file, long bytesDone) {
            if (!live || bytesDone - shown < 1 << 20 && shown >= 0) return;
            shown = bytesDone;
            String total = file.sizeKnown() ? " of " + megabytes(file.size()) : "";
            err.print("\r" + file.name() + "  " + megabytes(bytesDone) + total + "   ");
            err.flush();
        }

        void clear() {
            if (live && shown >= 0) {
                err.print("\r\033[K");
                err.flush();
            }
            shown = -1;
        }

        static String megabytes(long bytes) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
    }
}
