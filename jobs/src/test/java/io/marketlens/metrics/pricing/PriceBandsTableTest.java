package io.marketlens.metrics.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.metrics.pricing.PriceBandsTable.EdgesMode;
import io.marketlens.metrics.pricing.PriceBandsTable.Options;
import io.marketlens.tables.Codes;
import io.marketlens.testing.SparkTestSession;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The {@code price_bands} table on hand-computed listings; bands, shares, opportunities and the best band
 * are written beside the input. The analysis window is 2024-01…2024-12.
 */
class PriceBandsTableTest {

    static final double EXACT = 1e-9;
    static final AnalysisPeriod PERIOD = new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12);

    /** The fact columns the table reads, typed as {@link io.marketlens.fact.MarketFact} builds them. */
    static final StructType FACT = new StructType()
            .add("platform", DataTypes.StringType).add("marketplace", DataTypes.StringType)
            .add("category", DataTypes.StringType).add("period", DataTypes.StringType)
            .add("product_id", DataTypes.StringType).add("seller_id", DataTypes.StringType)
            .add("units", DataTypes.LongType).add("revenue", DataTypes.DoubleType).add("price", DataTypes.DoubleType)
            .add("rating", DataTypes.DoubleType).add("review_count", DataTypes.LongType);

    /** A fact row with revenue = units · price, as the fact has it; rating and reviews null. */
    static Row row(String platform, String category, String period, String product, String seller, long units, double price) {
        return row(platform, category, period, product, seller, units, price, null, null);
    }

    static Row row(String platform, String category, String period, String product, String seller, long units, double price,
                   Double rating, Long reviews) {
        return RowFactory.create(platform, "US", category, period, product, seller, units, units * price, price, rating, reviews);
    }

    static MetricTable table(List<Row> fact, Options options) {
        Dataset<Row> df = SparkTestSession.get().createDataFrame(fact, FACT);
        return PriceBandsTable.compute(new MetricsContext(df.sparkSession(), df, Optional.empty(), PERIOD), options);
    }

    static List<Row> bands(List<Row> table, String platform, String marketplace, String category) {
        return table.stream().filter(r -> r.getAs("platform").equals(platform) && r.getAs("marketplace").equals(marketplace)
                && r.getAs("category").equals(category)).toList();
    }

    /**
     * amazon US mugs, window 2024-01…2024-12 (a 2023-12 row of A1 lies outside and must not count).
     *
     * <pre>
     * listing  seller  units  revenue  price              rating/reviews (latest non-null)
     * A1       A        10       50     5
     * A2       A        20      160     8
     * B1       B        10       90     9
     * A3       A        30      360    12                 4.6 / 20
     * C1       C        40      560    14 (15 + 25 units) 4.0 / 100 (2024-05; 2024-06 has none)
     * C2       C         0        0    10 (latest, 2024-07; 11 in 2024-03)  3.0 / 4
     * D1       D        60      900    15
     * D2       D        50      900    18
     * E1       E        10      250    25
     * E2       E         5      165    33
     * F1       F         5      225    45
     * </pre>
     *
     * Sorted prices 5 8 9 10 12 14 15 18 25 33 45 (n = 11): p1 = x0 + 0.1·(x1 − x0) = 5.3, p99 = x9 + 0.9·(x10 − x9)
     * = 43.8; steps 5 → 5…45 = 8 bands (10 → 5, 2 → 20): edges 5 10 15 … 45. 11 listings, 240 units.
     *
     * <pre>
     * band   listings sellers units revenue demand        supply      opportunity     eligible (≥ 5 %, ≥ 3 listings)
     * 5–10   3        2       40    300     40/240=.1667  3/11=.2727  11/18 = .6111   yes
     * 10–15  3        2       70    920     70/240=.2917  3/11        77/72 = 1.0694  yes → best
     * 15–20  2        1      110   1800    110/240=.4583  2/11       121/48 = 2.5208  no: 2 listings
     * 20–25  0        0        0      0     0             0           null
     * 25–30  1        1       10    250     10/240        1/11        11/24 = .4583   no
     * 30–35  1        1        5    165      5/240        1/11        11/48 = .2292   no
     * 35–40  0        0        0      0     0             0           null
     * 40–45  1        1        5    225      5/240        1/11        11/48 = .2292   no
     * </pre>
     */
    static List<Row> mugs() {
        return List.of(
                row("amazon", "mugs", "2023-12", "A1", "A", 1000, 5),
                row("amazon", "mugs", "2024-06", "A1", "A", 10, 5),
                row("amazon", "mugs", "2024-06", "A2", "A", 20, 8),
                row("amazon", "mugs", "2024-06", "B1", "B", 10, 9),
                row("amazon", "mugs", "2024-06", "A3", "A", 30, 12, 4.6, 20L),
                row("amazon", "mugs", "2024-05", "C1", "C", 15, 14, 4.0, 100L),
                row("amazon", "mugs", "2024-06", "C1", "C", 25, 14),
                row("amazon", "mugs", "2024-03", "C2", "C", 0, 11, 3.2, 2L),
                row("amazon", "mugs", "2024-07", "C2", "C", 0, 10, 3.0, 4L),
                row("amazon", "mugs", "2024-06", "D1", "D", 60, 15),
                row("amazon", "mugs", "2024-06", "D2", "D", 50, 18),
                row("amazon", "mugs", "2024-06", "E1", "E", 10, 25),
                row("amazon", "mugs", "2024-06", "E2", "E", 5, 33),
                row("amazon", "mugs", "2024-06", "F1", "F", 5, 45));
    }

    @Test
    void handComputedCategory() {
        List<Row> t = table(mugs(), Options.defaults()).rows().collectAsList();
        List<Row> b = bands(t, "amazon", "US", "mugs");
        assertThat(b).extracting(r -> r.<String>getAs("band"))
                .containsExactly("5–10", "10–15", "15–20", "20–25", "25–30", "30–35", "35–40", "40–45");
        assertThat(b).extracting(r -> r.<Integer>getAs("band_index")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(b).extracting(r -> r.<Double>getAs("band_low")).containsExactly(5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0);
        assertThat(b).extracting(r -> r.<Double>getAs("band_high")).containsExactly(10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0, 45.0);
        assertThat(b).extracting(r -> r.<Long>getAs("listings")).containsExactly(3L, 3L, 2L, 0L, 1L, 1L, 0L, 1L);
        assertThat(b).extracting(r -> r.<Long>getAs("sellers")).containsExactly(2L, 2L, 1L, 0L, 1L, 1L, 0L, 1L);
        assertThat(b).extracting(r -> r.<Long>getAs("units")).containsExactly(40L, 70L, 110L, 0L, 10L, 5L, 0L, 5L);
        assertThat(b).extracting(r -> r.<Double>getAs("revenue"))
                .containsExactly(300.0, 920.0, 1800.0, 0.0, 250.0, 165.0, 0.0, 225.0);
        assertThat(b.get(0).<Double>getAs("demand_share")).isCloseTo(40 / 240.0, within(EXACT));
        assertThat(b.get(1).<Double>getAs("demand_share")).isCloseTo(70 / 240.0, within(EXACT));
        assertThat(b.get(2).<Double>getAs("supply_share")).isCloseTo(2 / 11.0, within(EXACT));
        assertThat(b.get(3).<Double>getAs("demand_share")).isZero();
        assertThat(b.get(0).<Double>getAs("opportunity")).isCloseTo(11 / 18.0, within(EXACT));
        assertThat(b.get(1).<Double>getAs("opportunity")).isCloseTo(77 / 72.0, within(EXACT));
        assertThat(b.get(2).<Double>getAs("opportunity")).isCloseTo(121 / 48.0, within(EXACT));
        assertThat(b.get(3).<Double>getAs("opportunity")).isNull();
        assertThat(b.get(4).<Double>getAs("opportunity")).isCloseTo(11 / 24.0, within(EXACT));
        assertThat(b.get(7).<Double>getAs("opportunity")).isCloseTo(11 / 48.0, within(EXACT));
        // the thin 15–20 niche has the highest opportunity but two listings: 10–15 is best
        assertThat(b).extracting(r -> r.<Boolean>getAs("is_best")).containsExactly(false, true, false, false, false, false, false, false);
        // 10–15: A3 4.6/20, C1 4.0/100 (its latest non-null), C2 3.0/4 → 11.6/3 = 3.8667, 124/3 = 41.333
        assertThat(b.get(1).<Double>getAs("mean_rating")).isCloseTo(11.6 / 3, within(EXACT));
        assertThat(b.get(1).<Double>getAs("mean_reviews")).isCloseTo(124 / 3.0, within(EXACT));
        assertThat(b.get(0).<Double>getAs("mean_rating")).isNull();
        // fact rows: 10–15 holds A3 (1), C1 (2) and C2 (2)
        assertThat(b.get(1).<Long>getAs("rows")).isEqualTo(5L);
        assertThat(b).allSatisfy(r -> {
            assertThat(r.<String>getAs("period")).isEqualTo("window");
            assertThat(r.<String>getAs("edges_mode")).isEqualTo("auto");
            assertThat(r.<String>getAs("status")).isNull();
        });
        // band units add up to the scope's 240 units in the window (A1's 1000 units of 2023-12 are outside)
        assertThat(b.stream().mapToLong(r -> r.<Long>getAs("units")).sum()).isEqualTo(240L);
        assertThat(b.stream().mapToLong(r -> r.<Long>getAs("listings")).sum()).isEqualTo(11L);
    }

    @Test
    void theAllPlatformRollUpPoolsListingsOfEveryPlatform() {
        // + ebay US mugs: listing G1 of seller "A" (not amazon's A), 60 units at 12
        // prices 5 8 9 10 12 12 14 15 18 25 33 45 (n = 12): p1 = 5 + .11·3 = 5.33, p99 = 33 + .89·12 = 43.68 → 5…45
        // 10–15: A3, C1, C2, G1 = 4 listings of 3 sellers (amazon A, amazon C, ebay A), 130 units
        // 12 listings, 300 units: 5–10 (40/300)/(3/12) = .5333; 10–15 (130/300)/(4/12) = 1.3; 15–20 2.2 (2 listings)
        List<Row> fact = new ArrayList<>(mugs());
        fact.add(row("ebay", "mugs", "2024-02", "G1", "A", 60, 12));
        List<Row> t = table(fact, Options.defaults()).rows().collectAsList();
        for (String[] scope : new String[][] {{"ALL", "US"}, {"ALL", "ALL"}}) {
            List<Row> b = bands(t, scope[0], scope[1], "mugs");
            assertThat(b).hasSize(8);
            assertThat(b.get(1).<Long>getAs("listings")).isEqualTo(4L);
            assertThat(b.get(1).<Long>getAs("sellers")).isEqualTo(3L);
            assertThat(b.get(1).<Long>getAs("units")).isEqualTo(130L);
            assertThat(b.get(0).<Double>getAs("opportunity")).isCloseTo(0.4 / 0.75, within(EXACT));
            assertThat(b.get(1).<Double>getAs("opportunity")).isCloseTo(1.3, within(EXACT));
            assertThat(b.get(2).<Double>getAs("opportunity")).isCloseTo(2.2, within(EXACT));
            assertThat(b).filteredOn(r -> r.<Boolean>getAs("is_best")).extracting(r -> r.<Integer>getAs("band_index"))
                    .containsExactly(1);
            assertThat(b.stream().mapToLong(r -> r.<Long>getAs("units")).sum()).isEqualTo(300L);
        }
        // amazon alone is unchanged; ebay alone is its one listing in one band of its decade: 10–20
        assertThat(bands(t, "amazon", "US", "mugs").get(1).<Long>getAs("units")).isEqualTo(70L);
        List<Row> ebay = bands(t, "ebay", "US", "mugs");
        assertThat(ebay).extracting(r -> r.<String>getAs("band")).containsExactly("10–20");
        // one listing is below the 3 listings a best band needs
        assertThat(ebay.get(0).<Boolean>getAs("is_best")).isFalse();
        // category-level scopes only: amazon US, amazon ALL, ebay US, ebay ALL, ALL US, ALL ALL
        assertThat(t.stream().map(r -> r.getAs("platform") + "/" + r.getAs("marketplace")).distinct())
                .containsExactlyInAnyOrder("amazon/US", "amazon/ALL", "ebay/US", "ebay/ALL", "ALL/US", "ALL/ALL");
        assertThat(t).noneMatch(r -> r.getAs("category").equals("ALL"));
    }

    @Test
    void bandUnitsAddUpAndEachQualifiedScopeHasOneBestBand() {
        // 3 platforms × 4 categories × 12 months × 7 listings, prices spread over two decades, some unsold
        List<Row> fact = new ArrayList<>();
        String[] platforms = {"amazon", "ebay", "shopee"};
        String[] categories = {"mugs", "lamps", "pens", "toys"};
        for (int p = 0; p < platforms.length; p++) {
            for (int c = 0; c < categories.length; c++) {
                for (int month = 1; month <= 12; month++) {
                    for (int l = 0; l < 7; l++) {
                        long units = (l * 7L + month * 3L + p + c) % 11 == 0 ? 0 : (l * 13L + month + c * 5L) % 40;
                        double price = 2 + (l * 31 + c * 17 + p * 7 + month) % 97 * (1 + c);
                        fact.add(row(platforms[p], categories[c], String.format("2024-%02d", month), "p" + l, "s" + l % 4,
                                units, price));
                    }
                }
            }
        }
        List<Row> t = table(fact, Options.defaults()).rows().collectAsList();
        Map<String, Long> scopeUnits = new HashMap<>();
        for (Row r : fact) {
            // the input rows have no schema: platform 0, category 2, units 6
            for (String platform : new String[] {r.getString(0), "ALL"}) {
                for (String marketplace : new String[] {"US", "ALL"}) {
                    scopeUnits.merge(platform + "/" + marketplace + "/" + r.getString(2), r.getLong(6), Long::sum);
                }
            }
        }
        Map<String, List<Row>> byScope = t.stream().collect(Collectors.groupingBy(
                r -> r.getAs("platform") + "/" + r.getAs("marketplace") + "/" + r.getAs("category")));
        assertThat(byScope.keySet()).isEqualTo(scopeUnits.keySet());
        byScope.forEach((scope, b) -> {
            assertThat(b.stream().mapToLong(r -> r.<Long>getAs("units")).sum()).as(scope).isEqualTo(scopeUnits.get(scope));
            assertThat(b.stream().mapToDouble(r -> r.<Double>getAs("demand_share")).sum()).as(scope).isCloseTo(1, within(1e-9));
            assertThat(b.stream().mapToDouble(r -> r.<Double>getAs("supply_share")).sum()).as(scope).isCloseTo(1, within(1e-9));
            assertThat(b.size()).as(scope).isBetween(5, 12);
            boolean anyQualifies = b.stream().anyMatch(r -> r.<Long>getAs("listings") >= PriceBands.MIN_LISTINGS
                    && r.<Double>getAs("demand_share") >= PriceBands.MIN_DEMAND_SHARE);
            assertThat(b.stream().filter(r -> r.<Boolean>getAs("is_best")).count()).as(scope).isEqualTo(anyQualifies ? 1 : 0);
        });
        assertThat(byScope.values()).anyMatch(b -> b.stream().anyMatch(r -> r.<Boolean>getAs("is_best")));
    }

    @Test
    void quintilesAndConfiguredEdges() {
        // mugs at 10, 20, 30, 40, 50: quintile edges at h = 4j/5 → 10, 18, 26, 34, 42, 50, one listing each
        // lamps at 5, 15, 25: configured [0, 10, 20, 50] → 0–10, 10–20, 20–50 with one listing each
        List<Row> fact = List.of(
                row("amazon", "mugs", "2024-06", "m1", "s1", 1, 10),
                row("amazon", "mugs", "2024-06", "m2", "s1", 1, 20),
                row("amazon", "mugs", "2024-06", "m3", "s1", 1, 30),
                row("amazon", "mugs", "2024-06", "m4", "s1", 1, 40),
                row("amazon", "mugs", "2024-06", "m5", "s1", 1, 50),
                row("amazon", "lamps", "2024-06", "l1", "s1", 1, 5),
                row("amazon", "lamps", "2024-06", "l2", "s1", 1, 15),
                row("amazon", "lamps", "2024-06", "l3", "s1", 1, 25));
        List<Row> quintiles = bands(table(fact, new Options(EdgesMode.QUANTILES, Map.of(), Options.QUANTILE_BANDS,
                Options.MIN_DEMAND_SHARE, Options.MIN_LISTINGS)).rows().collectAsList(), "amazon", "US", "mugs");
        assertThat(quintiles).extracting(r -> r.<String>getAs("band")).containsExactly("10–18", "18–26", "26–34", "34–42", "42–50");
        assertThat(quintiles).extracting(r -> r.<Long>getAs("listings")).containsExactly(1L, 1L, 1L, 1L, 1L);
        assertThat(quintiles).allSatisfy(r -> assertThat(r.<String>getAs("edges_mode")).isEqualTo("quantiles"));

        Options configured = new Options(EdgesMode.EDGES, Map.of("lamps", BandEdges.configured(0, 10, 20, 50)),
                Options.QUANTILE_BANDS, Options.MIN_DEMAND_SHARE, Options.MIN_LISTINGS);
        List<Row> t = table(fact, configured).rows().collectAsList();
        List<Row> lamps = bands(t, "amazon", "US", "lamps");
        assertThat(lamps).extracting(r -> r.<String>getAs("band")).containsExactly("0–10", "10–20", "20–50");
        assertThat(lamps).extracting(r -> r.<Long>getAs("units")).containsExactly(1L, 1L, 1L);
        assertThat(lamps).allSatisfy(r -> assertThat(r.<String>getAs("edges_mode")).isEqualTo("edges"));
        // mugs have no configured edges: automatic bands (p1 10.4, p99 49.6 → step 5, 10…50)
        List<Row> mugs = bands(t, "amazon", "US", "mugs");
        assertThat(mugs).allSatisfy(r -> assertThat(r.<String>getAs("edges_mode")).isEqualTo("auto"));
        assertThat(mugs.get(0).<String>getAs("band")).isEqualTo("10–15");
        assertThat(mugs).hasSize(8);
    }

    @Test
    void aScopeThatSoldNothingSaysSo() {
        // three listings with competitor estimates of 0 units: supply without demand
        List<Row> b = bands(table(List.of(
                row("amazon", "mugs", "2024-06", "m1", "s1", 0, 10),
                row("amazon", "mugs", "2024-06", "m2", "s2", 0, 20),
                row("amazon", "mugs", "2024-06", "m3", "s3", 0, 30)), Options.defaults()).rows().collectAsList(),
                "amazon", "US", "mugs");
        assertThat(b).isNotEmpty().allSatisfy(r -> {
            assertThat(r.<String>getAs("status")).isEqualTo(Codes.NO_SALES);
            assertThat(r.<Double>getAs("demand_share")).isNull();
            assertThat(r.<Boolean>getAs("is_best")).isFalse();
        });
        assertThat(b.stream().mapToLong(r -> r.<Long>getAs("listings")).sum()).isEqualTo(3L);
    }

    @Test
    void contractColumnsAndOrder() {
        MetricTable table = table(mugs(), Options.defaults());
        assertThat(table.name()).isEqualTo("price_bands");
        assertThat(table.rows().columns()).containsExactly("platform", "marketplace", "category", "period", "band",
                "band_index", "band_low", "band_high", "listings", "sellers", "units", "revenue", "demand_share",
                "supply_share", "opportunity", "is_best", "mean_rating", "mean_reviews", "edges_mode", "rows", "status");
        List<String> keys = table.rows().collectAsList().stream().map(r -> String.join("\u0000", r.<String>getAs("platform"),
                r.getAs("marketplace"), r.getAs("category"), String.valueOf(r.<Integer>getAs("band_index")))).toList();
        assertThat(keys).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void percentilesInterpolateLinearlyLikeNumpy() {
        // numpy.percentile([5, 8, 9, 10, 12, 14, 15, 18, 25, 33, 45], [1, 99]) = [5.3, 43.8]
        double[] prices = {5, 8, 9, 10, 12, 14, 15, 18, 25, 33, 45};
        assertThat(PriceBandsTable.percentile(prices, 0.01)).isCloseTo(5.3, within(EXACT));
        assertThat(PriceBandsTable.percentile(prices, 0.99)).isCloseTo(43.8, within(EXACT));
        // numpy.percentile([1, 2, 3, 4], [0, 1, 50, 99, 100]) = [1, 1.03, 2.5, 3.97, 4]
        double[] four = {1, 2, 3, 4};
        assertThat(PriceBandsTable.percentile(four, 0)).isEqualTo(1.0);
        assertThat(PriceBandsTable.percentile(four, 0.01)).isCloseTo(1.03, within(EXACT));
        assertThat(PriceBandsTable.percentile(four, 0.5)).isEqualTo(2.5);
        assertThat(PriceBandsTable.percentile(four, 0.99)).isCloseTo(3.97, within(EXACT));
        assertThat(PriceBandsTable.percentile(four, 1)).isEqualTo(4.0);
        assertThat(PriceBandsTable.percentile(new double[] {7}, 0.99)).isEqualTo(7.0);
    }

    @Test
    void optionsAreCheckedWithMessagesThatSayWhatToWrite() {
        assertThat(Options.defaults()).isEqualTo(new Options(EdgesMode.AUTO, Map.of(), 5, 0.05, 3));
        assertThat(EdgesMode.parse(" Quantiles ")).isEqualTo(EdgesMode.QUANTILES);
        assertThatThrownBy(() -> EdgesMode.parse("bands")).hasMessageContaining("auto, quantiles or edges");
        assertThatThrownBy(() -> new Options(EdgesMode.EDGES, Map.of(), 5, 0.05, 3)).hasMessageContaining("[0, 10, 20, 50]");
        assertThatThrownBy(() -> new Options(EdgesMode.AUTO, Map.of(), 5, 5, 3)).hasMessageContaining("0.05 for 5 %");
        assertThatThrownBy(() -> new Options(EdgesMode.AUTO, Map.of(), 1, 0.05, 3)).hasMessageContaining("quantile_bands must be ≥ 2");
        assertThatThrownBy(() -> new Options(EdgesMode.AUTO, Map.of(), 5, 0.05, 0)).hasMessageContaining("minimum listings");
    }
}
