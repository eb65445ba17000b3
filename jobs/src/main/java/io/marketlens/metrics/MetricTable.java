package io.marketlens.metrics;

import io.marketlens.spark.TableSchemas;
import io.marketlens.tables.TableSchema;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * One output table of the metrics stage: its contract ({@link io.marketlens.tables.Tables}) and its rows, computed on
 * the driver in output order, which {@link #rows()} wraps in a local Dataset when asked for one. A row whose width
 * differs from the contract's is refused.
 */
public final class MetricTable {

    private final TableSchema table;
    private final StructType schema;
    private final List<Row> local;
    private final SparkSession spark;
    private Dataset<Row> rows;

    private MetricTable(SparkSession spark, TableSchema table, List<Row> local) {
        this.table = table;
        this.schema = TableSchemas.struct(table);
        List<Row> withSchema = new java.util.ArrayList<>(local.size());
        for (Row r : local) {
            if (r.length() != schema.size()) {
                throw new IllegalStateException("a row of table " + table.name() + " has " + r.length()
                        + " values, its contract declares " + schema.size() + " columns: " + r);
            }
            Object[] values = new Object[r.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.get(i);
            }
            withSchema.add(new GenericRowWithSchema(values, schema));
        }
        this.local = java.util.Collections.unmodifiableList(withSchema);
        this.spark = spark;
    }

    /** A table whose rows were computed on the driver, in output order (they are given the schema, so that
     *  {@code getAs(name)} works on them). */
    public static MetricTable local(SparkSession spark, TableSchema table, List<Row> rows) {
        return new MetricTable(spark, table, rows);
    }

    public String name() {
        return table.name();
    }

    public TableSchema table() {
        return table;
    }

    public StructType schema() {
        return schema;
    }

    /** The rows as a Dataset (for driver-computed tables, a local relation over them). */
    public synchronized Dataset<Row> rows() {
        if (rows == null) {
            rows = spark.createDataFrame(local, schema);
        }
        return rows;
    }

    /** The rows on the driver, in output order. */
    public List<Row> collect() {
        return local;
    }
}
