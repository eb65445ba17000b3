package io.marketlens.metrics;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.fact.MarketFact;
import io.marketlens.io.Storage;
import io.marketlens.tables.Columns;
import io.marketlens.testing.FactRows;
import io.marketlens.testing.SparkTestSession;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
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

/**
 * The distinct orders kept between runs ({@link OrderCountsStore}): after a month of {@code fact_orders} is replaced —
 * an order leaving it, an order of another month gaining a row in it, an order gone, a new one — the counts updated
 * from the copy equal a full count, and a few of them are checked by hand.
 */
class OrderCountsStoreTest {

    private static final StructType ORDERS = new StructType()
            .add(Columns.PLATFORM, DataTypes.StringType).add(Columns.MARKETPLACE, DataTypes.StringType)
            .add(Columns.CATEGORY, DataTypes.StringType).add(Columns.PERIOD, DataTypes.StringType)
            .add(MarketFact.ORDER_ID, DataTypes.StringType).add(Columns.REVENUE, DataTypes.DoubleType);

    private final SparkSession spark = SparkTestSession.get();
    private final Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    private final AnalysisPeriod period = new AnalysisPeriod(LocalDate.parse("2024-12-31"), 3);

    @TempDir
    Path dir;

    private static Row order(String platform, String category, String month, String id) {
        return RowFactory.create(platform, platform.equals("ebay") ? "DE" : "US", category, month, id, 10.0);
    }

    private String table() {
        return dir.resolve("warehouse/fact_orders").toString();
    }

    private void write(List<Row> rows, String replaceWhere) {
        var w = spark.createDataFrame(rows, ORDERS).repartition(col(Columns.PERIOD)).write().format("delta")
                .partitionBy(Columns.PERIOD).mode(SaveMode.Overwrite);
        if (replaceWhere != null) {
            w = w.option("replaceWhere", replaceWhere);
        }
        w.save(table());
    }

    /** A cube holding every (platform, marketplace, category) of the orders in October to December. */
    private FactCube cube() {
        FactRows fact = new FactRows();
        for (String month : new String[]{"2024-10", "2024-11", "2024-12"}) {
            fact.sale("amazon", "US", "Toys", month, "p1", "s1", 1, 10).sale("amazon", "US", "Games", month, "p2", "s1", 1, 10)
                    .sale("ebay", "DE", "Toys", month, "p3", "s2", 1, 10);
        }
        return FactCube.load(fact.build(spark), period);
    }

    private long count(FactCube cube, long[] counts, String platform, String marketplace, String category, String label) {
        int scope = cube.scope(platform == null ? FactCube.ALL : cube.platforms.find(platform),
                marketplace == null ? FactCube.ALL : cube.marketplaces.find(marketplace),
                category == null ? FactCube.ALL : cube.categories.find(category));
        int l = label.equals("window") ? cube.window() : cube.monthLabel(FactCube.monthNumber(label));
        return counts[scope * cube.labels() + l];
    }

    private long[] full(FactCube cube) {
        Dataset<Row> orders = spark.read().format("delta").load(table())
                .filter(col(Columns.PERIOD).leq(period.lastPeriod()));
        return OrderCounts.perKey(orders, cube);
    }

    @Test
    void aReplacedMonthIsCountedAgainAndTheCountsEqualAFullCount() {
        List<Row> rows = new ArrayList<>(List.of(
                order("amazon", "Toys", "2024-10", "o1"),
                order("amazon", "Toys", "2024-10", "o2"), order("amazon", "Games", "2024-10", "o2"),
                order("amazon", "Toys", "2024-10", "o3"), order("amazon", "Toys", "2024-11", "o3"),
                order("amazon", "Games", "2024-11", "o4"),
                order("amazon", "Toys", "2024-12", "o5"),
                order("ebay", "Toys", "2024-11", "o6"),
                order("amazon", "Toys", "2024-10", "o7"), order("amazon", "Games", "2024-10", "o7"),
                order("amazon", "Toys", "2024-11", "o7")));
        write(rows, null);
        FactCube cube = cube();
        OrderCountsStore.Loaded first = new OrderCountsStore(storage, dir.resolve("warehouse").toString())
                .load(spark, table(), cube, period);
        assertThat(first.how()).isEqualTo("counted in full (no copy of an earlier run's counts)");
        assertThat(first.counts()).isEqualTo(full(cube));
        assertThat(count(cube, first.counts(), null, null, null, "window")).isEqualTo(7);
        assertThat(count(cube, first.counts(), null, null, null, "2024-11")).isEqualTo(4); // o3, o4, o6, o7

        // November again: o3 and o6 leave it (o6 is gone), o1 of October gains a row in it, o8 is new, o4 and o7 stay
        write(List.of(order("amazon", "Games", "2024-11", "o4"), order("amazon", "Toys", "2024-11", "o7"),
                order("amazon", "Toys", "2024-11", "o1"), order("amazon", "Games", "2024-11", "o8")), "period = '2024-11'");
        OrderCountsStore.Loaded night = new OrderCountsStore(storage, dir.resolve("warehouse").toString())
                .load(spark, table(), cube, period);
        assertThat(night.how()).isEqualTo("1 month(s) counted again");
        assertThat(night.counts()).isEqualTo(full(cube));
        assertThat(count(cube, night.counts(), null, null, null, "window")).isEqualTo(7); // o1 … o8 without o6
        assertThat(count(cube, night.counts(), null, null, null, "2024-11")).isEqualTo(4); // o1, o4, o7, o8
        assertThat(count(cube, night.counts(), "amazon", "US", "Toys", "2024-11")).isEqualTo(2); // o1, o7
        assertThat(count(cube, night.counts(), "amazon", "US", "Toys", "window")).isEqualTo(5); // o1, o2, o3, o5, o7
        assertThat(count(cube, night.counts(), "ebay", null, null, "window")).isZero();

        // nothing changed since: the copy as it is
        OrderCountsStore.Loaded again = new OrderCountsStore(storage, dir.resolve("warehouse").toString())
                .load(spark, table(), cube, period);
        assertThat(again.how()).isEqualTo("0 month(s) counted again");
        assertThat(again.counts()).isEqualTo(night.counts());
    }

    @Test
    void aCopyUpToAnotherMonthIsNotUsed() {
        write(List.of(order("amazon", "Toys", "2024-10", "o1"), order("amazon", "Toys", "2024-12", "o2")), null);
        FactCube cube = cube();
        new OrderCountsStore(storage, dir.resolve("warehouse").toString()).load(spark, table(), cube, period);
        AnalysisPeriod november = new AnalysisPeriod(LocalDate.parse("2024-11-30"), 3);
        FactCube earlier = FactCube.load(spark.createDataFrame(List.of(RowFactory.create("amazon", "US", "Toys", "2024-10",
                "p1", "s1", null, MarketFact.SALES, 1L, 10.0, 1L, null, null, null, null, null, 10.0)), FactRows.SCHEMA), november);
        OrderCountsStore.Loaded loaded = new OrderCountsStore(storage, dir.resolve("warehouse").toString())
                .load(spark, table(), earlier, november);
        assertThat(loaded.how()).isEqualTo("counted in full (the copy counts up to another month)");
        assertThat(count(earlier, loaded.counts(), null, null, null, "2024-10")).isEqualTo(1);
    }
}
