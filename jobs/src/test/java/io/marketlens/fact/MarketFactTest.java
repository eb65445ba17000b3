package io.marketlens.fact;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.testing.SparkTestSession;
import io.marketlens.tables.Columns;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The sales rows of the market fact, checked by hand on a few lines. */
class MarketFactTest {

    private static final StructType SALES = new StructType()
            .add(Columns.PLATFORM, DataTypes.StringType).add(Columns.MARKETPLACE, DataTypes.StringType)
            .add(Columns.CATEGORY, DataTypes.StringType).add(MarketFact.PRODUCT, DataTypes.StringType)
            .add(MarketFact.SELLER, DataTypes.StringType).add(MarketFact.BRAND, DataTypes.StringType)
            .add(MarketFact.TITLE, DataTypes.StringType).add(MarketFact.ORDER_ID, DataTypes.StringType)
            .add("order_ts", DataTypes.TimestampType).add("quantity", DataTypes.IntegerType)
            .add("unit_price_base", DataTypes.DoubleType).add("status", DataTypes.StringType)
            .add(MarketFact.LAUNCH_DATE, DataTypes.DateType);

    private final List<Row> lines = new ArrayList<>();

    private void line(String product, String category, String brand, String title, String order, String ts, int quantity,
                      double price, String status, String launch) {
        lines.add(RowFactory.create("amazon", "US", category, product, "s1", brand, title, order, Instant.parse(ts),
                quantity, price, status, launch == null ? null : LocalDate.parse(launch)));
    }

    @Test
    void salesRowsCountDistinctOrdersAndKeepTheLatestTitleTheGreatestBrandAndTheEarliestLaunch() {
        SparkSession spark = SparkTestSession.get();
        // p1 in 2025-03: orders o1 (two lines), o2, o3 (cancelled: not demand); the title changed on 2025-03-20
        line("p1", "toys", "Acme", "Old title", "o1", "2025-03-02T10:00:00Z", 2, 5.0, null, "2024-01-10");
        line("p1", "toys", "Acme", "Old title", "o1", "2025-03-02T10:00:00Z", 1, 7.5, "shipped", null);
        line("p1", "toys", "acme", "New title", "o2", "2025-03-21T08:00:00Z", 3, 5.0, "delivered", "2023-12-31");
        line("p1", "toys", "Zeta", "Cancelled title", "o3", "2025-03-30T08:00:00Z", 9, 5.0, "cancelled", "2020-01-01");
        // p1 in 2025-04: one line, no launch date, no brand
        line("p1", "toys", null, "April title", "o4", "2025-04-01T00:30:00Z", 4, 2.5, null, null);
        // p2 in 2025-03 in a null category: an order of two lines with p1 (o2) counts once here too
        line("p2", null, "Beta", "P2 title", "o2", "2025-03-21T08:00:00Z", 1, 10.0, null, null);
        Dataset<Row> sales = spark.createDataFrame(lines, SALES);

        List<Row> rows = MarketFact.fromSales(sales, new FactSettings("UTC", List.of("cancelled"))).collectAsList();

        Map<String, Row> byKey = new TreeMap<>();
        for (Row r : rows) {
            byKey.put(r.getAs(MarketFact.PRODUCT) + "/" + r.getAs(Columns.PERIOD), r);
        }
        assertThat(byKey).containsOnlyKeys("p1/2025-03", "p1/2025-04", "p2/2025-03");
        Row march = byKey.get("p1/2025-03");
        assertThat(march.<Long>getAs(Columns.UNITS)).isEqualTo(6L); // 2 + 1 + 3
        assertThat(march.<Double>getAs(Columns.REVENUE)).isEqualTo(32.5); // 10 + 7.5 + 15
        assertThat(march.<Long>getAs(Columns.ORDERS)).isEqualTo(2L); // o1, o2
        assertThat(march.<String>getAs(MarketFact.BRAND)).isEqualTo("acme"); // "acme" > "Acme"; Zeta was cancelled
        assertThat(march.<String>getAs(MarketFact.TITLE)).isEqualTo("New title");
        assertThat(march.<LocalDate>getAs(MarketFact.LAUNCH_DATE)).isEqualTo(LocalDate.of(2023, 12, 31));
        assertThat(march.<Double>getAs(MarketFact.PRICE)).isEqualTo(32.5 / 6);
        assertThat(march.<String>getAs(MarketFact.SOURCE)).isEqualTo(MarketFact.SALES);
        assertThat(march.<String>getAs(Columns.CATEGORY)).isEqualTo("toys");

        Row april = byKey.get("p1/2025-04");
        assertThat(april.<Long>getAs(Columns.UNITS)).isEqualTo(4L);
        assertThat(april.<Double>getAs(Columns.REVENUE)).isEqualTo(10.0);
        assertThat(april.<Long>getAs(Columns.ORDERS)).isEqualTo(1L);
        assertThat(april.<String>getAs(MarketFact.BRAND)).isNull();
        assertThat(april.<String>getAs(MarketFact.TITLE)).isEqualTo("April title");
        assertThat(april.<Object>getAs(MarketFact.LAUNCH_DATE)).isNull();

        Row p2 = byKey.get("p2/2025-03");
        assertThat(p2.<String>getAs(Columns.CATEGORY)).isNull();
        assertThat(p2.<Long>getAs(Columns.ORDERS)).isEqualTo(1L);
        assertThat(p2.<Double>getAs(Columns.REVENUE)).isEqualTo(10.0);
        assertThat(p2.<String>getAs(MarketFact.TITLE)).isEqualTo("P2 title");
        assertThat(p2.<String>getAs(MarketFact.BRAND)).isEqualTo("Beta");
    }
}
