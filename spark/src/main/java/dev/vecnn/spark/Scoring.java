package dev.vecnn.spark;

import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.data.ImageInput;
import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.Checkpoint;
import dev.vecnn.engine.train.Evaluator;
import dev.vecnn.kernels.Kernels;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Batch scoring of a {@code Dataset<Row>} of images with a vecnn model, for spark-shell and
 * spark-submit jobs:
 * <pre>
 *   Dataset&lt;Row&gt; scored = Scoring.score(images, "hdfs:///models/best.vecnn", "image");
 * </pre>
 * adds {@code prediction} (int, the most probable class) and {@code probabilities}
 * (array&lt;float&gt;, one per class) to every row. The image column holds either binary data, the
 * image's pixels as the model takes them (channels x height x width bytes, row-major, as MNIST's
 * files hold them) or an image file (PNG, JPEG...: read as {@code vecnn predict --image} reads one),
 * or an array of numbers, the pixels scaled to [0, 1] (kept to 1/255 steps, as the data sets hold
 * them). A null image scores as nulls. Each executor reads the model file once; each partition
 * runs the engine's inference plan (the simd kernels) on {@code spark.task.cpus} threads in
 * batches of {@link Evaluator#BATCH} images.
 */
public final class Scoring {
    public static final String PREDICTION = "prediction", PROBABILITIES = "probabilities";
    /** Model files already read by this JVM, by URI: an executor reads each once, however many tasks it runs. */
    private static final Map<String, Checkpoint> MODELS = new ConcurrentHashMap<>();

    private Scoring() {}

    /** {@code images} with the predicted class and the class probabilities of the model at {@code modelUri}. */
    public static org.apache.spark.sql.Dataset<Row> score(org.apache.spark.sql.Dataset<Row> images, String modelUri,
                                                          String imageColumn) {
        return score(images, modelUri, imageColumn, Kernels.SIMD);
    }

    /** As {@link #score(org.apache.spark.sql.Dataset, String, String)}, with the kernels named (simd or reference). */
    public static org.apache.spark.sql.Dataset<Row> score(org.apache.spark.sql.Dataset<Row> images, String modelUri,
                                                          String imageColumn, String kernels) {
        StructType schema = images.schema();
        int column = List.of(schema.fieldNames()).indexOf(imageColumn);
        if (column < 0) throw new IllegalArgumentException("no column '" + imageColumn + "' in " + schema.simpleString());
        DataType type = schema.fields()[column].dataType();
        if (!(type instanceof BinaryType) && !(type instanceof ArrayType a && a.elementType() instanceof NumericType))
            throw new IllegalArgumentException("column '" + imageColumn + "' is " + type.simpleString()
                    + ": scoring takes binary (pixels or an image file) or an array of numbers");
        if (!kernels.equals(Kernels.SIMD) && !kernels.equals(Kernels.REFERENCE))
            throw new IllegalArgumentException("kernels must be simd or reference, not '" + kernels + "'");
        for (String name : List.of(PREDICTION, PROBABILITIES))
            if (List.of(schema.fieldNames()).contains(name))
                throw new IllegalArgumentException("the images already have a column '" + name + "'");
        StructType scoredSchema = schema.add(PREDICTION, DataTypes.IntegerType, true)
                .add(PROBABILITIES, DataTypes.createArrayType(DataTypes.FloatType, false), true);
        HadoopFiles files = HadoopFiles.of(images.sparkSession().sparkContext().getConf());
        MapPartitionsFunction<Row, Row> scorer = rows -> new Batches(rows, model(files, modelUri),
                Kernels.named(kernels), TaskContext.get() == null ? 1 : TaskContext.get().cpus(), column);
        return images.mapPartitions(scorer, Encoders.row(scoredSchema));
    }

    /** The model file at {@code uri}, read once per JVM. */
    static Checkpoint model(HadoopFiles files, String uri) {
        return MODELS.computeIfAbsent(uri, key -> {
            try {
                Path local = Files.createTempFile("vecnn-model-", ".vecnn");
                try {
                    files.download(uri, local);
                    return Checkpoint.of(uri, ModelFile.read(local));
                } finally {
                    Files.deleteIfExists(local);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A partition's rows, scored a batch at a time as they are read, so a partition's memory stays one batch. */
    private static final class Batches implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final Model model;
        private final Evaluator evaluator;
        private final int column;
        private final int size;
        private final List<Row> scored = new ArrayList<>();
        private int next;

        Batches(Iterator<Row> rows, Checkpoint checkpoint, Kernels kernels, int threads, int column) {
            this.rows = rows;
            this.model = checkpoint.model();
            this.evaluator = new Evaluator(model, kernels, threads);
            this.column = column;
            this.size = model.input().channels() * model.input().height() * model.input().width();
            TaskContext task = TaskContext.get();
            if (task != null) task.addTaskCompletionListener((TaskCompletionListener) context -> evaluator.close());
        }

        @Override
        public boolean hasNext() {
            if (next < scored.size()) return true;
            if (!rows.hasNext()) {
                if (TaskContext.get() == null) evaluator.close();
                return false;
            }
            scoreBatch();
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) throw new NoSuchElementException();
            return scored.get(next++);
        }

        private void scoreBatch() {
            List<Row> batch = new ArrayList<>(Evaluator.BATCH);
            while (batch.size() < Evaluator.BATCH && rows.hasNext()) batch.add(rows.next());
            byte[] pixels = new byte[batch.size() * size];
            boolean[] present = new boolean[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                Row row = batch.get(i);
                if (row.isNullAt(column)) continue;
                present[i] = true;
                pixels(row, pixels, i * size);
            }
            var input = model.input();
            float[][] probabilities = evaluator.probabilities(new Dataset("scored images", input.channels(), input.height(),
                    input.width(), Math.max(2, model.classes()), pixels, new byte[batch.size()]));
            scored.clear();
            next = 0;
            for (int i = 0; i < batch.size(); i++) {
                Row row = batch.get(i);
                Object[] values = new Object[row.length() + 2];
                for (int c = 0; c < row.length(); c++) values[c] = row.get(c);
                if (present[i]) {
                    float[] p = probabilities[i];
                    int best = 0;
                    for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
                    values[row.length()] = best;
                    Float[] boxed = new Float[p.length];
                    for (int c = 0; c < p.length; c++) boxed[c] = p[c];
                    values[row.length() + 1] = boxed;
                }
                scored.add(RowFactory.create(values));
            }
        }

        /** The row's image as the bytes a data set holds, into dst at offset. */
        private void pixels(Row row, byte[] dst, int offset) {
            Object value = row.get(column);
            var input = model.input();
            if (value instanceof byte[] bytes) {
                if (bytes.length == size) {
                    System.arraycopy(bytes, 0, dst, offset, size);
                    return;
                }
                float[] decoded = decode(bytes, input.channels(), input.height(), input.width());
                for (int i = 0; i < size; i++) dst[offset + i] = toByte(decoded[i]);
                return;
            }
            List<Object> values = row.getList(column);
            if (values.size() != size)
                throw new IllegalArgumentException("an image of " + values.size() + " values; the model takes " + input
                        + " = " + size);
            for (int i = 0; i < size; i++) {
                Object v = values.get(i);
                if (v == null) throw new IllegalArgumentException("an image with a null pixel");
                dst[offset + i] = toByte(((Number) v).floatValue());
            }
        }

        private static float[] decode(byte[] file, int channels, int height, int width) {
            if (channels != 1)
                throw new IllegalArgumentException("an image of " + file.length + " bytes is not " + channels + "x" + height + "x"
                        + width + " pixels, and image files are read for one-channel models only");
            BufferedImage image;
            try {
                image = ImageIO.read(new ByteArrayInputStream(file));
            } catch (IOException e) {
                throw new IllegalArgumentException("an unreadable image file: " + e.getMessage());
            }
            if (image == null)
                throw new IllegalArgumentException("an image of " + file.length + " bytes that is neither " + height + "x" + width
                        + " pixels nor an image file Java reads (PNG, JPEG, GIF, BMP)");
            return ImageInput.toInput(image, height, width);
        }

        private static byte toByte(float v) {
            return (byte) Math.round(Math.min(1f, Math.max(0f, v)) * 255f);
        }
    }
}
