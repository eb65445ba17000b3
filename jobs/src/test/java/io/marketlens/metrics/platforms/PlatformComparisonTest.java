package io.marketlens.metrics.platforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Tables;
import io.marketlens.testing.FactRows;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.TableRows;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The platform comparison from hand-made window figures of three platform × marketplaces A = amazon US, B = amazon DE,
 * C = aliexpress FR, and a thin D = shopee SG (5 orders):
 *
 * <pre>
 *        revenue  growth  hhi   asp            sellers  new share  lead p50  on time  cost share
 *   A    300      0.1     1000  300 / 10 = 30  40       0.2        8 (US)    0.9      5 / 100 = 0.05
 *   B    200      0.3     2000  200 / 10 = 20  20       0.1        12 (DE)   0.8      10 / 100 = 0.10
 *   C    100      0.2     3000  100 / 4 = 25   30       0.3        – (no shipments to FR)
 *   D    900      0.9      500  900 / 9 = 100  2        0.9        – (no shipments to SG; low volume)
 * </pre>
 *
 * The six market components of A, B, C take the values m − d, m, m + d in some order, so their z-scores are ±√(3/2)
 * = ±Z and 0; the three logistics components are known for A and B only: z = ±1 (mean of two, population sd = half
 * the gap). D is not z-scored and does not move the others. Signed, weighted (w = 1, 1, 1, ½, ½, 1, ½, ½, ½):
 * <pre>
 *   A: revenue +Z, growth −Z, hhi −(−Z) = +Z, asp ½Z, sellers −½Z, new 0, lead −½(−1), on time ½(+1), cost −½(−1)
 *      = Z + 1.5, over Σw = 6.5: score = (Z + 1.5) / 6.5 = 0.419191…
 *   B: revenue 0, growth +Z, hhi 0, asp −½Z, sellers +½Z, new −Z, lead −½, on time −½, cost −½
 *      = −1.5, over 6.5: score = −0.230769…
 *   C: revenue −Z, growth 0, hhi −Z, asp 0, sellers 0, new +Z, no logistics
 *      = −Z, over Σw = 5 (weights renormalised): score = −Z / 5 = −0.244949…
 * </pre>
 * Ranks A 1, B 2, C 3 (over 6.5 instead of 5, C would score −0.188 and pass B). The category Toys holds the same four
 * with the same figures; Garden only A (one candidate: every z 0, score 0, rank 1).
 */
class PlatformComparisonTest {

    private final SparkSession spark = SparkTestSession.get();
    private static final double Z = Math.sqrt(1.5);

    private static Map<String, Object> values(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The context with the own store "me" (or none when {@code own} is false). */
    private MetricsContext context() {
        // the fact: only the cube's scopes and the own share are read from it (own share A = 30 / 200, in Toys 30 / 120)
        FactRows fact = new FactRows()
                .sale("amazon", "US", "Toys", "2024-06", "p1", "me", 1, 30)
                .sale("amazon", "US", "Toys", "2024-06", "p2", "x", 1, 90)
                .sale("amazon", "US", "Garden", "2024-06", "p3", "x", 1, 80)
                .sale("amazon", "DE", "Toys", "2024-06", "p4", "me", 1, 50)
                .sale("amazon", "DE", "Toys", "2024-06", "p5", "y", 1, 50)
                .sale("aliexpress", "FR", "Toys", "2024-06", "p6", "z", 1, 100)
                .sale("shopee", "SG", "Toys", "2024-06", "p7", "w", 1, 10);
        StructType orderSchema = new StructType().add(Columns.PLATFORM, DataTypes.StringType)
                .add(Columns.MARKETPLACE, DataTypes.StringType).add(Columns.CATEGORY, DataTypes.StringType)
                .add(Columns.PERIOD, DataTypes.StringType).add("order_id", DataTypes.StringType)
                .add(Columns.REVENUE, DataTypes.DoubleType);
        var orders = spark.createDataFrame(List.of(
                RowFactory.create("amazon", "US", "Toys", "2024-06", "o1", 100.0),
                RowFactory.create("amazon", "DE", "Toys", "2024-06", "o2", 100.0)), orderSchema);
        StructType shipmentSchema = new StructType().add("shipment_id", DataTypes.StringType)
                .add("order_id", DataTypes.StringType).add("ship_ts", DataTypes.TimestampType)
                .add("cost_base", DataTypes.DoubleType);
        var shipments = spark.createDataFrame(List.of(
                RowFactory.create("s1", "o1", Timestamp.valueOf("2024-06-10 10:00:00"), 5.0),
                RowFactory.create("s2", "o2", Timestamp.valueOf("2024-06-10 10:00:00"), 10.0)), shipmentSchema);
        MetricsContext ctx = new MetricsContext(spark, fact.build(spark), Optional.of(orders), Optional.of(shipments),
                new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12));

        // revenue, growth, hhi, units, sellers, new share, orders
        Map<List<String>, Object[]> figures = Map.of(
                List.of("amazon", "US"), new Object[]{300.0, 0.1, 1000.0, 10L, 40L, 0.2, 400L},
                List.of("amazon", "DE"), new Object[]{200.0, 0.3, 2000.0, 10L, 20L, 0.1, 400L},
                List.of("aliexpress", "FR"), new Object[]{100.0, 0.2, 3000.0, 4L, 30L, 0.3, 400L},
                List.of("shopee", "SG"), new Object[]{900.0, 0.9, 500.0, 9L, 2L, 0.9, 5L});
        List<Row> size = new ArrayList<>();
        List<Row> concentration = new ArrayList<>();
        List<Row> fresh = new ArrayList<>();
        for (String category : List.of("ALL", "Toys")) {
            figures.forEach((pm, x) -> {
                Map<String, Object> scope = values(Columns.PLATFORM, pm.get(0), Columns.MARKETPLACE, pm.get(1),
                        Columns.CATEGORY, category, Columns.PERIOD, "window");
                Map<String, Object> s = new HashMap<>(scope);
                s.putAll(values(Columns.REVENUE, x[0], Columns.YOY_GROWTH, x[1], Columns.UNITS, x[3], Columns.SELLERS, x[4],
                        Columns.ORDERS, x[6], Columns.PRODUCTS, 40L, Columns.ROWS, 90L));
                size.add(TableRows.of(Tables.MARKET_SIZE, s));
                Map<String, Object> c = new HashMap<>(scope);
                c.putAll(values(Columns.ENTITY, Codes.SELLER, Columns.HHI, x[2]));
                concentration.add(TableRows.of(Tables.CONCENTRATION, c));
                // the brand HHI must not be read
                Map<String, Object> brand = new HashMap<>(scope);
                brand.putAll(values(Columns.ENTITY, Codes.BRAND, Columns.HHI, 9999.0));
                concentration.add(TableRows.of(Tables.CONCENTRATION, brand));
                Map<String, Object> n = new HashMap<>(scope);
                n.put(Columns.NEW_PRODUCT_REVENUE_SHARE, x[5]);
                fresh.add(TableRows.of(Tables.NEW_VS_EXISTING, n));
            });
        }
        size.add(TableRows.of(Tables.MARKET_SIZE, values(Columns.PLATFORM, "amazon", Columns.MARKETPLACE, "US", Columns.CATEGORY,
                "Garden", Columns.PERIOD, "window", Columns.REVENUE, 80.0, Columns.UNITS, 4L, Columns.SELLERS, 3L,
                Columns.ORDERS, 100L, Columns.PRODUCTS, 10L, Columns.ROWS, 12L)));
        // a month row and the real-platform, ALL-marketplace roll-up are not candidates
        size.add(TableRows.of(Tables.MARKET_SIZE, values(Columns.PLATFORM, "amazon", Columns.MARKETPLACE, "US", Columns.CATEGORY,
                "ALL", Columns.PERIOD, "2024-06", Columns.REVENUE, 1.0, Columns.UNITS, 1L, Columns.ORDERS, 1L,
                Columns.PRODUCTS, 1L, Columns.ROWS, 1L)));
        size.add(TableRows.of(Tables.MARKET_SIZE, values(Columns.PLATFORM, "amazon", Columns.MARKETPLACE, "ALL", Columns.CATEGORY,
                "ALL", Columns.PERIOD, "window", Columns.REVENUE, 500.0, Columns.UNITS, 20L, Columns.ORDERS, 800L,
                Columns.PRODUCTS, 80L, Columns.ROWS, 180L)));
        List<Row> lanes = List.of(
                lane("ALL", "ALL", "US", "window", 8.0, 0.9, 40L),
                lane("ALL", "ALL", "DE", "window", 12.0, 0.8, 20L),
                // a carrier's lane, a month and all lanes are not read
                lane("UPS", "Ground", "US", "window", 2.0, 0.1, 10L),
                lane("ALL", "ALL", "US", "2024-06", 3.0, 0.2, 5L),
                lane("ALL", "ALL", "ALL", "window", 9.0, 0.85, 60L));
        ctx.collected().put(Tables.MARKET_SIZE.name(), size);
        ctx.collected().put(Tables.CONCENTRATION.name(), concentration);
        ctx.collected().put(Tables.NEW_VS_EXISTING.name(), fresh);
        ctx.collected().put(Tables.LOGISTICS_LANES.name(), lanes);
        return ctx;
    }

    private static Row lane(String carrier, String service, String country, String period, double p50, double onTime,
                            long shipments) {
        return TableRows.of(Tables.LOGISTICS_LANES, values(Columns.CARRIER, carrier, Columns.SERVICE, service,
                Columns.DESTINATION_COUNTRY, country, Columns.DESTINATION_REGION, "ALL", Columns.PERIOD, period,
                Columns.LEAD_TIME_P50, p50, Columns.ON_TIME_RATE, onTime, Columns.SHIPMENTS, shipments));
    }

    private static Row find(MetricTable t, String platform, String marketplace, String category) {
        return t.collect().stream().filter(r -> r.getAs(Columns.PLATFORM).equals(platform)
                && r.getAs(Columns.MARKETPLACE).equals(marketplace) && r.getAs(Columns.CATEGORY).equals(category))
                .findFirst().orElseThrow();
    }

    private static double d(Row r, String column) {
        return r.<Double>getAs(column);
    }

    @Test
    void scoresAndRanksThreePlatformMarketplaces() {
        MetricTable t = PlatformComparison.compute(context(), PlatformOptions.DEFAULT, List.of("me"));
        Row a = find(t, "amazon", "US", "ALL");
        Row b = find(t, "amazon", "DE", "ALL");
        Row c = find(t, "aliexpress", "FR", "ALL");
        assertThat(d(a, Columns.SCORE)).isCloseTo((Z + 1.5) / 6.5, within(1e-12));
        assertThat(d(b, Columns.SCORE)).isCloseTo(-1.5 / 6.5, within(1e-12));
        assertThat(d(c, Columns.SCORE)).isCloseTo(-Z / 5, within(1e-12));
        assertThat(List.of(a.<Integer>getAs(Columns.RANK), b.<Integer>getAs(Columns.RANK), c.<Integer>getAs(Columns.RANK)))
                .containsExactly(1, 2, 3);
        assertThat(a.<Integer>getAs(Columns.CANDIDATES)).isEqualTo(3);
        assertThat(a.<Double>getAs(Columns.RANK_STABILITY)).isEqualTo(1.0); // three candidates: all always in the top 3
        assertThat(List.of(a.<Integer>getAs(Columns.COMPONENTS_USED), c.<Integer>getAs(Columns.COMPONENTS_USED)))
                .containsExactly(9, 6);

        // z-scores before their sign
        assertThat(d(a, Columns.z(Columns.REVENUE))).isCloseTo(Z, within(1e-12));
        assertThat(d(a, Columns.z(Columns.GROWTH))).isCloseTo(-Z, within(1e-12));
        assertThat(d(a, Columns.z(Columns.HHI))).isCloseTo(-Z, within(1e-12));
        assertThat(d(a, Columns.z(Columns.ASP))).isCloseTo(Z, within(1e-12));
        assertThat(d(a, Columns.z(Columns.SELLERS))).isCloseTo(Z, within(1e-12));
        assertThat(d(a, Columns.z(Columns.NEW_PRODUCT_SHARE))).isCloseTo(0.0, within(1e-12));
        assertThat(d(a, Columns.z(Columns.LEAD_TIME_P50))).isCloseTo(-1.0, within(1e-12));
        assertThat(d(a, Columns.z(Columns.ON_TIME_RATE))).isCloseTo(1.0, within(1e-12));
        assertThat(d(a, Columns.z(Columns.LOGISTICS_COST_SHARE))).isCloseTo(-1.0, within(1e-12));
        assertThat(d(b, Columns.z(Columns.LEAD_TIME_P50))).isCloseTo(1.0, within(1e-12));
        assertThat(c.<Double>getAs(Columns.z(Columns.LEAD_TIME_P50))).isNull();

        // the components as read: window rows, the seller HHI, the country's all-carrier lane, the cost split
        assertThat(d(a, Columns.ASP)).isEqualTo(30.0);
        assertThat(d(c, Columns.ASP)).isEqualTo(25.0);
        assertThat(a.<Long>getAs(Columns.SELLERS)).isEqualTo(40L);
        assertThat(d(a, Columns.HHI)).isEqualTo(1000.0);
        assertThat(a.<String>getAs(Columns.DESTINATION_COUNTRY)).isEqualTo("US");
        assertThat(d(a, Columns.LEAD_TIME_P50)).isEqualTo(8.0);
        assertThat(d(a, Columns.ON_TIME_RATE)).isEqualTo(0.9);
        assertThat(a.<Long>getAs(Columns.SHIPMENTS)).isEqualTo(40L);
        assertThat(d(a, Columns.LOGISTICS_COST_SHARE)).isCloseTo(0.05, within(1e-12));
        assertThat(d(b, Columns.LOGISTICS_COST_SHARE)).isCloseTo(0.10, within(1e-12));
        assertThat(c.<String>getAs(Columns.DESTINATION_COUNTRY)).isEqualTo("FR");
        assertThat(c.<Double>getAs(Columns.LEAD_TIME_P50)).isNull();
        assertThat(c.<Long>getAs(Columns.SHIPMENTS)).isZero();
        assertThat(c.<String>getAs(Columns.STATUS)).isEqualTo(Codes.NO_SHIPMENTS);
        assertThat(a.<String>getAs(Columns.STATUS)).isNull();
        assertThat(List.of(a.<Long>getAs(Columns.ORDERS), a.<Long>getAs(Columns.UNITS), a.<Long>getAs(Columns.ROWS)))
                .containsExactly(400L, 10L, 90L);
        assertThat(a.<String>getAs(Columns.PERIOD)).isEqualTo("window");

        // own share from the fact: 30 of amazon US's 200, 50 of amazon DE's 100
        assertThat(d(a, Columns.OWN_SHARE)).isCloseTo(0.15, within(1e-12));
        assertThat(d(b, Columns.OWN_SHARE)).isCloseTo(0.5, within(1e-12));
        assertThat(d(c, Columns.OWN_SHARE)).isZero();
    }

    @Test
    void eachCategoryIsRankedWithinItself() {
        MetricTable t = PlatformComparison.compute(context(), PlatformOptions.DEFAULT, List.of("me"));
        // Toys: the same four with the same figures, so the same scores and ranks
        Row a = find(t, "amazon", "US", "Toys");
        assertThat(d(a, Columns.SCORE)).isCloseTo((Z + 1.5) / 6.5, within(1e-12));
        assertThat(find(t, "aliexpress", "FR", "Toys").<Integer>getAs(Columns.RANK)).isEqualTo(3);
        assertThat(d(a, Columns.OWN_SHARE)).isCloseTo(0.25, within(1e-12)); // 30 of 120
        // Garden: amazon US alone; sd 0, so every z is 0
        Row garden = find(t, "amazon", "US", "Garden");
        assertThat(garden.<Integer>getAs(Columns.RANK)).isEqualTo(1);
        assertThat(garden.<Integer>getAs(Columns.CANDIDATES)).isEqualTo(1);
        assertThat(d(garden, Columns.SCORE)).isZero();
        assertThat(d(garden, Columns.ASP)).isEqualTo(20.0);
        assertThat(d(garden, Columns.OWN_SHARE)).isZero();
        // US lanes beside it, but no cost share: no shipped order in Garden
        assertThat(d(garden, Columns.LEAD_TIME_P50)).isEqualTo(8.0);
        assertThat(garden.<Double>getAs(Columns.LOGISTICS_COST_SHARE)).isNull();
        // 4 over all categories, 4 in Toys, 1 in Garden; amazon × ALL and the month row are no candidates
        assertThat(t.collect()).hasSize(9);
        assertThat(t.collect()).noneMatch(r -> r.getAs(Columns.MARKETPLACE).equals("ALL"));
    }

    @Test
    void aThinPlatformMarketplaceShowsItsComponentsButIsNotScored() {
        MetricTable t = PlatformComparison.compute(context(), PlatformOptions.DEFAULT, List.of("me"));
        // D: 5 orders + 0 snapshot units < 30
        Row d = find(t, "shopee", "SG", "ALL");
        assertThat(d.<String>getAs(Columns.STATUS)).isEqualTo(Codes.LOW_VOLUME + ";" + Codes.NO_SHIPMENTS);
        assertThat(d(d, Columns.REVENUE)).isEqualTo(900.0);
        assertThat(d(d, Columns.ASP)).isEqualTo(100.0);
        assertThat(List.<Object>of(d.getAs(Columns.RANK) == null, d.getAs(Columns.SCORE) == null,
                d.getAs(Columns.CANDIDATES) == null, d.getAs(Columns.z(Columns.REVENUE)) == null))
                .containsOnly(true);
        // with min_orders 5 it is a candidate and moves the others: four candidates now
        MetricTable lower = PlatformComparison.compute(context(), PlatformOptions.of(null, null, 5L, null), List.of("me"));
        assertThat(find(lower, "shopee", "SG", "ALL").<Integer>getAs(Columns.CANDIDATES)).isEqualTo(4);
        assertThat(find(lower, "shopee", "SG", "ALL").<String>getAs(Columns.STATUS)).isEqualTo(Codes.NO_SHIPMENTS);
    }

    @Test
    void configuredDestinationsAndWeights() {
        // FR shipped as DE: C takes DE's lanes; only lead time weighs: A (8 days) before B (12), C (12) by id
        Map<String, Double> w = new HashMap<>();
        for (String column : Columns.PLATFORM_COMPONENTS) {
            w.put(column, column.equals(Columns.LEAD_TIME_P50) ? 1.0 : 0.0);
        }
        MetricTable t = PlatformComparison.compute(context(), PlatformOptions.of(w, Map.of("fr", "de"), null, null),
                List.of("me"));
        Row c = find(t, "aliexpress", "FR", "ALL");
        assertThat(c.<String>getAs(Columns.DESTINATION_COUNTRY)).isEqualTo("DE");
        assertThat(d(c, Columns.LEAD_TIME_P50)).isEqualTo(12.0);
        assertThat(c.<Long>getAs(Columns.SHIPMENTS)).isEqualTo(20L);
        // lead times 8, 12, 12: mean 32/3, sd √(32/9) = 1.885618; z of 8 = −(8/3) / 1.885618 = −√2
        assertThat(d(find(t, "amazon", "US", "ALL"), Columns.SCORE)).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(d(c, Columns.SCORE)).isCloseTo(-Math.sqrt(2) / 2, within(1e-12));
        assertThat(find(t, "amazon", "US", "ALL").<Integer>getAs(Columns.COMPONENTS_USED)).isEqualTo(1);
        // ties go to the candidate id: aliexpress before amazon
        assertThat(c.<Integer>getAs(Columns.RANK)).isEqualTo(2);
        assertThat(find(t, "amazon", "DE", "ALL").<Integer>getAs(Columns.RANK)).isEqualTo(3);
        assertThat(PlatformOptions.of(null, Map.of(" uk ", "gb"), null, null).asConfig())
                .containsEntry("destinations", Map.of("UK", "GB"));
        assertThatThrownBy(() -> PlatformOptions.of(null, Map.of("EU", "Europe"), null, null))
                .hasMessageContaining("platform_comparison destination of marketplace EU must be an ISO 3166-1");
        assertThatThrownBy(() -> PlatformOptions.of(Map.of("price", 1.0), null, null, null))
                .hasMessageContaining("'price' is not a platform-comparison component");
    }

    @Test
    void withoutAnOwnStoreTheOwnShareIsEmpty() {
        // several sales sellers and no own_seller_ids: no own store known
        MetricTable t = PlatformComparison.compute(context(), PlatformOptions.DEFAULT, List.of());
        Row a = find(t, "amazon", "US", "ALL");
        assertThat(a.<Double>getAs(Columns.OWN_SHARE)).isNull();
        assertThat(a.<String>getAs(Columns.STATUS)).isEqualTo(Codes.NO_OWN_STORE);
        assertThat(d(a, Columns.SCORE)).isCloseTo((Z + 1.5) / 6.5, within(1e-12));
    }
}
