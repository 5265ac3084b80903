package dev.vecnn.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vecnn-spark sweep}: every run of a grid as one Spark task that trains with the engine on
 * {@code spark.task.cpus} threads and writes {@code out/<run-id>/}; the driver gathers their
 * results into {@code out/results.csv} and {@code results.json}. Runs whose directory already
 * holds a result are not trained again, so a sweep that was interrupted continues where it stood.
 */
public final class Sweep {
    public static final String CSV = "results.csv", JSON = "results.json";

    private Sweep() {}

    /** Runs the sweep of the grid file {@code grid} on {@code data} (null: the bundled sample) into {@code out}. */
    public static ResultsTable run(SparkSession spark, String grid, String data, String out, PrintStream log) throws IOException {
        HadoopFiles files = HadoopFiles.of(spark.sparkContext().getConf());
        if (!files.exists(grid)) throw new UserError("no grid file " + grid);
        Grid parsed = Grid.parse(grid, files.readText(grid));
        if (data != null && !(files.exists(data) && files.isDirectory(data)))
            throw new UserError("no data directory " + data);
        List<Grid.Run> runs = parsed.runs();
        List<RunResult> results = new ArrayList<>();
        List<Grid.Run> pending = new ArrayList<>();
        for (Grid.Run run : runs) {
            String result = HadoopFiles.resolve(HadoopFiles.resolve(out, run.id()), RunTraining.RESULT);
            if (files.exists(result)) results.add(RunResult.fromJsonText(result, files.readText(result)));
            else pending.add(run);
        }
        log.printf("vecnn-spark: %d runs, %d finished already, %d to train, one Spark task each%n", runs.size(),
                results.size(), pending.size());
        if (!pending.isEmpty()) {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            context.setJobDescription("vecnn sweep of " + grid);
            results.addAll(context.parallelize(pending, pending.size()).map(run -> {
                try {
                    return RunTraining.run(run, data, out, files, TaskContext.get().cpus());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).collect());
        }
        ResultsTable table = new ResultsTable(parsed.options(), results);
        files.writeText(HadoopFiles.resolve(out, CSV), table.csv());
        files.writeText(HadoopFiles.resolve(out, JSON), table.json());
        return table;
    }
}
