package io.marketlens.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.testing.SparkTestSession;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The orders the logistics tables join: every order a shipment names, and few others. */
class ShippedOrdersTest {

    private static final StructType ORDERS = new StructType().add("platform", DataTypes.StringType)
            .add("marketplace", DataTypes.StringType).add("category", DataTypes.StringType)
            .add("period", DataTypes.StringType).add("order_id", DataTypes.StringType).add("revenue", DataTypes.DoubleType);
    private static final StructType SHIPMENTS = new StructType().add("shipment_id", DataTypes.StringType)
            .add("order_id", DataTypes.StringType);

    @Test
    void everyOrderAShipmentNamesIsKeptWithAllItsRowsAndFewOthers() {
        SparkSession spark = SparkTestSession.get();
        List<Row> orders = new ArrayList<>();
        List<Row> shipments = new ArrayList<>();
        // 2,000 orders; the even ones have a shipment (order 0 two), order 4 has rows in two categories
        for (int i = 0; i < 2_000; i++) {
            orders.add(RowFactory.create("amazon", "US", "toys", "2025-03", "o" + i, 10.0 + i));
            if (i % 2 == 0) {
                shipments.add(RowFactory.create("s" + i, "o" + i));
            }
        }
        orders.add(RowFactory.create("amazon", "US", "games", "2025-04", "o4", 3.0));
        shipments.add(RowFactory.create("s0-bis", "o0"));
        shipments.add(RowFactory.create("s-none", null));
        MetricsContext ctx = new MetricsContext(spark, null, Optional.of(spark.createDataFrame(orders, ORDERS)),
                Optional.of(spark.createDataFrame(shipments, SHIPMENTS)), new AnalysisPeriod(LocalDate.parse("2025-04-30"), 3));

        List<Row> kept = ctx.shippedOrders().orElseThrow().collectAsList();

        Set<String> ids = new HashSet<>();
        int unnamed = 0;
        for (Row r : kept) {
            String id = r.getAs("order_id");
            ids.add(id);
            if (Integer.parseInt(id.substring(1)) % 2 == 1) {
                unnamed++;
            }
        }
        for (int i = 0; i < 2_000; i += 2) {
            assertThat(ids).contains("o" + i);
        }
        assertThat(kept.stream().filter(r -> "o4".equals(r.getAs("order_id"))).count()).isEqualTo(2);
        // 1,000 orders no shipment names; the filter lets about 1 % through (here 1,003 expected ids: fewer still)
        assertThat(unnamed).isLessThanOrEqualTo(30);
        // the same Dataset for every reader, kept until the metrics stage releases it
        assertThat(ctx.shippedOrders().orElseThrow()).isSameAs(ctx.shippedOrders().orElseThrow());
        assertThat(ctx.cached()).hasSize(1);
        ctx.cached().forEach(Dataset::unpersist);
    }

    @Test
    void withoutShipmentsEveryOrderIsKeptAndWithoutOrdersNone() {
        SparkSession spark = SparkTestSession.get();
        List<Row> orders = List.of(RowFactory.create("amazon", "US", "toys", "2025-03", "o1", 5.0),
                RowFactory.create("amazon", "US", "toys", "2025-03", "o2", 6.0));
        AnalysisPeriod period = new AnalysisPeriod(LocalDate.parse("2025-04-30"), 3);
        MetricsContext noShipments = new MetricsContext(spark, null, Optional.of(spark.createDataFrame(orders, ORDERS)), period);
        assertThat(noShipments.shippedOrders().orElseThrow().count()).isEqualTo(2);
        noShipments.cached().forEach(Dataset::unpersist);

        MetricsContext noOrders = new MetricsContext(spark, null, Optional.empty(),
                Optional.of(spark.createDataFrame(List.of(RowFactory.create("s1", "o1")), SHIPMENTS)), period);
        assertThat(noOrders.shippedOrders()).isEmpty();
    }
}
