package dev.vecnn.engine.data;

import dev.vecnn.engine.io.BadFileException;

/** Pairs an IDX images file (count x rows x columns) with its IDX labels file (count). */
public final class IdxDataset {
    private IdxDataset() {}

    public static Dataset pair(String name, IdxFile images, IdxFile labels, int classes) throws BadFileException {
        if (images.rank() != 3)
            throw new BadFileException(images.source(), "an images file must have rank 3 (count x rows x columns), this one is "
                    + images.shape());
        if (labels.rank() != 1)
            throw new BadFileException(labels.source(), "a labels file must have rank 1 (count), this one is " + labels.shape());
        if (images.dimension(0) != labels.dimension(0))
            throw new BadFileException(images.source(), "holds " + images.dimension(0) + " images but "
                    + labels.source() + " holds " + labels.dimension(0) + " labels");
        byte[] labelBytes = labels.data();
        for (int i = 0; i < labelBytes.length; i++)
            if ((labelBytes[i] & 0xFF) >= classes)
                throw new BadFileException(labels.source(), "label " + (labelBytes[i] & 0xFF) + " at index " + i
                        + " is outside 0.." + (classes - 1));
        return new Dataset(name, 1, images.dimension(1), images.dimension(2), classes, images.data(), labelBytes);
    }
}
