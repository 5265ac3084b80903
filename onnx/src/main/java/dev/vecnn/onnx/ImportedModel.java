package dev.vecnn.onnx;

import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.Checkpoint;

import java.util.List;
import java.util.Map;

/**
 * A network read from ONNX, and notes on where it came from (the file, its producer, its opset),
 * kept among the model file's options.
 */
public record ImportedModel(Model model, Map<String, String> notes) {
    /** The name a model file gives the optimiser of an imported network: none has trained it in vecnn. */
    public static final String NO_OPTIMIZER = "none";

    public ImportedModel {
        notes = Map.copyOf(notes);
    }

    /**
     * What its {@code .vecnn} file holds: the network, its tensors, no optimiser state, no epochs
     * trained. {@code eval}, {@code predict}, {@code summary} and {@code train --init} read it.
     */
    public ModelFile.Contents contents() {
        Checkpoint checkpoint = new Checkpoint(model.spec(), model.input(), model.classes(), model.copyTensors(),
                NO_OPTIMIZER, List.of(), 0, 0, 0);
        return checkpoint.toContents(notes);
    }
}
