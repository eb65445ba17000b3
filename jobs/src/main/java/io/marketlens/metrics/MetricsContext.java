package io.marketlens.metrics;

import io.marketlens.config.MarketlensConfig;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What every metric group works from: the cached market fact, the demand sales lines (for order counts),
 * the analysis period and the settings.
 */
public record MetricsContext(SparkSession spark, Dataset<Row> fact, Optional<Dataset<Row>> salesLines,
                             AnalysisPeriod period, MarketlensConfig config) {
}
