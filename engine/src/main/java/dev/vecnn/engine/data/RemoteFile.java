package dev.vecnn.engine.data;

/**
 * A file to download: its name on the mirror and in the cache, its size in bytes ({@link #UNKNOWN_SIZE}
 * when only the sum is known) and its SHA-256 in lower-case hex.
 */
public record RemoteFile(String name, long size, String sha256) {
    public static final long UNKNOWN_SIZE = -1;

    public RemoteFile {
        if (!sha256.matches("[0-9a-f]{64}"))
            throw new IllegalArgumentException(name + ": '" + sha256 + "' is not a SHA-256 in hex");
    }

    public boolean sizeKnown() { return size >= 0; }
}
