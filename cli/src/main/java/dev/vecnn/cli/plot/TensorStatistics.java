package dev.vecnn.cli.plot;

import dev.vecnn.engine.model.Model;

import java.util.ArrayList;
import java.util.List;

/**
 * One parameter tensor after an epoch: the spread of its values; and, from the epoch's last
 * training step, its gradient's L2 norm and the spread of the gradient's nonzero magnitudes (NaN
 * and {@link Spread#NONE} where no gradient was kept, e.g. for a model read from a file).
 * {@code tensor} is the model's name for it ({@code 1.conv.weight}).
 */
record TensorStatistics(int epoch, String tensor, int count, Spread weights, double gradientNorm, Spread gradients) {
    /** Every parameter of {@code model} after {@code epoch}; {@code gradients} in parameter order, or null. */
    static List<TensorStatistics> of(int epoch, Model model, float[][] gradients) {
        List<TensorStatistics> all = new ArrayList<>();
        List<String> names = model.tensorNames();
        for (int p = 0; p < model.parameters().size(); p++) {
            float[] values = model.parameters().get(p).data();
            double norm = Double.NaN;
            Spread spread = Spread.NONE;
            if (gradients != null) {
                double squares = 0;
                for (float g : gradients[p]) squares += (double) g * g;
                norm = Math.sqrt(squares);
                spread = Spread.ofMagnitudes(gradients[p]);
            }
            all.add(new TensorStatistics(epoch, names.get(p), values.length, Spread.ofValues(values), norm, spread));
        }
        return all;
    }

    /** The layer part of the name: {@code 1.conv} of {@code 1.conv.weight}. */
    String layer() { return tensor.substring(0, tensor.lastIndexOf('.')); }
}
