package dev.vecnn.spark;

import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code vecnn-spark}: the entry point for spark-submit and the launcher.
 * <pre>
 *   sweep --grid FILE [--data DIR] --out DIR [--master URL]
 *   train --workers N [--sync-every K] [vecnn train's options] --out DIR [--data DIR] [--resume] [--master URL]
 * </pre>
 * A user's mistake is one line on stderr and exit code 2; a failure of the job, exit code 1.
 */
public final class Main {
    static final String USAGE = """
            usage: vecnn-spark sweep --grid FILE [--data DIR] --out DIR [--master URL]
                   vecnn-spark train --workers N [--sync-every K] [vecnn train options] --out DIR [--data DIR] [--resume] [--master URL]""";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns its exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
                out.println(USAGE);
                return args.length == 0 ? 2 : 0;
            }
            Map<String, String> options = options(args);
            return switch (args[0]) {
                case "sweep" -> sweep(options, out, err);
                case "train" -> train(options, out, err);
                default -> throw new UserError("unknown command '" + args[0] + "': sweep or train\n" + USAGE);
            };
        } catch (UserError e) {
            err.println("vecnn-spark: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("vecnn-spark: " + e.getMessage());
            return 1;
        }
    }

    private static int sweep(Map<String, String> options, PrintStream out, PrintStream err) throws IOException {
        allow(options, Set.of("grid", "data", "out", "master"));
        String grid = required(options, "grid"), outDir = required(options, "out");
        SparkSession spark = Sessions.start("vecnn sweep", options.get("master"));
        try {
            ResultsTable table = Sweep.run(spark, grid, options.get("data"), outDir, err);
            out.print(table.text());
            RunResult best = table.best();
            out.println(best == null ? "no run finished without an error"
                    : String.format(java.util.Locale.ROOT, "best: %s (validation accuracy %.2f %%): %s", best.run(),
                    100 * best.valAccuracy(), best.model()));
            out.println("results: " + HadoopFiles.resolve(outDir, Sweep.CSV) + ", " + HadoopFiles.resolve(outDir, Sweep.JSON));
            return 0;
        } finally {
            spark.stop();
        }
    }

    private static int train(Map<String, String> options, PrintStream out, PrintStream err) throws IOException {
        Map<String, String> trainOptions = new LinkedHashMap<>(options);
        for (String own : List.of("workers", "sync-every", "data", "out", "resume", "master")) trainOptions.remove(own);
        boolean resume = options.containsKey("resume");
        if (resume)
            for (String given : trainOptions.keySet())
                if (!Set.of("epochs", "kernels").contains(given))
                    throw new UserError("--" + given + " cannot be given with --resume: the run continues with the settings it "
                            + "started with (only --epochs, --kernels, --workers, --sync-every and --data may be given)");
        TrainOptions train;
        try {
            train = new TrainOptions(resume ? Map.of("kernels", trainOptions.getOrDefault("kernels", "simd")) : trainOptions);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().replace("option '", "option '--"));
        }
        DataParallel.Request request = new DataParallel.Request(train, options.get("data"), required(options, "out"),
                intValue(required(options, "workers"), "workers"), intValue(options.getOrDefault("sync-every", "1"), "sync-every"),
                resume, resume && trainOptions.containsKey("epochs") ? intValue(trainOptions.get("epochs"), "epochs") : null);
        SparkSession spark = Sessions.start("vecnn data-parallel training", options.get("master"));
        try {
            out.print(DataParallel.describe(DataParallel.run(spark, request, err)));
            return 0;
        } finally {
            spark.stop();
        }
    }

    private static int intValue(String text, String name) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new UserError("--" + name + " must be a whole number, not '" + text + "'");
        }
    }

    /** The {@code --name value} pairs after the command; {@code --resume} takes no value. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> words = new ArrayList<>(List.of(args).subList(1, args.length));
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("--") || word.length() == 2) throw new UserError("expected an option, not '" + word + "'");
            String name = word.substring(2), value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (name.equals("resume")) {
                value = "true";
            } else {
                if (i + 1 >= words.size()) throw new UserError("--" + name + " needs a value");
                value = words.get(++i);
            }
            if (options.put(name, value) != null) throw new UserError("--" + name + " is given twice");
        }
        return options;
    }

    private static void allow(Map<String, String> options, Set<String> allowed) {
        for (String name : options.keySet())
            if (!allowed.contains(name)) throw new UserError("unknown option --" + name + "\n" + USAGE);
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) throw new UserError("--" + name + " is required\n" + USAGE);
        return value;
    }
}
