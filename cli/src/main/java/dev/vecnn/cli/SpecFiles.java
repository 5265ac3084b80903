package dev.vecnn.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads {@code --spec-file}: a network spec in a UTF-8 text file (it may span lines and hold # comments). */
final class SpecFiles {
    private SpecFiles() {}

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new UserError(file + ": not a UTF-8 text file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read it (" + e.getMessage() + ")");
        }
    }
}
