package io.marketlens.metrics.logistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.testing.SparkTestSession;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The lanes computed in the tasks do not depend on how many partitions the groups (months, countries, all) are spread
 * over: every group's sums are exact, whichever partition holds it, whatever else does and in whatever order its
 * shipments arrive.
 */
class LaneChunksTest {

    private static final long DAY = 86_400_000_000L;

    @Test
    void theLanesAreTheSameInOneThreeOrSixteenPartitions() {
        SparkSession spark = SparkTestSession.get();
        StructType schema = new StructType().add("carrier", DataTypes.StringType).add("service", DataTypes.StringType)
                .add("destination_country", DataTypes.StringType).add("destination_region", DataTypes.StringType)
                .add("period", DataTypes.StringType).add("status", DataTypes.StringType)
                .add("_ship", DataTypes.LongType).add("_delivered", DataTypes.LongType).add("_promised", DataTypes.LongType)
                .add("cost_base", DataTypes.DoubleType).add("weight_kg", DataTypes.DoubleType)
                .add("order_id", DataTypes.StringType).add("_order_revenue", DataTypes.DoubleType)
                .add("shipment_id", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        String[] months = {"2024-10", "2024-11", "2024-12", "2025-01", "2025-02", "2025-03"};
        for (int i = 0; i < 60; i++) {
            String month = months[i % months.length];
            long ship = LocalDate.parse(month + "-05").toEpochDay() * DAY;
            boolean delivered = i % 5 != 0;
            rows.add(RowFactory.create(i % 2 == 0 ? "DHL" : "UPS", i % 3 == 0 ? "Express" : "Standard", i % 4 == 0 ? "DE" : "US",
                    i % 7 == 0 ? "CA" : "NY", month, delivered ? "delivered" : "in_transit", ship,
                    delivered ? ship + (3 + i % 9) * DAY : null, ship + 7 * DAY, 4.0 + i % 6 * 0.7, 0.5 + i % 4 * 0.25,
                    "o" + (i % 40), 20.0 + i, String.format("s%03d", 59 - i)));
        }
        Dataset<Row> shipments = spark.createDataFrame(rows, schema);
        AnalysisPeriod period = new AnalysisPeriod(LocalDate.parse("2025-03-31"), 3);

        // in one partition every group's rows come in one task; in 3 and 16 the groups are spread over several, in the
        // order of their partitions, not of the calendar
        List<Row> atOnce = LogisticsLanes.Grouped.of(shipments, period, 1).lanes();
        List<Row> in16 = LogisticsLanes.Grouped.of(shipments, period, 16).lanes();
        List<Row> in3 = LogisticsLanes.Grouped.of(shipments, period, 3).lanes();

        assertThat(atOnce).hasSizeGreaterThan(6 * 4);
        assertThat(in16).map(Row::toString).containsExactlyElementsOf(atOnce.stream().map(Row::toString).toList());
        assertThat(in3).map(Row::toString).containsExactlyElementsOf(atOnce.stream().map(Row::toString).toList());
        // the all-lanes window row holds the window's three months: 30 shipments
        assertThat(atOnce).filteredOn(r -> "ALL".equals(r.getString(0)) && "ALL".equals(r.getString(2))
                        && "window".equals(r.getString(4)))
                .singleElement().satisfies(r -> assertThat(r.getLong(5)).isEqualTo(30));
        // to DE (i % 4 == 0) in the window (i % 6 in 3..5): i = 4, 16, 28, 40, 52
        assertThat(atOnce).filteredOn(r -> "ALL".equals(r.getString(0)) && "DE".equals(r.getString(2))
                        && "ALL".equals(r.getString(3)) && "window".equals(r.getString(4)))
                .singleElement().satisfies(r -> assertThat(r.getLong(5)).isEqualTo(5));
        // the forecast's monthly series: 2024-10 holds i = 0, 6, …, 54 (10 shipments), of which 0, 12, 24, 36, 48 to DE
        LogisticsLanes.Grouped grouped = LogisticsLanes.Grouped.of(shipments, period, 3);
        assertThat(grouped.perCountry().get("DE").get("2024-10")).isEqualTo(5L);
        assertThat(grouped.perCountry().get("US").get("2024-10")).isEqualTo(5L);
        assertThat(grouped.perCountry().get("ALL").get("2024-10")).isEqualTo(10L);
        assertThat(grouped.perCountry().get("ALL")).hasSize(6);
    }
}
