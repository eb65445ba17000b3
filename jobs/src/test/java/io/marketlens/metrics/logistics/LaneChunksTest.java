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
 * The lanes streamed a partition of whole months at a time (as at 10 M lines) equal the lanes read at once: a month's
 * groups are closed with the month, the window's groups add every month's shipments in the same order.
 */
class LaneChunksTest {

    private static final long DAY = 86_400_000_000L;

    @Test
    void streamingByPartitionsOfMonthsGivesTheSameLanesAsReadingAtOnce() {
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

        List<Row> atOnce = LogisticsLanes.Accumulated.of(rows, period).lanes();
        // streamed in partitions of whole months, which arrive in the order of their partitions, not of the calendar
        List<Row> in16 = LogisticsLanes.Accumulated.of(shipments, period, 16).lanes();
        List<Row> in3 = LogisticsLanes.Accumulated.of(shipments, period, 3).lanes();

        assertThat(atOnce).hasSizeGreaterThan(6 * 4);
        assertThat(in16).map(Row::toString).containsExactlyElementsOf(atOnce.stream().map(Row::toString).toList());
        assertThat(in3).map(Row::toString).containsExactlyElementsOf(atOnce.stream().map(Row::toString).toList());
        // the all-lanes window row holds the window's three months: 30 shipments
        assertThat(atOnce).filteredOn(r -> "ALL".equals(r.getString(0)) && "ALL".equals(r.getString(2))
                        && "window".equals(r.getString(4)))
                .singleElement().satisfies(r -> assertThat(r.getLong(5)).isEqualTo(30));
    }
}
