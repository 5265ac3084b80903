package dev.vecnn.onnx;

import dev.vecnn.engine.Shape;

/**
 * The value flowing down an imported chain of layers: its name in the graph, its vecnn shape per
 * sample, whether ONNX holds it as an image (N x C x H x W) or flat (N x features), and the batch
 * size ({@link Constant#BATCH} when the file leaves it dynamic).
 */
record Activation(String name, Shape shape, boolean image, long batch) {
    /** Its ONNX dimensions. */
    long[] dims() {
        return image ? new long[] {batch, shape.channels(), shape.height(), shape.width()}
                : new long[] {batch, shape.size()};
    }

    Activation to(String newName, Shape newShape, boolean newImage) {
        return new Activation(newName, newShape, newImage, batch);
    }

    String describe() {
        return image ? shape.channels() + "x" + shape.height() + "x" + shape.width() + " image" : shape.size() + " features";
    }
}
