package dev.vecnn.engine.data;

import dev.vecnn.engine.io.BadFileException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A list of files to download in the format {@code sha256sum} writes and checks: one
 * {@code <64 hex digits>  <file name>} per line (a {@code *} before the name marks binary mode).
 * It lets {@code vecnn download} fetch any MNIST-layout set from any mirror, verified all the same.
 */
public final class ChecksumList {
    private ChecksumList() {}

    public static List<RemoteFile> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (CharacterCodingException e) {
            throw new BadFileException(file.toString(), "not a text file", e);
        } catch (IOException e) {
            throw BadFileException.unreadable(file, e);
        }
        List<RemoteFile> files = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] parts = line.split("\\s+", 2);
            String sum = parts[0].toLowerCase(Locale.ROOT);
            if (parts.length < 2 || !sum.matches("[0-9a-f]{64}"))
                throw new BadFileException(file.toString(), "line " + (i + 1) + " is not '<sha256>  <file name>': " + line);
            String name = parts[1].startsWith("*") ? parts[1].substring(1) : parts[1];
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..") || name.equals("."))
                throw new BadFileException(file.toString(), "line " + (i + 1) + " names '" + name
                        + "': only plain file names are allowed");
            files.add(new RemoteFile(name, RemoteFile.UNKNOWN_SIZE, sum));
        }
        if (files.isEmpty()) throw new BadFileException(file.toString(), "lists no files");
        return files;
    }
}
