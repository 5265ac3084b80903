package dev.vecnn.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files through Hadoop's FileSystem API, so {@code file:}, {@code hdfs:} and {@code s3a:} URIs all
 * work (a path without a scheme is the file system's default, local in local mode). The engine
 * reads and writes local files; this copies between the two. The driver's {@code spark.hadoop.*}
 * settings travel with it to the executors, as Spark's own Hadoop configuration takes them.
 */
public final class HadoopFiles implements Serializable {
    private static final String PREFIX = "spark.hadoop.";
    /** Data directories already copied to this JVM's local disk, by URI. */
    private static final Map<String, java.nio.file.Path> LOCAL_DATA = new ConcurrentHashMap<>();

    private final Map<String, String> settings;
    private transient Configuration configuration;

    private HadoopFiles(Map<String, String> settings) {
        this.settings = settings;
    }

    /** The files as {@code conf}'s {@code spark.hadoop.*} settings configure them. */
    public static HadoopFiles of(SparkConf conf) {
        Map<String, String> settings = new HashMap<>();
        for (var entry : conf.getAllWithPrefix(PREFIX)) settings.put(entry._1(), entry._2());
        return new HadoopFiles(settings);
    }

    private Configuration configuration() {
        if (configuration == null) {
            Configuration c = new Configuration();
            settings.forEach(c::set);
            configuration = c;
        }
        return configuration;
    }

    private FileSystem fs(Path path) throws IOException { return path.getFileSystem(configuration()); }

    public boolean exists(String uri) throws IOException {
        Path path = new Path(uri);
        return fs(path).exists(path);
    }

    public boolean isDirectory(String uri) throws IOException {
        Path path = new Path(uri);
        return fs(path).getFileStatus(path).isDirectory();
    }

    /** {@code child} inside the directory {@code uri}. */
    public static String resolve(String uri, String child) { return new Path(new Path(uri), child).toString(); }

    public String readText(String uri) throws IOException {
        Path path = new Path(uri);
        try (var in = fs(path).open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Writes {@code text} to {@code uri} under a temporary name and renames it, so a reader never
     * sees half a file (on object stores, where a rename is a copy, the file appears when complete all the same).
     */
    public void writeText(String uri, String text) throws IOException {
        Path path = new Path(uri);
        FileSystem fs = fs(path);
        Path temporary = new Path(path.getParent(), "." + path.getName() + ".tmp");
        try (FSDataOutputStream out = fs.create(temporary, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        fs.delete(path, false);
        if (!fs.rename(temporary, path)) throw new IOException("cannot rename " + temporary + " to " + path);
    }

    /** Replaces the directory {@code uri} by a copy of the local directory {@code local} (its regular files). */
    public void uploadDirectory(java.nio.file.Path local, String uri) throws IOException {
        Path target = new Path(uri);
        FileSystem fs = fs(target);
        fs.delete(target, true);
        fs.mkdirs(target);
        try (var files = Files.list(local)) {
            for (java.nio.file.Path file : files.filter(Files::isRegularFile).sorted().toList())
                fs.copyFromLocalFile(false, true, new Path(file.toUri()), new Path(target, file.getFileName().toString()));
        }
    }

    /** Replaces {@code uri} by a copy of the local file {@code local}, under a temporary name first and renamed, as {@link #writeText} does. */
    public void uploadReplacing(java.nio.file.Path local, String uri) throws IOException {
        Path target = new Path(uri);
        FileSystem fs = fs(target);
        Path temporary = new Path(target.getParent(), "." + target.getName() + ".tmp");
        fs.copyFromLocalFile(false, true, new Path(local.toUri()), temporary);
        fs.delete(target, false);
        if (!fs.rename(temporary, target)) throw new IOException("cannot rename " + temporary + " to " + target);
    }

    /** Copies {@code uri} to the local file {@code local}. */
    public void download(String uri, java.nio.file.Path local) throws IOException {
        Path source = new Path(uri);
        fs(source).copyToLocalFile(false, source, new Path(local.toUri()), true);
    }

    /**
     * The data directory {@code uri} as a local directory the engine can read: itself when it is
     * local, else a copy of its files made once per JVM (executors read it once, however many
     * runs they train).
     */
    public java.nio.file.Path localData(String uri) throws IOException {
        Path path = new Path(uri);
        FileSystem fs = fs(path);
        if (fs.getScheme().equals("file")) return java.nio.file.Path.of(fs.makeQualified(path).toUri());
        try {
            return LOCAL_DATA.computeIfAbsent(fs.makeQualified(path).toString(), key -> {
                try {
                    java.nio.file.Path local = Files.createTempDirectory("vecnn-data-");
                    local.toFile().deleteOnExit();
                    for (FileStatus file : fs.listStatus(path))
                        if (file.isFile()) {
                            java.nio.file.Path copy = local.resolve(file.getPath().getName());
                            fs.copyToLocalFile(false, file.getPath(), new Path(copy.toUri()), true);
                            copy.toFile().deleteOnExit();
                        }
                    return local;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
