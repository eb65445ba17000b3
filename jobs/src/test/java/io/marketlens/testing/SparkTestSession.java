package io.marketlens.testing;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

/** The one local SparkSession of the test JVM, built as the application builds it and stopped at JVM exit. */
public final class SparkTestSession {

    private static SparkSession spark;

    private SparkTestSession() {
    }

    public static synchronized SparkSession get() {
        if (spark == null) {
            spark = SparkSessions.create(MarketlensConfig.defaults().shufflePartitions(), MarketlensConfig.defaults().timezone(), false);
            Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
        }
        return spark;
    }
}
