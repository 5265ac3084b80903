package dev.vecnn.engine.data;

import dev.vecnn.engine.io.BadFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChecksumListTest {
    @TempDir
    Path dir;

    private static final String SUM = "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609";

    @Test
    void readsSha256sumOutput() throws IOException {
        Path file = Files.writeString(dir.resolve("SHA256SUMS"), "# mirror sums\n" + SUM + "  train-images-idx3-ubyte.gz\n\n"
                + SUM.toUpperCase() + " *t10k-labels-idx1-ubyte.gz\n");
        assertEquals(List.of(new RemoteFile("train-images-idx3-ubyte.gz", RemoteFile.UNKNOWN_SIZE, SUM),
                        new RemoteFile("t10k-labels-idx1-ubyte.gz", RemoteFile.UNKNOWN_SIZE, SUM)),
                ChecksumList.read(file));
    }

    @Test
    void refusesWhatItCannotTrust() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad"), SUM + "  a\nabc  b\n");
        assertEquals(bad + ": line 2 is not '<sha256>  <file name>': abc  b",
                assertThrows(BadFileException.class, () -> ChecksumList.read(bad)).getMessage());
        Path escape = Files.writeString(dir.resolve("escape"), SUM + "  ../etc/passwd\n");
        assertEquals(escape + ": line 1 names '../etc/passwd': only plain file names are allowed",
                assertThrows(BadFileException.class, () -> ChecksumList.read(escape)).getMessage());
        Path binary = Files.write(dir.resolve("binary"), new byte[] {(byte) 0xC3, 0x28, 0x1f, (byte) 0x8b});
        assertEquals(binary + ": not a text file", assertThrows(BadFileException.class, () -> ChecksumList.read(binary)).getMessage());
        Path empty = Files.writeString(dir.resolve("empty"), "# nothing\n");
        assertEquals(empty + ": lists no files", assertThrows(BadFileException.class, () -> ChecksumList.read(empty)).getMessage());
    }
}
