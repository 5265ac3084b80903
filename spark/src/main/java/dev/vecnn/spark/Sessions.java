package dev.vecnn.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a vecnn-spark command: the master given (spark-submit's, or --master's),
 * local mode on every core when none is. Executors that local mode starts share the driver's JVM,
 * which the launcher starts with the Vector API module; a cluster's executors need
 * {@code spark.executor.extraJavaOptions} (README: Spark).
 */
final class Sessions {
    private Sessions() {}

    static SparkSession start(String appName, String master) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null) conf.setMaster(master);
        else if (!conf.contains("spark.master")) conf.setMaster("local[*]");
        // Local mode talks to itself: on the loopback address, not on whatever the host name resolves to.
        if (conf.get("spark.master").startsWith("local")) {
            if (!conf.contains("spark.driver.host")) conf.set("spark.driver.host", "127.0.0.1");
            if (!conf.contains("spark.driver.bindAddress")) conf.set("spark.driver.bindAddress", "127.0.0.1");
        }
        // Spark's web UI is of no use to a command that ends when its job does, and it would take a port.
        if (!conf.contains("spark.ui.enabled")) conf.set("spark.ui.enabled", "false");
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
