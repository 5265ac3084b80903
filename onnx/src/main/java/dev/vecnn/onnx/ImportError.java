package dev.vecnn.onnx;

/**
 * What makes an ONNX file unusable for vecnn, in words, raised deep in the import and turned into
 * one {@link dev.vecnn.engine.io.BadFileException} naming the file where the import starts.
 */
final class ImportError extends RuntimeException {
    ImportError(String problem) {
        super(problem);
    }
}
