package dev.vecnn.engine.train;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;

/** Checks that a dataset fits a model before any work starts, with a message a user can act on. */
final class DataCheck {
    private DataCheck() {}

    static void fits(Model model, Dataset data) {
        Shape input = model.input();
        if (data.channels() != input.channels() || data.height() != input.height() || data.width() != input.width())
            throw new IllegalArgumentException(data.name() + " holds "
                    + new Shape(data.channels(), data.height(), data.width()) + " images but the network takes " + input);
        if (data.classes() != model.classes())
            throw new IllegalArgumentException(data.name() + " has " + data.classes() + " classes but the network outputs "
                    + model.classes());
        if (data.count() == 0) throw new IllegalArgumentException(data.name() + " holds no images");
    }
}
