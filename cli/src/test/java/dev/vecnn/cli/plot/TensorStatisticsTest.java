package dev.vecnn.cli.plot;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.io.BadFileException;
import dev.vecnn.engine.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorStatisticsTest {
    @TempDir
    Path dir;

    private static final Model MODEL = Model.build("conv(2,3) relu flatten dense(3)", new Shape(1, 4, 4), 1);

    @Test
    void everyParameterGetsItsSpreadAndGradientNorm() {
        float[][] gradients = new float[4][];
        for (int p = 0; p < 4; p++) gradients[p] = new float[MODEL.parameters().get(p).size()];
        gradients[0][0] = 3;
        gradients[0][1] = -4;
        List<TensorStatistics> rows = TensorStatistics.of(2, MODEL, gradients);
        assertEquals(List.of("1.conv.weight", "1.conv.bias", "4.dense.weight", "4.dense.bias"),
                rows.stream().map(TensorStatistics::tensor).toList());
        assertEquals("1.conv", rows.get(0).layer());
        assertEquals(5, rows.get(0).gradientNorm(), 1e-12);
        assertEquals(3, rows.get(0).gradients().min());
        assertEquals(0, rows.get(1).gradientNorm());
        assertFalse(rows.get(1).gradients().known(), "an all-zero gradient has no magnitudes to spread");
        assertEquals(18, rows.get(0).count());
        float[] weights = MODEL.parameters().get(0).data();
        float max = Float.NEGATIVE_INFINITY;
        for (float w : weights) max = Math.max(max, w);
        assertEquals(max, rows.get(0).weights().max());
        assertTrue(Double.isNaN(TensorStatistics.of(1, MODEL, null).get(0).gradientNorm()));
    }

    /** Values are written with 6 significant digits; NaN (no gradient) as an empty cell. */
    private static void assertClose(List<TensorStatistics> expected, List<TensorStatistics> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            TensorStatistics e = expected.get(i), a = actual.get(i);
            assertEquals(e.epoch(), a.epoch());
            assertEquals(e.tensor(), a.tensor());
            assertEquals(e.count(), a.count());
            double[] ev = concat(e), av = concat(a);
            for (int j = 0; j < ev.length; j++)
                assertEquals(ev[j], av[j], Double.isNaN(ev[j]) ? 0 : 1e-5 * Math.abs(ev[j]), e.tensor() + " value " + j);
        }
    }

    private static double[] concat(TensorStatistics s) {
        double[] w = s.weights().toArray(), g = s.gradients().toArray(), all = new double[15];
        System.arraycopy(w, 0, all, 0, 7);
        all[7] = s.gradientNorm();
        System.arraycopy(g, 0, all, 8, 7);
        return all;
    }

    @Test
    void theCsvReadsBackWhatItWroteUpToAnEpoch() throws IOException {
        List<TensorStatistics> rows = new ArrayList<>();
        float[][] gradients = new float[4][];
        for (int p = 0; p < 4; p++) {
            gradients[p] = new float[MODEL.parameters().get(p).size()];
            for (int i = 0; i < gradients[p].length; i++) gradients[p][i] = (i % 3 - 1) * 0.25f * (p + 1);
        }
        rows.addAll(TensorStatistics.of(1, MODEL, gradients));
        rows.addAll(TensorStatistics.of(2, MODEL, null));
        Path file = dir.resolve(TensorStatisticsCsv.FILE);
        TensorStatisticsCsv.write(file, rows);
        assertClose(rows, TensorStatisticsCsv.read(file, 2));
        assertClose(rows.subList(0, 4), TensorStatisticsCsv.read(file, 1));
        assertEquals(List.of(), TensorStatisticsCsv.read(dir.resolve("none.csv"), 5));
        Files.writeString(file, "epoch,something else\n1,2\n");
        assertThrows(BadFileException.class, () -> TensorStatisticsCsv.read(file, 2));
        Files.writeString(file, TensorStatisticsCsv.HEADER + "\n1,x,2\n");
        assertThrows(BadFileException.class, () -> TensorStatisticsCsv.read(file, 2));
    }
}
