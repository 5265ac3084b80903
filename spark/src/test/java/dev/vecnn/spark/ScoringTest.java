package dev.vecnn.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vecnn.engine.data.DataSource;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.Checkpoint;
import dev.vecnn.engine.train.Evaluator;
import dev.vecnn.kernels.Kernels;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Scoring the bundled sample's 1,000 test digits on local[2] gives vecnn eval's predictions, from either kind of image column. */
class ScoringTest {
    @TempDir
    static Path dir;
    private static Path model;
    private static Dataset test;

    @BeforeAll
    static void train() throws Exception {
        Path run = dir.resolve("run");
        VecnnCli.run("train", "--limit", "400", "--epochs", "1", "--spec", "conv(4,3) relu maxpool(2) flatten dense(10)",
                "--threads", "1", "--no-plots", "--out", run.toString());
        model = run.resolve("best.vecnn");
        test = DataSource.bundledSample().test();
    }

    @Test
    void predictionsAreVecnnEvals() throws Exception {
        JsonNode eval = new ObjectMapper().readTree(VecnnCli.run("eval", "--model", model.toString(), "--json"));
        List<Row> scored = Scoring.score(images(false), model.toUri().toString(), "image").orderBy("index").collectAsList();

        int classes = test.classes();
        int[][] confusion = new int[classes][classes];
        for (Row row : scored) confusion[row.getInt(1)][row.getInt(row.fieldIndex(Scoring.PREDICTION))]++;
        for (int a = 0; a < classes; a++) {
            int[] expected = new int[classes];
            for (int p = 0; p < classes; p++) expected[p] = eval.get("confusion").get(a).get(p).asInt();
            assertArrayEquals(expected, confusion[a], "confusion matrix row " + a);
        }
        // The probabilities themselves are the engine's, bit for bit, whatever the batches.
        Model m = Checkpoint.of(model.toString(), ModelFile.read(model)).model();
        float[][] expected;
        try (Evaluator evaluator = new Evaluator(m, Kernels.named(Kernels.SIMD), 1)) {
            expected = evaluator.probabilities(test);
        }
        for (Row row : scored) {
            List<Float> p = row.getList(row.fieldIndex(Scoring.PROBABILITIES));
            float[] actual = new float[p.size()];
            for (int c = 0; c < actual.length; c++) actual[c] = p.get(c);
            assertArrayEquals(expected[row.getInt(0)], actual, "image " + row.getInt(0));
        }
    }

    @Test
    void anArrayColumnScoresAsTheBytes() {
        List<Row> bytes = Scoring.score(images(false), model.toUri().toString(), "image").orderBy("index").collectAsList();
        List<Row> floats = Scoring.score(images(true), model.toUri().toString(), "image").orderBy("index").collectAsList();
        for (int i = 0; i < bytes.size(); i++)
            assertEquals(bytes.get(i).getInt(3), floats.get(i).getInt(3), "image " + i);
    }

    @Test
    void aNullImageScoresAsNullsAndABadColumnIsRefused() {
        StructType schema = new StructType().add("image", DataTypes.BinaryType, true);
        List<Row> rows = Scoring.score(LocalSpark.session().createDataFrame(List.of(RowFactory.create((Object) null)), schema),
                model.toUri().toString(), "image").collectAsList();
        assertNull(rows.get(0).get(1));
        assertThrows(IllegalArgumentException.class, () -> Scoring.score(images(false), model.toUri().toString(), "label"));
        assertThrows(IllegalArgumentException.class, () -> Scoring.score(images(false), model.toUri().toString(), "picture"));
    }

    /** The test digits as rows (index, label, image): the image as bytes, or as floats in [0, 1]. */
    private static org.apache.spark.sql.Dataset<Row> images(boolean asFloats) {
        StructType schema = new StructType().add("index", DataTypes.IntegerType, false).add("label", DataTypes.IntegerType, false)
                .add("image", asFloats ? DataTypes.createArrayType(DataTypes.FloatType, false) : DataTypes.BinaryType, false);
        List<Row> rows = new ArrayList<>();
        int size = test.imageSize();
        for (int i = 0; i < test.count(); i++) {
            byte[] pixels = java.util.Arrays.copyOfRange(test.pixels(), i * size, (i + 1) * size);
            Object image = pixels;
            if (asFloats) {
                Float[] values = new Float[size];
                for (int j = 0; j < size; j++) values[j] = (pixels[j] & 0xFF) / 255f;
                image = values;
            }
            rows.add(RowFactory.create(i, test.label(i), image));
        }
        return LocalSpark.session().createDataFrame(rows, schema).repartition(3);
    }
}
