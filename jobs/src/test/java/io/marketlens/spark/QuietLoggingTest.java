package io.marketlens.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;

/** Under spark-submit the cluster's log4j profile applies: the session sets marketlens' quiet levels itself. */
class QuietLoggingTest {

    @Test
    void theLevelsSetInCodeAreThoseOfLog4j2Properties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = SparkSessions.class.getResourceAsStream("/log4j2.properties")) {
            p.load(in);
        }
        java.util.Map<String, String> fromFile = new java.util.TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("logger.") && key.endsWith(".name")) {
                String level = p.getProperty(key.substring(0, key.length() - ".name".length()) + ".level");
                fromFile.put(p.getProperty(key), level);
            }
        }
        java.util.Map<String, String> inCode = new java.util.TreeMap<>();
        SparkSessions.QUIET_TO_ERROR.forEach(l -> inCode.put(l, "error"));
        SparkSessions.QUIET_OFF.forEach(l -> inCode.put(l, "off"));
        assertThat(inCode).isEqualTo(fromFile);
        assertThat(p.getProperty("rootLogger.level")).isEqualTo("warn");
    }

    @Test
    void quietLoggingSetsThem() {
        SparkSessions.quietLogging();
        assertThat(LogManager.getRootLogger().getLevel()).isEqualTo(Level.WARN);
        assertThat(LogManager.getLogger("org.apache.spark.scheduler.TaskSetManager").getLevel()).isEqualTo(Level.OFF);
        assertThat(LogManager.getLogger("org.apache.parquet.hadoop.ParquetOutputFormat").getLevel()).isEqualTo(Level.ERROR);
        assertThat(LogManager.getLogger("org.apache.spark.SparkContext").getLevel()).isEqualTo(Level.WARN);
    }
}
