package io.marketlens.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.io.CacheFile;
import io.marketlens.io.Storage;
import io.marketlens.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index of a table's months by key ({@link MonthKeyIndex}): it names every month that holds a key and, with
 * 64-bit hashes of a handful of keys, no other; brought up to a later version it hashes only the months the commits
 * touched and equals an index built in full; a damaged copy, or one of another key, is built again.
 */
class MonthKeyIndexTest {

    private static final StructType ROWS = new StructType().add("platform", DataTypes.StringType)
            .add("order_id", DataTypes.StringType).add("month", DataTypes.StringType).add("amount", DataTypes.DoubleType);

    private final SparkSession spark = SparkTestSession.get();
    private final Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());

    @TempDir
    Path dir;

    private String table() {
        return dir.resolve("warehouse/orders").toString();
    }

    private void write(List<Row> rows, String replaceWhere) {
        var w = spark.createDataFrame(rows, ROWS).repartition(col("month")).write().format("delta").partitionBy("month")
                .mode(SaveMode.Overwrite);
        if (replaceWhere != null) {
            w = w.option("replaceWhere", replaceWhere);
        }
        w.save(table());
    }

    private long version() {
        return new DeltaLogs(storage).version(table());
    }

    private MonthKeyIndex index(String name) {
        return new MonthKeyIndex(storage, dir.resolve("warehouse").toString(), name, table(), "month",
                List.of("platform", "order_id"));
    }

    /** The months the index names for one key, computed with the index's own hash on a local row (no job). */
    private Set<String> monthsOf(MonthKeyIndex index, String platform, String orderId) {
        long h = spark.createDataFrame(List.of(RowFactory.create(platform, orderId, null, null)), ROWS)
                .select(index.hash()).first().getLong(0);
        return index.monthsHolding(new long[]{h}, index.months());
    }

    @Test
    void namesTheMonthsOfAKeyAndStaysEqualToAFullBuildAfterAChange() {
        write(List.of(RowFactory.create("amazon", "o1", "2024-07", 1.0), RowFactory.create("amazon", "o1", "2024-08", 2.0),
                RowFactory.create("amazon", "o2", "2024-07", 3.0), RowFactory.create("ebay", "o1", "2024-09", 4.0),
                RowFactory.create("amazon", "o3", "2024-09", 5.0)), null);
        MonthKeyIndex index = index("orders.bin");
        assertThat(index.refresh(spark, version())).isEqualTo("built in full (no copy yet)");
        assertThat(index.months()).containsExactly("2024-07", "2024-08", "2024-09");
        assertThat(monthsOf(index, "amazon", "o1")).containsExactly("2024-07", "2024-08");
        // the platform is part of the key: ebay's o1 is September's only
        assertThat(monthsOf(index, "ebay", "o1")).containsExactly("2024-09");
        assertThat(monthsOf(index, "amazon", "o9")).isEmpty();
        // July holds o1 and o2 once each however many rows
        assertThat(index.hashesOf(List.of("2024-07"))).hasSize(2);

        // August replaced (o1 leaves it, o9 arrives), October new: those two months are hashed again
        write(List.of(RowFactory.create("amazon", "o9", "2024-08", 6.0)), "month = '2024-08'");
        write(List.of(RowFactory.create("amazon", "o1", "2024-10", 7.0)), "month = '2024-10'");
        MonthKeyIndex again = index("orders.bin");
        assertThat(again.refresh(spark, version())).isEqualTo("2 month(s) hashed again");
        assertThat(monthsOf(again, "amazon", "o1")).containsExactly("2024-07", "2024-10");
        assertThat(monthsOf(again, "amazon", "o9")).containsExactly("2024-08");
        MonthKeyIndex full = index("other.bin");
        assertThat(full.refresh(spark, version())).isEqualTo("built in full (no copy yet)");
        assertThat(again.months()).isEqualTo(full.months());
        for (String m : full.months()) {
            assertThat(again.hashesOf(List.of(m))).as(m).isEqualTo(full.hashesOf(List.of(m)));
        }
        // nothing changed since
        assertThat(index("orders.bin").refresh(spark, version())).isEqualTo("0 month(s) hashed again");
    }

    @Test
    void aDamagedCopyOrOneOfAnotherKeyIsBuiltAgain() throws IOException {
        write(List.of(RowFactory.create("amazon", "o1", "2024-07", 1.0), RowFactory.create("amazon", "o2", "2024-08", 2.0)),
                null);
        index("orders.bin").refresh(spark, version());
        Path copy = dir.resolve("warehouse").resolve(CacheFile.DIR).resolve("orders.bin");
        byte[] b = Files.readAllBytes(copy);
        b[b.length / 2] ^= 0x10;
        Files.write(copy, b);
        Files.deleteIfExists(copy.resolveSibling(".orders.bin.crc"));
        MonthKeyIndex read = index("orders.bin");
        assertThat(read.refresh(spark, version())).startsWith("built in full (the copy cannot be read: ");
        assertThat(monthsOf(read, "amazon", "o2")).containsExactly("2024-08");

        MonthKeyIndex byOrder = new MonthKeyIndex(storage, dir.resolve("warehouse").toString(), "orders.bin", table(),
                "month", List.of("order_id"));
        assertThat(byOrder.refresh(spark, version()))
                .isEqualTo("built in full (the copy is of orders by platform, order_id per month)");
        assertThat(index("orders.bin").refresh(spark, version()))
                .isEqualTo("built in full (the copy is of orders by order_id per month)");
    }
}
