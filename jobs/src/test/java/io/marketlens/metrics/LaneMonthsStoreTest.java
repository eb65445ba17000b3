package io.marketlens.metrics;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.io.Storage;
import io.marketlens.metrics.logistics.LaneRanking;
import io.marketlens.metrics.logistics.LogisticsLanes;
import io.marketlens.tables.Columns;
import io.marketlens.spark.SparkSessions;
import io.marketlens.testing.SparkTestSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * The lanes' monthly rows kept between runs ({@link LaneMonthsStore}): after a night that changes an order's lines — an
 * order cancelled, so that its shipment, in an untouched month of the logistics table, loses its revenue — or adds a
 * shipment, the three logistics tables are those computed from all shipments, and the night groups again only the
 * months that can have changed.
 */
class LaneMonthsStoreTest {

    private static final StructType SHIPMENTS = new StructType()
            .add("shipment_id", DataTypes.StringType).add("order_id", DataTypes.StringType)
            .add(Columns.CARRIER, DataTypes.StringType).add(Columns.SERVICE, DataTypes.StringType)
            .add(Columns.DESTINATION_COUNTRY, DataTypes.StringType).add(Columns.DESTINATION_REGION, DataTypes.StringType)
            .add("ship_ts", DataTypes.TimestampType).add("promised_ts", DataTypes.TimestampType)
            .add("delivered_ts", DataTypes.TimestampType).add("status", DataTypes.StringType)
            .add("weight_kg", DataTypes.DoubleType).add("cost_base", DataTypes.DoubleType).add("_month", DataTypes.StringType);
    private static final StructType ORDERS = new StructType()
            .add(Columns.PLATFORM, DataTypes.StringType).add(Columns.MARKETPLACE, DataTypes.StringType)
            .add(Columns.CATEGORY, DataTypes.StringType).add(Columns.PERIOD, DataTypes.StringType)
            .add("order_id", DataTypes.StringType).add(Columns.REVENUE, DataTypes.DoubleType);
    /** July to October 2024; the window is September and October, so July and August are months outside it. */
    private static final AnalysisPeriod PERIOD = new AnalysisPeriod(LocalDate.parse("2024-10-31"), 2);

    private final SparkSession spark = SparkTestSession.get();
    private final Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());

    @TempDir
    Path dir;

    private String shipmentsTable() {
        return dir.resolve("warehouse/logistics").toString();
    }

    private String ordersTable() {
        return dir.resolve("warehouse/fact_orders").toString();
    }

    private static Timestamp at(String instant) {
        return instant == null ? null : Timestamp.from(Instant.parse(instant + "T10:00:00Z"));
    }

    private static Row shipment(String id, String order, String carrier, String country, String shipped, String delivered,
                                double cost) {
        return RowFactory.create(id, order, carrier, "Standard", country, null, at(shipped), at(shipped.substring(0, 8) + "28"),
                at(delivered), delivered == null ? "in_transit" : "delivered", 1.5, cost, shipped.substring(0, 7));
    }

    private static Row order(String period, String id, double revenue) {
        return RowFactory.create("amazon", "US", "Toys", period, id, revenue);
    }

    private void writeShipments(List<Row> rows, SaveMode mode) {
        spark.createDataFrame(rows, SHIPMENTS).write().format("delta").partitionBy("_month").mode(mode).save(shipmentsTable());
    }

    private void writeOrders(List<Row> rows, String replaceWhere) {
        var w = spark.createDataFrame(rows, ORDERS).write().format("delta").partitionBy(Columns.PERIOD).mode(SaveMode.Overwrite);
        if (replaceWhere != null) {
            w = w.option("replaceWhere", replaceWhere);
        }
        w.save(ordersTable());
    }

    /** The three tables' rows, and the notes, with the store (zone {@code zone}) or without ({@code null}). */
    private record Computed(List<List<Row>> tables, List<String> notes) {
    }

    private Computed compute(String zone) {
        Dataset<Row> shipments = spark.read().format("delta").load(shipmentsTable());
        Dataset<Row> orders = spark.read().format("delta").load(ordersTable()).filter(col(Columns.PERIOD).leq(PERIOD.lastPeriod()));
        MetricsContext ctx = new MetricsContext(spark, null, Optional.of(orders), Optional.of(shipments), PERIOD);
        if (zone != null) {
            ctx.useLaneMonths(new LaneMonthsStore(storage, shipmentsTable(), Optional.of(ordersTable()), zone,
                    LogisticsLanes.groupSchema()));
        }
        try {
            // as a run of this size computes them: without compiled code (SparkSessions.withSettingsSizedTo)
            List<List<Row>> tables = SparkSessions.withSettingsSizedTo(spark, 0, () -> LogisticsLanes.compute(ctx,
                    LaneRanking.Weights.DEFAULT, 3).stream().map(MetricTable::collect).toList());
            return new Computed(tables, ctx.takeNotices());
        } finally {
            ctx.cached().forEach(Dataset::unpersist);
        }
    }

    /**
     * The tables computed with the store, after checking that they equal those computed from every shipment, and the
     * store's note.
     */
    private Computed computeBoth() {
        Computed kept = compute("UTC");
        Computed all = compute(null);
        assertThat(kept.tables()).hasSize(3);
        for (int t = 0; t < 3; t++) {
            assertThat(kept.tables().get(t)).map(Row::toString)
                    .containsExactlyElementsOf(all.tables().get(t).stream().map(Row::toString).toList());
        }
        assertThat(all.notes()).noneMatch(n -> n.startsWith("logistics_lanes"));
        return new Computed(kept.tables(), kept.notes().stream().filter(n -> n.startsWith("logistics_lanes: ")).toList());
    }

    private static Row lane(List<Row> lanes, String carrier, String country, String period) {
        return lanes.stream().filter(r -> carrier.equals(r.getString(0)) && "Standard".equals(r.getString(1))
                && country.equals(r.getString(2)) && "ALL".equals(r.getString(3)) && period.equals(r.getString(4)))
                .findFirst().orElseThrow();
    }

    @Test
    void aNightGroupsAgainTheMonthsWhoseShipmentsOrOrdersChanged() {
        writeShipments(List.of(
                shipment("s1", "o1", "DHL", "DE", "2024-07-03", "2024-07-08", 5.0),
                shipment("s2", "o2", "DHL", "US", "2024-08-04", "2024-08-09", 6.0),
                shipment("s3", "o3", "UPS", "US", "2024-08-10", null, 7.0),
                shipment("s4", "o4", "DHL", "DE", "2024-09-02", "2024-09-06", 8.0),
                shipment("s5", "o5", "UPS", "US", "2024-10-01", "2024-10-03", 9.0)), SaveMode.ErrorIfExists);
        // o2 was ordered in July and shipped in August
        writeOrders(List.of(order("2024-07", "o1", 50.0), order("2024-07", "o2", 40.0), order("2024-08", "o3", 30.0),
                order("2024-09", "o4", 20.0), order("2024-10", "o5", 10.0)), null);

        Computed first = computeBoth();
        assertThat(first.notes()).containsExactly("logistics_lanes: every month grouped (no copy of an earlier run's lane months)");
        // August, DHL to the US: s2's cost 6 over o2's revenue 40
        assertThat(lane(first.tables().get(0), "DHL", "US", "2024-08").getDouble(19)).isEqualTo(0.15);

        // o2 cancelled: the orders' July no longer holds it, and s2 (August, whose logistics partition no commit touched)
        // has no order revenue any more — found through July's orders as the copy saw them; o1, in the same month of the
        // orders, kept its revenue, so July's rows are kept
        writeOrders(List.of(order("2024-07", "o1", 50.0)), "period = '2024-07'");
        Computed cancelled = computeBoth();
        assertThat(cancelled.notes()).containsExactly(
                "logistics_lanes: 1 month(s) grouped (2024-08), the others kept from the last run");
        Row august = lane(cancelled.tables().get(0), "DHL", "US", "2024-08");
        assertThat(august.isNullAt(19)).isTrue();
        assertThat(august.getString(25)).contains("no_order_revenue");

        // a shipment added to July: the months around its partition are grouped again (June has none)
        writeShipments(List.of(shipment("s6", "o1", "DHL", "DE", "2024-07-20", "2024-07-25", 4.0)), SaveMode.Append);
        Computed added = computeBoth();
        assertThat(added.notes()).containsExactly(
                "logistics_lanes: 3 month(s) grouped (2024-06, 2024-07, 2024-08), the others kept from the last run");
        assertThat(lane(added.tables().get(0), "DHL", "DE", "2024-07").getLong(5)).isEqualTo(2);

        // o3's revenue changed (August's orders): s3's month, August, is grouped again; UPS to the US then has a cost
        // share of 7 / 35
        writeOrders(List.of(order("2024-08", "o3", 35.0)), "period = '2024-08'");
        Computed repriced = computeBoth();
        assertThat(repriced.notes()).containsExactly(
                "logistics_lanes: 1 month(s) grouped (2024-08), the others kept from the last run");
        assertThat(lane(repriced.tables().get(0), "UPS", "US", "2024-08").getDouble(19)).isEqualTo(0.2);

        // nothing changed: only the window is grouped
        assertThat(compute("UTC").notes()).contains("logistics_lanes: 0 month(s) grouped, the others kept from the last run");
    }

    @Test
    void aCopyOfAnotherTimeZoneIsNotUsed() {
        writeShipments(List.of(shipment("s1", "o1", "DHL", "DE", "2024-07-03", "2024-07-08", 5.0)), SaveMode.ErrorIfExists);
        writeOrders(List.of(order("2024-07", "o1", 50.0)), null);
        compute("UTC");
        assertThat(compute("Asia/Shanghai").notes()).contains(
                "logistics_lanes: every month grouped (the copy's months are in time zone UTC, not Asia/Shanghai)");
    }

    @Test
    void rowsComeBackAsWritten() throws IOException {
        StructType schema = new StructType().add("t", DataTypes.StringType).add("n", DataTypes.LongType)
                .add("x", DataTypes.DoubleType).add("level", DataTypes.IntegerType, false);
        List<Row> rows = List.of(RowFactory.create("DHL", 3L, -0.0, 0), RowFactory.create(null, null, null, 3),
                RowFactory.create("中通", Long.MIN_VALUE, 0.1 + 0.2, 2), RowFactory.create("", 0L, Double.NaN, 1));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            LaneMonthsStore.writeRows(out, rows, schema);
        }
        List<Row> back = LaneMonthsStore.readRows(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), schema);
        assertThat(back).map(Row::toString).containsExactlyElementsOf(rows.stream().map(Row::toString).toList());
        assertThat(Double.doubleToRawLongBits(back.get(0).getDouble(2))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(back.get(2).getDouble(2)).isEqualTo(0.30000000000000004);

        StructType fewer = new StructType().add("t", DataTypes.StringType);
        assertThatThrownBy(() -> LaneMonthsStore.readRows(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), fewer))
                .isInstanceOf(IOException.class).hasMessage("4 columns, not 1");
    }
}
