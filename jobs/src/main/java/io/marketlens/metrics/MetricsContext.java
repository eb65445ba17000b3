package io.marketlens.metrics;

import io.marketlens.config.MarketlensConfig;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What every metric group works from: the cached market fact (null when the warehouse has no sales or
 * competitor rows; only groups that do not need it run then), the orders behind it ({@code MarketFact.orders}: one
 * row per order and scope-month, for order counts and order revenue), the warehouse's shipments, the analysis period and the settings, and the tables already
 * written in this run (read back from Parquet), so that a later group uses an earlier one's result instead
 * of computing it again.
 */
public record MetricsContext(SparkSession spark, Dataset<Row> fact, Optional<Dataset<Row>> orders,
                             Optional<Dataset<Row>> shipments, AnalysisPeriod period, MarketlensConfig config,
                             Map<String, Dataset<Row>> written, List<Dataset<Row>> cached) {

    public MetricsContext(SparkSession spark, Dataset<Row> fact, Optional<Dataset<Row>> orders,
                          Optional<Dataset<Row>> shipments, AnalysisPeriod period, MarketlensConfig config) {
        this(spark, fact, orders, shipments, period, config, new ConcurrentHashMap<>(), new CopyOnWriteArrayList<>());
    }

    /** A context without shipments. */
    public MetricsContext(SparkSession spark, Dataset<Row> fact, Optional<Dataset<Row>> orders,
                          AnalysisPeriod period, MarketlensConfig config) {
        this(spark, fact, orders, Optional.empty(), period, config);
    }

    /** Registers an intermediate a group cached, to be unpersisted when the metrics stage ends. */
    public void release(Dataset<Row> intermediate) {
        cached.add(intermediate);
    }

    /** A table written earlier in this run. */
    public Dataset<Row> table(String name) {
        Dataset<Row> t = written.get(name);
        if (t == null) {
            throw new IllegalStateException("table " + name + " is needed before it is written; fix the order of MetricsStage.GROUPS");
        }
        return t;
    }
}
