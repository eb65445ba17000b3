package io.marketlens.metrics.own;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Tables;
import io.marketlens.testing.FactRows;
import io.marketlens.testing.SparkTestSession;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed own-store table. Toys on amazon US, as-of 2024-12-31: window 2024-01 … 2024-12, previous window 2023;
 * the data begins 2023-01. The own store is seller {@code us}.
 *
 * <pre>
 *  market fact     2023-01    2023-06             2024-06
 *  us (sales)      –          10 u, 100           15 u, 150
 *  a  (snapshots)  5 u, 100   30 u, 900           20 u, 500
 *  b  (snapshots)  –          –                   10 u, 300
 *  c  (snapshots)  –          –                    5 u, 150   (ties with us)
 *  market          100        1000                1100 (50 u)
 *
 *  own sales lines (status; unit_price_base × quantity)
 *  2023-06  o0/1 delivered   10 × 10 = 100
 *  2024-06  o1/1 delivered    5 × 10 =  50
 *           o1/2 returned     5 × 10 =  50
 *           o2/1 shipped      5 × 10 =  50
 *           o3/1 cancelled    2 × 20 =  40
 *           o4/1 " Canceled "  1 × 10 = 10    (trimmed, lower-case: cancelled)
 *  (and a line of seller a, cancelled: not the own store's)
 *
 *  shipments (lane DHL / Express / US unless said)
 *  s1 o1  06-10 → 06-12 12:00 (2.5 d), promised 06-13: on time
 *  s2 o2  06-11 → 06-15 (4 d), promised 06-14: late
 *  s8 o2  06-20, in transit
 *  s3 o3  06-12 → 06-13 (1 d), promised 06-14: on time      (the order was cancelled: not own, in the lane)
 *  s4 x9  06-01 → 06-02 (1 d), promised 06-05: on time      (another seller's order, in the lane)
 *  s6 x7  05-01 → 05-21 (20 d), promised 05-30: on time     (in the lane, a month without own shipments)
 *  s5 x8  UPS / Ground / US 06-01 → 06-11 (10 d)             (a lane the own store does not use)
 *  s7 o1  2025-01-02, after the as-of date: left out
 * </pre>
 */
class OwnStoreTableTest {

    private static final AnalysisPeriod PERIOD = new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12);
    private static final LineStatuses STATUSES = new LineStatuses(List.of("cancelled", "canceled"), List.of("returned", "refunded"));

    private final SparkSession spark = SparkTestSession.get();

    private static FactRows market() {
        return new FactRows()
                .listing("amazon", "US", "Toys", "2023-01", "p-a", "a", 5, 100, null, null)
                .sale("amazon", "US", "Toys", "2023-06", "p-us", "us", 10, 100)
                .listing("amazon", "US", "Toys", "2023-06", "p-a", "a", 30, 900, null, null)
                .sale("amazon", "US", "Toys", "2024-06", "p-us", "us", 15, 150)
                .listing("amazon", "US", "Toys", "2024-06", "p-a", "a", 20, 500, null, null)
                .listing("amazon", "US", "Toys", "2024-06", "p-b", "b", 10, 300, null, null)
                .listing("amazon", "US", "Toys", "2024-06", "p-c", "c", 5, 150, null, null);
    }

    private Dataset<Row> sales() {
        StructType schema = new StructType().add("order_id", DataTypes.StringType).add("line_id", DataTypes.StringType)
                .add("order_ts", DataTypes.TimestampType).add("platform", DataTypes.StringType)
                .add("marketplace", DataTypes.StringType).add("category", DataTypes.StringType)
                .add("seller_id", DataTypes.StringType).add("product_id", DataTypes.StringType)
                .add("quantity", DataTypes.LongType).add("status", DataTypes.StringType)
                .add("unit_price_base", DataTypes.DoubleType);
        return spark.createDataFrame(List.of(
                line("o0", "1", "2023-06-15T10:00:00Z", "us", 10, "delivered", 10.0),
                line("o1", "1", "2024-06-05T10:00:00Z", "us", 5, "delivered", 10.0),
                line("o1", "2", "2024-06-05T10:00:00Z", "us", 5, "returned", 10.0),
                line("o2", "1", "2024-06-07T10:00:00Z", "us", 5, "shipped", 10.0),
                line("o3", "1", "2024-06-08T10:00:00Z", "us", 2, "cancelled", 20.0),
                line("o4", "1", "2024-06-09T10:00:00Z", "us", 1, " Canceled ", 10.0),
                line("oa", "1", "2024-06-09T10:00:00Z", "a", 1, "cancelled", 500.0)), schema);
    }

    private static Row line(String order, String lineId, String ts, String seller, long quantity, String status, double price) {
        return RowFactory.create(order, lineId, Timestamp.from(Instant.parse(ts)), "amazon", "US", "Toys", seller, "p-" + seller,
                quantity, status, price);
    }

    private Dataset<Row> shipments() {
        StructType schema = new StructType().add("shipment_id", DataTypes.StringType).add("order_id", DataTypes.StringType)
                .add("carrier", DataTypes.StringType).add("service", DataTypes.StringType)
                .add("destination_country", DataTypes.StringType).add("destination_region", DataTypes.StringType)
                .add("ship_ts", DataTypes.TimestampType).add("promised_ts", DataTypes.TimestampType)
                .add("delivered_ts", DataTypes.TimestampType).add("status", DataTypes.StringType)
                .add("cost_base", DataTypes.DoubleType).add("weight_kg", DataTypes.createDecimalType(22, 6));
        return spark.createDataFrame(List.of(
                shipment("s1", "o1", "DHL", "2024-06-10T00:00:00Z", "2024-06-13T00:00:00Z", "2024-06-12T12:00:00Z"),
                shipment("s2", "o2", "DHL", "2024-06-11T00:00:00Z", "2024-06-14T00:00:00Z", "2024-06-15T00:00:00Z"),
                shipment("s8", "o2", "DHL", "2024-06-20T00:00:00Z", null, null),
                shipment("s3", "o3", "DHL", "2024-06-12T00:00:00Z", "2024-06-14T00:00:00Z", "2024-06-13T00:00:00Z"),
                shipment("s4", "x9", "DHL", "2024-06-01T00:00:00Z", "2024-06-05T00:00:00Z", "2024-06-02T00:00:00Z"),
                shipment("s6", "x7", "DHL", "2024-05-01T00:00:00Z", "2024-05-30T00:00:00Z", "2024-05-21T00:00:00Z"),
                shipment("s5", "x8", "UPS", "2024-06-01T00:00:00Z", null, "2024-06-11T00:00:00Z"),
                shipment("s7", "o1", "DHL", "2025-01-02T00:00:00Z", null, null)), schema);
    }

    private static Row shipment(String id, String order, String carrier, String ship, String promised, String delivered) {
        return RowFactory.create(id, order, carrier, carrier.equals("DHL") ? "Express" : "Ground", "US", null, ts(ship),
                ts(promised), ts(delivered), delivered == null ? "in_transit" : "delivered", null, null);
    }

    private static Timestamp ts(String instant) {
        return instant == null ? null : Timestamp.from(Instant.parse(instant));
    }

    private MetricsContext context(FactRows fact, boolean withShipments) {
        return new MetricsContext(spark, fact.build(spark), Optional.empty(),
                withShipments ? Optional.of(shipments()) : Optional.empty(), Optional.of(sales()), PERIOD);
    }

    private static Row row(MetricTable t, String platform, String category, String period) {
        return t.collect().stream().filter(r -> r.getAs(Columns.PLATFORM).equals(platform)
                        && r.getAs(Columns.CATEGORY).equals(category) && r.getAs(Columns.PERIOD).equals(period))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + platform + " " + category + " " + period));
    }

    @Test
    void salesCancellationsAndReturnsOfAMonth() {
        MetricTable t = OwnStoreTable.compute(context(market(), true), List.of("us"), STATUSES);
        Row june = row(t, "amazon", "Toys", "2024-06");
        // demand: o1 (50 + 50) and o2 (50): 150 over 15 units and 2 orders
        assertThat(june.<Double>getAs(Columns.REVENUE)).isEqualTo(150.0);
        assertThat(june.<Long>getAs(Columns.UNITS)).isEqualTo(15L);
        assertThat(june.<Long>getAs(Columns.ORDERS)).isEqualTo(2L);
        assertThat(june.<Double>getAs(Columns.AOV)).isEqualTo(75.0);
        // 5 lines, 2 cancelled (o3, o4 " Canceled "): 2/5 by line; (40 + 10) / 200 by revenue
        assertThat(june.<Long>getAs(Columns.LINES)).isEqualTo(5L);
        assertThat(june.<Long>getAs(Columns.ROWS)).isEqualTo(5L);
        assertThat(june.<Long>getAs(Columns.CANCELLED_LINES)).isEqualTo(2L);
        assertThat(june.<Double>getAs(Columns.CANCEL_RATE)).isEqualTo(0.4);
        assertThat(june.<Double>getAs(Columns.CANCEL_REVENUE_RATE)).isEqualTo(0.25);
        // 1 returned line (o1/2): 1/5 by line, 50/200 by revenue
        assertThat(june.<Long>getAs(Columns.RETURNED_LINES)).isEqualTo(1L);
        assertThat(june.<Double>getAs(Columns.RETURN_RATE)).isEqualTo(0.2);
        assertThat(june.<Double>getAs(Columns.RETURN_REVENUE_RATE)).isEqualTo(0.25);
    }

    @Test
    void shareRankAndPricePositionAgainstTheMarket() {
        MetricTable t = OwnStoreTable.compute(context(market(), true), List.of("us"), STATUSES);
        Row june = row(t, "amazon", "Toys", "2024-06");
        assertThat(june.<Double>getAs(Columns.MARKET_REVENUE)).isEqualTo(1100.0);
        assertThat(june.<Double>getAs(Columns.SHARE)).isCloseTo(150.0 / 1100, within(1e-15));
        // a 500 and b 300 above; c 150 ties with us 150 and shares the better rank: 1 + 2 = 3
        assertThat(june.<Integer>getAs(Columns.RANK)).isEqualTo(3);
        // a, b, c and the own store
        assertThat(june.<Long>getAs(Columns.SELLERS)).isEqualTo(4L);
        // own ASP 150 / 15 = 10; market ASP 1100 / 50 = 22; position 10 / 22
        assertThat(june.<Double>getAs(Columns.ASP)).isEqualTo(10.0);
        assertThat(june.<Double>getAs(Columns.MARKET_ASP)).isEqualTo(22.0);
        assertThat(june.<Double>getAs(Columns.PRICE_POSITION)).isCloseTo(10.0 / 22, within(1e-15));
        // the roll-ups of the only leaf carry the same figures
        Row all = row(t, "ALL", "ALL", "2024-06");
        assertThat(all.<String>getAs(Columns.MARKETPLACE)).isEqualTo("ALL");
        assertThat(all.<Integer>getAs(Columns.RANK)).isEqualTo(3);
        assertThat(all.<Double>getAs(Columns.CANCEL_RATE)).isEqualTo(0.4);
        // a month where only the market sells: no rank, share 0
        Row january = row(t, "amazon", "Toys", "2023-01");
        assertThat(january.<Double>getAs(Columns.REVENUE)).isEqualTo(0.0);
        assertThat(january.<Double>getAs(Columns.SHARE)).isEqualTo(0.0);
        assertThat(january.<Integer>getAs(Columns.RANK)).isNull();
        assertThat(january.<Long>getAs(Columns.SELLERS)).isEqualTo(1L);
        assertThat(january.<Double>getAs(Columns.CANCEL_RATE)).isNull();
        assertThat(january.<String>getAs(Columns.STATUS)).isEqualTo(String.join(Codes.STATUS_SEPARATOR,
                Codes.NO_OWN_PRODUCTS, Codes.INSUFFICIENT_HISTORY, Codes.NO_OWN_SHIPMENTS));
    }

    @Test
    void growthAgainstTheMarketInPercentagePoints() {
        MetricTable t = OwnStoreTable.compute(context(market(), true), List.of("us"), STATUSES);
        // the golden example: own 100 → 150 (+50 %), market 1000 → 1100 (+10 %): 100 · (0.5 − 0.1) = 40 points
        Row june = row(t, "amazon", "Toys", "2024-06");
        assertThat(june.<Double>getAs(Columns.GROWTH)).isCloseTo(0.5, within(1e-15));
        assertThat(june.<Double>getAs(Columns.MARKET_GROWTH)).isCloseTo(0.1, within(1e-15));
        assertThat(june.<Double>getAs(Columns.RELATIVE_GROWTH)).isCloseTo(40.0, within(1e-12));
        // the window against the previous window: own 150 / 100 − 1 = 0.5; market 1100 / (100 + 1000) − 1 = 0: 50 points
        Row window = row(t, "amazon", "Toys", "window");
        assertThat(window.<Double>getAs(Columns.GROWTH)).isCloseTo(0.5, within(1e-15));
        assertThat(window.<Double>getAs(Columns.MARKET_GROWTH)).isCloseTo(0.0, within(1e-15));
        assertThat(window.<Double>getAs(Columns.RELATIVE_GROWTH)).isCloseTo(50.0, within(1e-12));
        assertThat(window.<Double>getAs(Columns.CANCEL_RATE)).isEqualTo(0.4);
        // the previous window is written too: 2023, own 100 of the market's 1100, compared with 2022 (before the data)
        Row previous = row(t, "amazon", "Toys", AnalysisPeriod.PREVIOUS_WINDOW);
        assertThat(previous.<Double>getAs(Columns.REVENUE)).isEqualTo(100.0);
        assertThat(previous.<Double>getAs(Columns.MARKET_REVENUE)).isEqualTo(1100.0);
        assertThat(previous.<Integer>getAs(Columns.RANK)).isEqualTo(2);
        assertThat(previous.<Double>getAs(Columns.GROWTH)).isNull();
        assertThat(previous.<String>getAs(Columns.STATUS)).isEqualTo(Codes.INSUFFICIENT_HISTORY + ";" + Codes.NO_OWN_SHIPMENTS);
        // 2023-06 against 2022-06, before the data
        Row june2023 = row(t, "amazon", "Toys", "2023-06");
        assertThat(june2023.<Double>getAs(Columns.GROWTH)).isNull();
        assertThat(june2023.<Double>getAs(Columns.MARKET_GROWTH)).isNull();
        assertThat(june2023.<Integer>getAs(Columns.RANK)).isEqualTo(2); // a 900 above us 100
    }

    @Test
    void ownDeliveryBesideItsLanes() {
        MetricTable t = OwnStoreTable.compute(context(market(), true), List.of("us"), STATUSES);
        Row june = row(t, "amazon", "Toys", "2024-06");
        // own: s1 2.5 d on time, s2 4 d late, s8 in transit → 3 shipments, median (2.5 + 4) / 2, on time 1 of 2
        assertThat(june.<Long>getAs(Columns.SHIPMENTS)).isEqualTo(3L);
        assertThat(june.<Double>getAs(Columns.LEAD_TIME_P50)).isEqualTo(3.25);
        assertThat(june.<Double>getAs(Columns.ON_TIME_RATE)).isEqualTo(0.5);
        // the lane in June: s1 2.5, s2 4, s3 1, s4 1 → sorted 1, 1, 2.5, 4: median 1.75; on time 3 of 4 (UPS left out)
        assertThat(june.<Double>getAs(Columns.LANE_LEAD_TIME_P50)).isEqualTo(1.75);
        assertThat(june.<Double>getAs(Columns.LANE_ON_TIME_RATE)).isEqualTo(0.75);
        assertThat(june.<String>getAs(Columns.STATUS)).isNull();
        // the window adds May's s6 (20 d, on time) to the lane: 1, 1, 2.5, 4, 20 → 2.5; on time 4 of 5; s7 left out
        Row window = row(t, "amazon", "Toys", "window");
        assertThat(window.<Long>getAs(Columns.SHIPMENTS)).isEqualTo(3L);
        assertThat(window.<Double>getAs(Columns.LEAD_TIME_P50)).isEqualTo(3.25);
        assertThat(window.<Double>getAs(Columns.LANE_LEAD_TIME_P50)).isEqualTo(2.5);
        assertThat(window.<Double>getAs(Columns.LANE_ON_TIME_RATE)).isEqualTo(0.8);
        // without a shipments table: none, with its status
        Row bare = row(OwnStoreTable.compute(context(market(), false), List.of("us"), STATUSES), "amazon", "Toys", "2024-06");
        assertThat(bare.<Long>getAs(Columns.SHIPMENTS)).isZero();
        assertThat(bare.<Double>getAs(Columns.LEAD_TIME_P50)).isNull();
        assertThat(bare.<Double>getAs(Columns.LANE_LEAD_TIME_P50)).isNull();
        assertThat(bare.<String>getAs(Columns.STATUS)).isEqualTo(Codes.NO_OWN_SHIPMENTS);
        assertThat(bare.<Double>getAs(Columns.REVENUE)).isEqualTo(150.0);
    }

    @Test
    void theOwnShipmentsAreTheSameWithTheOrdersSentToTheTasksOrShuffled() {
        Dataset<Row> lines = OwnStoreTable.ownLines(sales(), List.of("us"), PERIOD);
        Dataset<Row> shipments = io.marketlens.metrics.logistics.LogisticsLanes.shipments(shipments(), Optional.empty(), PERIOD);
        List<String> present = lines.select("status").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        Dataset<Row> broadcast = OwnStoreTable.ownShipments(shipments, lines, STATUSES, present, true);
        Dataset<Row> shuffled = OwnStoreTable.ownShipments(shipments, lines, STATUSES, present, false);
        assertThat(broadcast.queryExecution().executedPlan().toString()).contains("BroadcastHashJoin");
        // o1's s1 (its s7 ships after the last full month: not among the shipments), o2's s2 and s8; o3 is cancelled,
        // x7, x8 and x9 are no own orders
        List<String> ids = broadcast.select("shipment_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList()
                .stream().sorted().toList();
        assertThat(ids).containsExactly("s1", "s2", "s8");
        assertThat(broadcast.exceptAll(shuffled).count()).isZero();
        assertThat(shuffled.exceptAll(broadcast).count()).isZero();
    }

    /**
     * Aggregated lines of the own store (Amazon's Business Report: one line per child ASIN and month) with their listings'
     * traffic, in 2024-06 (amazon US Toys):
     * <pre>
     *  line  status       units  sessions  page views  buy box
     *  a     aggregated   10     200       260         0.90
     *  b     aggregated    5     100       150         0.60
     *  c     aggregated    5     100       –           –
     *  d     aggregated    3     –         –           –
     *  e     cancelled     2     1000      1000        0.10    (no demand: left out)
     * </pre>
     * sessions = 200 + 100 + 100 = 400; page_views = 260 + 150 = 410; conversion_rate = units of the lines with sessions
     * (10 + 5 + 5 = 20) ÷ 400 = 0.05 (d's 3 units have no sessions); buy_box_pct = (200 · 0.90 + 100 · 0.60) ÷ (200 + 100)
     * = 240 ÷ 300 = 0.8 (c has sessions but no buy-box share).
     */
    private Dataset<Row> trafficSales() {
        StructType schema = new StructType().add("order_id", DataTypes.StringType).add("line_id", DataTypes.StringType)
                .add("order_ts", DataTypes.TimestampType).add("platform", DataTypes.StringType)
                .add("marketplace", DataTypes.StringType).add("category", DataTypes.StringType)
                .add("seller_id", DataTypes.StringType).add("product_id", DataTypes.StringType)
                .add("quantity", DataTypes.LongType).add("status", DataTypes.StringType)
                .add("unit_price_base", DataTypes.DoubleType).add("sessions", DataTypes.LongType)
                .add("page_views", DataTypes.LongType).add("buy_box_pct", DataTypes.DoubleType);
        Timestamp june = Timestamp.from(Instant.parse("2024-06-30T00:00:00Z"));
        Timestamp june2023 = Timestamp.from(Instant.parse("2023-06-30T00:00:00Z"));
        return spark.createDataFrame(List.of(
                RowFactory.create("30-06-2024", "a", june, "amazon", "US", "Toys", "us", "p-a", 10L, "aggregated", 10.0, 200L, 260L, 0.90),
                RowFactory.create("30-06-2024", "b", june, "amazon", "US", "Toys", "us", "p-b", 5L, "aggregated", 10.0, 100L, 150L, 0.60),
                RowFactory.create("30-06-2024", "c", june, "amazon", "US", "Toys", "us", "p-c", 5L, "aggregated", 10.0, 100L, null, null),
                RowFactory.create("30-06-2024", "d", june, "amazon", "US", "Toys", "us", "p-d", 3L, "aggregated", 10.0, null, null, null),
                RowFactory.create("30-06-2024", "e", june, "amazon", "US", "Toys", "us", "p-e", 2L, "cancelled", 10.0, 1000L, 1000L, 0.10),
                RowFactory.create("30-06-2023", "a", june2023, "amazon", "US", "Toys", "us", "p-a", 10L, "aggregated", 10.0, null, null, null)),
                schema);
    }

    @Test
    void sessionsPageViewsConversionAndBuyBoxShareOfTheOwnLines() {
        MetricsContext ctx = new MetricsContext(spark, market().build(spark), Optional.empty(), Optional.empty(),
                Optional.of(trafficSales()), PERIOD);
        MetricTable t = OwnStoreTable.compute(ctx, List.of("us"), STATUSES);
        for (String period : List.of("2024-06", "window")) {
            for (Row r : List.of(row(t, "amazon", "Toys", period), row(t, "ALL", "ALL", period))) {
                assertThat(r.<Long>getAs(Columns.UNITS)).as(period).isEqualTo(23L);
                assertThat(r.<Long>getAs(Columns.SESSIONS)).as(period).isEqualTo(400L);
                assertThat(r.<Long>getAs(Columns.PAGE_VIEWS)).as(period).isEqualTo(410L);
                assertThat(r.<Double>getAs(Columns.CONVERSION_RATE)).as(period).isCloseTo(0.05, within(1e-15));
                assertThat(r.<Double>getAs(Columns.BUY_BOX_PCT)).as(period).isCloseTo(0.8, within(1e-15));
            }
        }
        // 2023-06: an own line without traffic, so no traffic figures (not zero)
        Row june2023 = row(t, "amazon", "Toys", "2023-06");
        assertThat(june2023.<Long>getAs(Columns.UNITS)).isEqualTo(10L);
        assertThat(june2023.<Long>getAs(Columns.SESSIONS)).isNull();
        assertThat(june2023.<Long>getAs(Columns.PAGE_VIEWS)).isNull();
        assertThat(june2023.<Double>getAs(Columns.CONVERSION_RATE)).isNull();
        assertThat(june2023.<Double>getAs(Columns.BUY_BOX_PCT)).isNull();
        // sales lines without the traffic columns (a sales table written before them): empty as well
        Row without = row(OwnStoreTable.compute(context(market(), false), List.of("us"), STATUSES), "amazon", "Toys", "2024-06");
        assertThat(without.<Long>getAs(Columns.SESSIONS)).isNull();
        assertThat(without.<Double>getAs(Columns.CONVERSION_RATE)).isNull();
        assertThat(without.<Double>getAs(Columns.BUY_BOX_PCT)).isNull();
    }

    @Test
    void rowsPerScopeAndPeriodInOrder() {
        MetricTable t = OwnStoreTable.compute(context(market(), true), List.of("us"), STATUSES);
        // 8 scopes (one leaf) × (2023-01, 2023-06, 2024-06, previous_window, window)
        assertThat(t.collect()).hasSize(40);
        List<String> first = new ArrayList<>();
        t.collect().stream().limit(5).forEach(r -> first.add(r.getAs(Columns.PERIOD)));
        assertThat(first).containsExactly("2023-01", "2023-06", "2024-06", "previous_window", "window");
        assertThat(t.collect().get(0).<String>getAs(Columns.PLATFORM)).isEqualTo("ALL");
    }

    @Test
    void theOnlySellerOfTheSalesIsTheOwnStoreAndWithoutOneTheTableIsEmpty() {
        // no own_seller_ids: us is the only seller of the fact's sales rows
        MetricTable implicit = OwnStoreTable.compute(context(market(), true), List.of(), STATUSES);
        assertThat(row(implicit, "amazon", "Toys", "2024-06").<Double>getAs(Columns.REVENUE)).isEqualTo(150.0);

        // a second sales seller and no own_seller_ids: no own store, no rows, one notice
        MetricsContext ctx = context(market().sale("amazon", "US", "Toys", "2024-06", "p-z", "z", 1, 10), true);
        MetricTable none = OwnStoreTable.compute(ctx, List.of(), STATUSES);
        assertThat(none.collect()).isEmpty();
        assertThat(none.name()).isEqualTo(Tables.OWN_STORE.name());
        assertThat(ctx.takeNotices()).containsExactly("own_store has no rows: no own store is known");
    }

    @Test
    void lineStatusesAreComparedTrimmedAndLowerCase() {
        LineStatuses s = new LineStatuses(List.of(" Cancelled "), List.of("REFUNDED"));
        assertThat(s.isCancelled("CANCELLED ")).isTrue();
        assertThat(s.isReturned(" refunded")).isTrue();
        assertThat(s.isCancelled(null)).isFalse();
        assertThat(s.isReturned("shipped")).isFalse();
        // a line is cancelled or returned, never both
        LineStatuses both = new LineStatuses(List.of("x"), List.of("x"));
        assertThat(both.isReturned("x")).isFalse();
    }

    @Test
    void sparksFormOfACancelledLineAgreesWithTheDriversForTheStatusesPresent() {
        LineStatuses s = new LineStatuses(List.of(" Cancelled ", "已取消"), List.of("REFUNDED"));
        List<String> statuses = java.util.Arrays.asList("CANCELLED ", " cancelled", "Cancelled", "已取消", "Shipped", "refunded",
                "Cancelled Order", null);
        StructType schema = new StructType().add("status", DataTypes.StringType);
        Dataset<Row> rows = spark.createDataFrame(statuses.stream().map(v -> RowFactory.create(v)).toList(), schema);
        List<String> present = statuses.stream().filter(java.util.Objects::nonNull).toList();
        List<Row> read = rows.select(org.apache.spark.sql.functions.col("status"),
                s.cancelled(org.apache.spark.sql.functions.col("status"), present).as("cancelled")).collectAsList();
        assertThat(read).hasSize(8);
        for (Row r : read) {
            assertThat(r.getBoolean(1)).as("status %s", r.getString(0)).isEqualTo(s.isCancelled(r.getString(0)));
        }
        // the first four read as cancelled; "Cancelled Order", "Shipped", "refunded" and the missing status do not
        assertThat(read.stream().filter(r -> r.getBoolean(1)).count()).isEqualTo(4);
        // a status the lines do not hold matches nothing: no rows are cancelled
        assertThat(rows.filter(s.cancelled(org.apache.spark.sql.functions.col("status"), List.of("Shipped"))).count()).isZero();
    }
}
