package io.marketlens.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.marketlens.io.Storage;
import io.marketlens.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaLogsTest {

    @TempDir
    Path dir;

    private final SparkSession spark = SparkTestSession.get();
    private final DeltaLogs logs = new DeltaLogs(new Storage(spark.sparkContext().hadoopConfiguration()));

    /** A table partitioned by {@code _month}: two rows in 2024-01, two in 2024-02, one in 2024-03, one without a month. */
    private String table() {
        StructType schema = new StructType().add("id", DataTypes.StringType).add("_month", DataTypes.StringType);
        Dataset<Row> rows = spark.createDataFrame(List.of(
                RowFactory.create("a", "2024-01"), RowFactory.create("b", "2024-01"),
                RowFactory.create("c", "2024-02"), RowFactory.create("d", "2024-02"),
                RowFactory.create("e", "2024-03"), RowFactory.create("f", null)), schema);
        String path = dir.resolve("t").toString();
        // one file per month, as the warehouse writes them; deletes mark rows in deletion vectors
        rows.repartition(1).write().format("delta").partitionBy("_month").option("delta.enableDeletionVectors", "true")
                .mode(SaveMode.Overwrite).save(path);
        return path;
    }

    @Test
    void theMonthsThatHoldFilesAtTheLatestVersion() {
        String path = table();
        assertThat(logs.partitions(path, "_month")).contains(java.util.Set.of("2024-01", "2024-02", "2024-03"));

        // every row of 2024-03 deleted: its file is removed
        DeltaTable.forPath(spark, path).delete("_month = '2024-03'");
        assertThat(logs.partitions(path, "_month")).contains(java.util.Set.of("2024-01", "2024-02"));

        // one of 2024-02's two rows deleted: its file is removed as it was and added back with a deletion vector, in
        // the same commit; the month still holds a row
        DeltaTable.forPath(spark, path).delete("id = 'c'");
        assertThat(spark.read().format("delta").load(path).filter("_month = '2024-02'").count()).isEqualTo(1);
        assertThat(logs.partitions(path, "_month")).contains(java.util.Set.of("2024-01", "2024-02"));

        // and the other: the file is added back with a vector that deletes both its rows, so 2024-02 holds none
        DeltaTable.forPath(spark, path).delete("id = 'd'");
        assertThat(spark.read().format("delta").load(path).filter("_month = '2024-02'").count()).isZero();
        assertThat(logs.partitions(path, "_month")).contains(java.util.Set.of("2024-01"));
    }

    @Test
    void aFileWhoseDeletionVectorDeletesEveryRowHoldsNone() throws Exception {
        // a log as another writer may leave it: 2024-02's file added back with a vector deleting both its rows,
        // 2024-03's with a vector deleting one of its two
        Path log = Files.createDirectories(dir.resolve("hand/_delta_log"));
        String dv = "\"deletionVector\":{\"storageType\":\"u\",\"pathOrInlineDv\":\"x\",\"offset\":1,\"sizeInBytes\":34,\"cardinality\":%d}";
        String add = "{\"add\":{\"path\":\"%s\",\"partitionValues\":{\"_month\":\"%s\"},\"size\":1,\"modificationTime\":1,"
                + "\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":2}\"%s}}";
        String remove = "{\"remove\":{\"path\":\"%s\",\"deletionTimestamp\":2,\"dataChange\":true}}";
        Files.writeString(log.resolve("00000000000000000000.json"), String.join("\n",
                String.format(add, "a.parquet", "2024-01", ""),
                String.format(add, "b.parquet", "2024-02", ""),
                String.format(add, "c.parquet", "2024-03", "")) + "\n");
        Files.writeString(log.resolve("00000000000000000001.json"), String.join("\n",
                String.format(add, "b.parquet", "2024-02", "," + String.format(dv, 2)),
                String.format(remove, "b.parquet"),
                String.format(add, "c.parquet", "2024-03", "," + String.format(dv, 1)),
                String.format(remove, "c.parquet")) + "\n");
        assertThat(logs.partitions(dir.resolve("hand").toString(), "_month")).contains(java.util.Set.of("2024-01", "2024-03"));
    }

    @Test
    void nothingWhenTheLogNoLongerHoldsEveryCommit() throws Exception {
        String path = table();
        DeltaTable.forPath(spark, path).delete("_month = '2024-03'");
        Files.delete(Path.of(path, "_delta_log", "00000000000000000000.json"));
        assertThat(logs.partitions(path, "_month")).isEmpty();
    }

    @Test
    void nothingWithoutATableOrThatColumn() {
        assertThat(logs.partitions(dir.resolve("none").toString(), "_month")).isEmpty();
        assertThat(logs.partitions(table(), "month")).isEmpty();
    }
}
