package dev.vecnn.engine.data;

/** A file to download: its name on the mirror and in the cache, its size and its SHA-256 (hex). */
public record RemoteFile(String name, long size, String sha256) {}
