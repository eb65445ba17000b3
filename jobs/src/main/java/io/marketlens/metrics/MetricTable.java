package io.marketlens.metrics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** One output table of the metrics stage: its contract name (SPEC §7) and its rows. */
public record MetricTable(String name, Dataset<Row> rows) {
}
