package dev.vecnn.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] session for all the module's tests (starting one takes seconds); the JVM's exit stops it. */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {}

    static synchronized SparkSession session() {
        if (session == null) {
            session = Sessions.start("vecnn tests", "local[2]");
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }
}
