package io.marketlens.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.testing.DuckDb;
import io.marketlens.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table written on the driver reads back as written, in Spark and in DuckDB. */
class RowParquetWriterTest {

    @TempDir
    Path dir;

    private static final StructType SCHEMA = new StructType()
            .add("scope", DataTypes.StringType, true).add("months", DataTypes.IntegerType, true)
            .add("units", DataTypes.LongType, true).add("share", DataTypes.DoubleType, true)
            .add("leader", DataTypes.BooleanType, true);

    private static final List<Row> ROWS = List.of(
            RowFactory.create("ALL\u0001amazon", 12, 9_007_199_254_740_993L, 0.1 + 0.2, true),
            RowFactory.create("日本\u0001\"quoted\", comma", -3, -1L, Double.NaN, false),
            RowFactory.create(null, null, null, null, null),
            RowFactory.create("", 0, 0L, -0.0, true));

    @Test
    void sparkReadsBackTheRowsAndTheExactSchema() {
        SparkSession spark = SparkTestSession.get();
        String path = dir.resolve("t.parquet").toString();
        new TableWriter(new Storage(spark.sparkContext().hadoopConfiguration())).writeParquet(SCHEMA, ROWS, path);

        org.apache.spark.sql.Dataset<Row> back = spark.read().parquet(path);
        assertThat(back.schema()).isEqualTo(SCHEMA);
        List<Row> read = back.collectAsList();
        assertThat(read).hasSize(4);
        assertThat(read.get(0).getString(0)).isEqualTo("ALL\u0001amazon");
        assertThat(read.get(0).getInt(1)).isEqualTo(12);
        assertThat(read.get(0).getLong(2)).isEqualTo(9_007_199_254_740_993L);
        assertThat(read.get(0).getDouble(3)).isEqualTo(0.30000000000000004);
        assertThat(read.get(0).getBoolean(4)).isTrue();
        assertThat(read.get(1).getString(0)).isEqualTo("日本\u0001\"quoted\", comma");
        assertThat(read.get(1).getDouble(3)).isNaN();
        assertThat(read.get(2).anyNull()).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(read.get(2).isNullAt(i)).isTrue();
        }
        assertThat(read.get(3).getString(0)).isEmpty();
        assertThat(Double.doubleToRawLongBits(read.get(3).getDouble(3))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void duckDbReadsTheFolderAsATable() throws Exception {
        Path folder = dir.resolve("t.parquet");
        new TableWriter(new Storage(new org.apache.hadoop.conf.Configuration())).writeParquet(SCHEMA, ROWS, folder.toString());
        // one data file, as Spark lays out a table (the checksum file beside it is not published)
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).toList())
                    .containsExactly("part-00000.zstd.parquet");
        }
        try (DuckDb db = DuckDb.open()) {
            List<Map<String, Object>> rows = db.rows("SELECT scope, months, units, share, leader FROM read_parquet("
                    + DuckDb.literal(folder.resolve("*.parquet")) + ") WHERE units > 0");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsEntry("scope", "ALL\u0001amazon").containsEntry("months", 12)
                    .containsEntry("units", 9_007_199_254_740_993L).containsEntry("share", 0.30000000000000004)
                    .containsEntry("leader", true);
            assertThat(db.count("SELECT count(*) FROM read_parquet(" + DuckDb.literal(folder.resolve("*.parquet"))
                    + ") WHERE scope IS NULL AND months IS NULL AND units IS NULL AND share IS NULL AND leader IS NULL")).isEqualTo(1);
        }
    }

    @Test
    void writingAgainReplacesTheTable() {
        Path folder = dir.resolve("t.parquet");
        TableWriter writer = new TableWriter(new Storage(new org.apache.hadoop.conf.Configuration()));
        writer.writeParquet(SCHEMA, ROWS, folder.toString());
        writer.writeParquet(SCHEMA, ROWS.subList(0, 1), folder.toString());
        SparkSession spark = SparkTestSession.get();
        assertThat(spark.read().parquet(folder.toString()).count()).isEqualTo(1);
    }

    @Test
    void aColumnTypeItDoesNotWriteIsRefusedByName() {
        StructType withDate = new StructType().add("day", DataTypes.DateType, true);
        assertThatThrownBy(() -> RowParquetWriter.parquetSchema(withDate))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("column day: type date is not written by this writer");
    }
}
