package dev.vecnn.onnx;

/**
 * ONNX Reshape's target dimensions (0 copies the input's dimension unless {@code allowzero}, -1 is
 * inferred) over dimensions that may hold the symbolic batch size: vecnn reads a reshape only
 * where the batch stays a dimension of its own.
 */
final class Reshapes {
    private Reshapes() {}

    static long[] target(NodeView n, long[] in, long[] shape, boolean allowZero) {
        long[] out = new long[shape.length];
        int inferred = -1;
        for (int i = 0; i < shape.length; i++) {
            long s = shape[i];
            if (s == Constant.BATCH) out[i] = Constant.BATCH;
            else if (s == 0 && !allowZero) {
                if (i >= in.length) throw n.error("target " + ConstantFolding.show(shape) + " copies dimension " + i
                        + " of a rank-" + in.length + " input");
                out[i] = in[i];
            } else if (s == -1) {
                if (inferred >= 0) throw n.error("target " + ConstantFolding.show(shape) + " has two -1 dimensions");
                inferred = i;
            } else if (s < 0) {
                throw n.error("target " + ConstantFolding.show(shape) + " has a negative dimension");
            } else {
                out[i] = s;
            }
        }
        long inKnown = 1, outKnown = 1;
        int inBatch = 0, outBatch = 0;
        for (long d : in) if (d == Constant.BATCH) inBatch++; else inKnown *= d;
        for (int i = 0; i < out.length; i++)
            if (i == inferred) continue;
            else if (out[i] == Constant.BATCH) outBatch++;
            else outKnown *= out[i];
        if (inferred >= 0) {
            if (outKnown == 0 || inKnown % outKnown != 0 || inBatch - outBatch > 1 || inBatch < outBatch
                    || (inBatch > outBatch && inKnown != outKnown))
                throw n.error("cannot reshape " + ConstantFolding.show(in) + " to " + ConstantFolding.show(shape)
                        + " with the batch size kept apart");
            out[inferred] = inBatch > outBatch ? Constant.BATCH : inKnown / outKnown;
        } else if (inKnown != outKnown || inBatch != outBatch) {
            throw n.error("cannot reshape " + ConstantFolding.show(in) + " to " + ConstantFolding.show(shape)
                    + " with the batch size kept apart");
        }
        return out;
    }
}
