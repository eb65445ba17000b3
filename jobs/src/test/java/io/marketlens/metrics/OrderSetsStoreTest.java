package io.marketlens.metrics;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.fact.MarketFact;
import io.marketlens.io.Storage;
import io.marketlens.tables.Columns;
import io.marketlens.testing.FactRows;
import io.marketlens.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
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
 * The distinct-order counts from the order sets kept between runs ({@link OrderSetsStore}): after a night that changes
 * a month — an order losing its line in another month, one gaining one, a new order — they are the counts of all orders
 * ({@link OrderCounts#perKey}), and the night reads only the changed month's orders and those same orders elsewhere.
 */
class OrderSetsStoreTest {

    private static final StructType ORDERS = new StructType()
            .add(Columns.PLATFORM, DataTypes.StringType).add(Columns.MARKETPLACE, DataTypes.StringType)
            .add(Columns.CATEGORY, DataTypes.StringType).add(Columns.PERIOD, DataTypes.StringType)
            .add(MarketFact.ORDER_ID, DataTypes.StringType).add(Columns.REVENUE, DataTypes.DoubleType);

    private final SparkSession spark = SparkTestSession.get();
    private final Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());

    @TempDir
    Path dir;

    private static Row order(String category, String period, String id) {
        return RowFactory.create("amazon", "US", category, period, id, 10.0);
    }

    /** July to October: o1..o3 in July, o4 with lines in August and September, o5 in two categories of September. */
    private static List<Row> history() {
        return new ArrayList<>(List.of(
                order("Toys", "2024-07", "o1"), order("Toys", "2024-07", "o2"), order("Games", "2024-07", "o3"),
                order("Toys", "2024-08", "o4"), order("Games", "2024-09", "o4"),
                order("Toys", "2024-09", "o5"), order("Games", "2024-09", "o5"),
                order("Toys", "2024-10", "o6")));
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

    private Dataset<Row> orders(AnalysisPeriod period) {
        return spark.read().format("delta").load(table()).filter(col(Columns.PERIOD).leq(period.lastPeriod()));
    }

    /** A cube with a sales row in every (category, month) of July to December. */
    private FactCube cube(AnalysisPeriod period) {
        FactRows f = new FactRows();
        for (String m : List.of("2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12")) {
            f.sale("amazon", "US", "Toys", m, "p1", "own", 1, 10.0).sale("amazon", "US", "Games", m, "p2", "own", 1, 10.0);
        }
        return FactCube.load(f.build(spark).filter(col(Columns.PERIOD).leq(period.lastPeriod())), period);
    }

    private OrderSetsStore.Counted counted(AnalysisPeriod period) {
        FactCube cube = cube(period);
        return new OrderSetsStore(storage, dir.resolve("warehouse").toString()).counts(spark, table(), orders(period), cube, period);
    }

    /** The ALL/ALL/ALL count of a month (or {@code window}) of the cube. */
    private static long all(FactCube cube, long[] counts, String period) {
        int scope = cube.scope(FactCube.ALL, FactCube.ALL, FactCube.ALL);
        int label = "window".equals(period) ? cube.window() : cube.monthLabel(FactCube.monthNumber(period));
        return counts[scope * cube.labels() + label];
    }

    @Test
    void aNightCountsTheChangedMonthsOrdersAndGivesTheCountsOfAllOrders() {
        AnalysisPeriod october = new AnalysisPeriod(LocalDate.parse("2024-10-31"), 3);
        write(history(), null);
        OrderSetsStore.Counted first = counted(october);
        assertThat(first.how()).isEqualTo("orders grouped in full (no copy of an earlier run's order sets)");
        FactCube cube = cube(october);
        assertThat(first.counts()).isEqualTo(OrderCounts.perKey(orders(october), cube));
        // window August..October: o4, o5, o6 (o4 once though in two months)
        assertThat(all(cube, first.counts(), "window")).isEqualTo(3);

        // the night: September replaced — o4 loses its September line, o2 gains one, o7 is new; November comes in
        write(List.of(order("Toys", "2024-09", "o5"), order("Games", "2024-09", "o5"), order("Games", "2024-09", "o2"),
                order("Toys", "2024-09", "o7")), "period = '2024-09'");
        write(List.of(order("Toys", "2024-11", "o8")), "period = '2024-11'");
        AnalysisPeriod november = new AnalysisPeriod(LocalDate.parse("2024-11-30"), 3);
        OrderSetsStore.Counted night = counted(november);
        // September was replaced and November is after the copy's last month; of July, August and October only July
        // holds one of their orders (o2), and only July is read for them
        assertThat(night.how()).isEqualTo("orders of 2 month(s) grouped, the others' kept; their rows elsewhere looked for"
                + " in 1 of 3 other month(s) (the index of the orders' months: built in full (no copy yet))");
        FactCube nov = cube(november);
        assertThat(night.counts()).isEqualTo(OrderCounts.perKey(orders(november), nov));
        // September: o2, o5, o7; window September..November: o2, o5, o6, o7, o8
        assertThat(all(nov, night.counts(), "2024-09")).isEqualTo(3);
        assertThat(all(nov, night.counts(), "window")).isEqualTo(5);

        // nothing changed since: the copy alone
        OrderSetsStore.Counted again = counted(november);
        assertThat(again.how()).isEqualTo("orders of 0 month(s) grouped, the others' kept");
        assertThat(again.counts()).isEqualTo(night.counts());
        assertThat(again.counts()).isEqualTo(OrderCounts.perKey(orders(november), nov));

        // a second night: November replaced — o6 (October) gains a November line, o9 is new: the index hashes November
        // again, and names October only among July to October; o6 counts once in the window, though in two months
        write(List.of(order("Toys", "2024-11", "o8"), order("Games", "2024-11", "o6"), order("Toys", "2024-11", "o9")),
                "period = '2024-11'");
        OrderSetsStore.Counted second = counted(november);
        assertThat(second.how()).isEqualTo("orders of 1 month(s) grouped, the others' kept; their rows elsewhere looked"
                + " for in 1 of 4 other month(s) (the index of the orders' months: 1 month(s) hashed again)");
        assertThat(second.counts()).isEqualTo(OrderCounts.perKey(orders(november), nov));
        // window September..November: o2, o5, o6, o7, o8, o9
        assertThat(all(nov, second.counts(), "window")).isEqualTo(6);
        OrderSetsStore.Counted unchanged = counted(november);
        assertThat(unchanged.how()).isEqualTo("orders of 0 month(s) grouped, the others' kept");

        // an earlier as-of date: the later months' cells are left out
        AnalysisPeriod august = new AnalysisPeriod(LocalDate.parse("2024-08-31"), 3);
        OrderSetsStore.Counted earlier = counted(august);
        assertThat(earlier.how()).isEqualTo("orders of 0 month(s) grouped, the others' kept");
        assertThat(earlier.counts()).isEqualTo(OrderCounts.perKey(orders(august), cube(august)));
    }

    @Test
    void aNightWithMoreChangedRowsThanATaskIsSentGroupsAllOrders() {
        AnalysisPeriod october = new AnalysisPeriod(LocalDate.parse("2024-10-31"), 3);
        write(history(), null);
        OrderSetsStore small = new OrderSetsStore(storage, dir.resolve("warehouse").toString(), 3);
        small.counts(spark, table(), orders(october), cube(october), october);
        // September's four rows and November's one: more than three
        write(List.of(order("Toys", "2024-09", "o5"), order("Games", "2024-09", "o5"), order("Games", "2024-09", "o2"),
                order("Toys", "2024-09", "o7")), "period = '2024-09'");
        write(List.of(order("Toys", "2024-11", "o8")), "period = '2024-11'");
        AnalysisPeriod november = new AnalysisPeriod(LocalDate.parse("2024-11-30"), 3);
        OrderSetsStore.Counted night = small.counts(spark, table(), orders(november), cube(november), november);
        assertThat(night.how()).isEqualTo("orders grouped in full (5 order rows in the 2 changed month(s), more than the 3"
                + " sent to every task)");
        assertThat(night.counts()).isEqualTo(OrderCounts.perKey(orders(november), cube(november)));
        // the copy written by that full grouping serves the next run
        assertThat(small.counts(spark, table(), orders(november), cube(november), november).how())
                .isEqualTo("orders of 0 month(s) grouped, the others' kept");
    }

    @Test
    void aDamagedCopyIsNotUsedAndIsWrittenAgain() throws IOException {
        AnalysisPeriod october = new AnalysisPeriod(LocalDate.parse("2024-10-31"), 3);
        write(history(), null);
        counted(october);
        Path copy = dir.resolve("warehouse").resolve(FactCubeStore.DIR).resolve(OrderSetsStore.FILE);
        byte[] b = Files.readAllBytes(copy);
        b[b.length / 2] ^= 0x10;
        Files.write(copy, b);
        Files.deleteIfExists(copy.resolveSibling("." + OrderSetsStore.FILE + ".crc"));
        OrderSetsStore.Counted read = counted(october);
        assertThat(read.how()).startsWith("orders grouped in full (the copy cannot be read: ");
        assertThat(read.counts()).isEqualTo(OrderCounts.perKey(orders(october), cube(october)));
        assertThat(counted(october).how()).isEqualTo("orders of 0 month(s) grouped, the others' kept");
    }
}
