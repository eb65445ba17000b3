package io.marketlens.metrics.concentration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.metrics.MetricTable;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.tables.Codes;
import io.marketlens.testing.SparkTestSession;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The {@code concentration} table on hand-computed facts; the expected shares and indices are written
 * beside the input. The analysis window is 2024-01…2024-12, the previous window 2023-01…2023-12.
 */
class ConcentrationTableTest {

    static final double EXACT = 1e-9;
    static final AnalysisPeriod PERIOD = new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12);

    /** The fact columns the table reads, typed as {@link io.marketlens.fact.MarketFact} builds them. */
    static final StructType FACT = new StructType()
            .add("platform", DataTypes.StringType).add("marketplace", DataTypes.StringType)
            .add("category", DataTypes.StringType).add("period", DataTypes.StringType)
            .add("seller_id", DataTypes.StringType).add("brand", DataTypes.StringType)
            .add("product_id", DataTypes.StringType).add("revenue", DataTypes.DoubleType);

    /** A fact row: platform, marketplace, category, period, seller, brand, product, revenue. */
    static Row sale(String platform, String marketplace, String category, String period, String seller, String brand,
                    String product, double revenue) {
        return RowFactory.create(platform, marketplace, category, period, seller, brand, product, revenue);
    }

    /** A fact row of amazon US toys in 2024-12, one product per seller, without brand. */
    static Row seller(String seller, double revenue) {
        return sale("amazon", "US", "toys", "2024-12", seller, null, "p-" + seller, revenue);
    }

    static Dataset<Row> fact(SparkSession spark, List<Row> rows) {
        return spark.createDataFrame(rows, FACT);
    }

    static MetricsContext context(Dataset<Row> fact) {
        return new MetricsContext(fact.sparkSession(), fact, Optional.empty(), PERIOD);
    }

    static List<Row> table(List<Row> rows) {
        return ConcentrationTable.compute(context(fact(SparkTestSession.get(), rows))).rows().collectAsList();
    }

    static Row find(List<Row> table, String platform, String marketplace, String category, String period, String entity) {
        List<Row> found = table.stream().filter(r -> r.getAs("platform").equals(platform)
                && r.getAs("marketplace").equals(marketplace) && r.getAs("category").equals(category)
                && r.getAs("period").equals(period) && r.getAs("entity").equals(entity)).toList();
        assertThat(found).as("%s/%s/%s %s %s", platform, marketplace, category, period, entity).hasSize(1);
        return found.get(0);
    }

    static double d(Row r, String column) {
        return r.<Double>getAs(column);
    }

    @Test
    void fourSellersThirtyThirtyTwentyTwenty() {
        // shares 30, 30, 20, 20: HHI 900 + 900 + 400 + 400 = 2600, CR4 = CR8 = CR10 = 100 (four sellers)
        // 2600 > 1800 → doj2023 highly concentrated; 2600 > 2500 → doj2010 highly concentrated
        List<Row> t = table(List.of(seller("a", 30), seller("b", 30), seller("c", 20), seller("d", 20)));
        for (String period : List.of("2024-12", "window")) {
            Row r = find(t, "amazon", "US", "toys", period, "seller");
            assertThat(r.<Long>getAs("entities")).isEqualTo(4L);
            assertThat(d(r, "hhi")).isEqualTo(2600.0);
            assertThat(d(r, "cr4")).isEqualTo(100.0);
            assertThat(d(r, "cr8")).isEqualTo(100.0);
            assertThat(d(r, "cr10")).isEqualTo(100.0);
            assertThat(r.<String>getAs("doj2023_class")).isEqualTo("highly_concentrated");
            assertThat(r.<String>getAs("doj2010_class")).isEqualTo("highly_concentrated");
            assertThat(r.<String>getAs("bain_cr4_class")).isEqualTo("high_oligopoly");
            assertThat(r.<String>getAs("bain_cr8_class")).isEqualTo("very_high_oligopoly");
            // no 2024-11 and no previous window: no change
            assertThat(r.<Double>getAs("hhi_change")).isNull();
            assertThat(r.<Double>getAs("cr4_change")).isNull();
            assertThat(r.<Long>getAs("rows")).isEqualTo(4L);
            assertThat(r.<String>getAs("status")).isNull();
        }
        // one product per seller: the same shares by product
        assertThat(d(find(t, "amazon", "US", "toys", "2024-12", "product"), "hhi")).isEqualTo(2600.0);
        // eight scopes (with the roll-ups) × two periods × three kinds; never the previous window
        assertThat(t).hasSize(8 * 2 * 3);
        assertThat(t).noneMatch(r -> r.getAs("period").equals(AnalysisPeriod.PREVIOUS_WINDOW));
    }

    @Test
    void nineSellersOfTheTextbookExample() {
        // shares 25, 20, 18, 15 | 8, 7, 4, 2 | 1
        // CR4 = 78, CR8 = 99, CR10 = 100 (nine sellers)
        // HHI = 625 + 400 + 324 + 225 + 64 + 49 + 16 + 4 + 1 = 1708: doj2023 moderately (1000–1800),
        // doj2010 moderately (1500–2500); Bain CR4 78 ≥ 75 high oligopoly, CR8 99 ≥ 70 very high
        double[] shares = {25, 20, 18, 15, 8, 7, 4, 2, 1};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < shares.length; i++) {
            rows.add(seller("s" + i, shares[i]));
        }
        Row r = find(table(rows), "amazon", "US", "toys", "2024-12", "seller");
        assertThat(r.<Long>getAs("entities")).isEqualTo(9L);
        assertThat(d(r, "cr4")).isEqualTo(78.0);
        assertThat(d(r, "cr8")).isEqualTo(99.0);
        assertThat(d(r, "cr10")).isEqualTo(100.0);
        assertThat(d(r, "hhi")).isEqualTo(1708.0);
        assertThat(r.<String>getAs("doj2023_class")).isEqualTo("moderately_concentrated");
        assertThat(r.<String>getAs("doj2010_class")).isEqualTo("moderately_concentrated");
        assertThat(r.<String>getAs("bain_cr4_class")).isEqualTo("high_oligopoly");
        assertThat(r.<String>getAs("bain_cr8_class")).isEqualTo("very_high_oligopoly");
    }

    @Test
    void manySellersAgreeWithThePureCore() {
        // 15 sellers, some tied across the top-n boundaries: the rank and the top-n sums must give exactly
        // what Concentration.of gives for the same values; a seller with 0 revenue is not a participant
        double[] revenues = {12.5, 40, 7, 7, 7, 3.25, 19, 19, 0.5, 11, 11, 2, 64, 5, 0};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < revenues.length; i++) {
            rows.add(seller("s" + i, revenues[i]));
        }
        Row r = find(table(rows), "amazon", "US", "toys", "2024-12", "seller");
        ConcentrationMetrics expected = Concentration.of(revenues);
        assertThat(r.<Long>getAs("entities")).isEqualTo(14L).isEqualTo(expected.entities());
        assertThat(d(r, "cr4")).isCloseTo(expected.cr4(), within(EXACT));
        assertThat(d(r, "cr8")).isCloseTo(expected.cr8(), within(EXACT));
        assertThat(d(r, "cr10")).isCloseTo(expected.cr10(), within(EXACT));
        assertThat(d(r, "hhi")).isCloseTo(expected.hhi(), within(EXACT));
        // top four 64 + 40 + 19 + 19 = 142 of 208.25
        assertThat(d(r, "cr4")).isCloseTo(100 * 142 / 208.25, within(1e-6));
    }

    @Test
    void theMarketplaceRollUpMergesSellersButNotProducts() {
        // amazon US toys: seller A 60 (product p1), B 40 (p2); amazon DE toys: A 30 (p1), C 70 (p3)
        List<Row> t = table(List.of(
                sale("amazon", "US", "toys", "2024-12", "A", null, "p1", 60),
                sale("amazon", "US", "toys", "2024-12", "B", null, "p2", 40),
                sale("amazon", "DE", "toys", "2024-12", "A", null, "p1", 30),
                sale("amazon", "DE", "toys", "2024-12", "C", null, "p3", 70)));
        // US: 60, 40 → HHI 3600 + 1600 = 5200; DE: 30, 70 → 900 + 4900 = 5800
        assertThat(d(find(t, "amazon", "US", "toys", "2024-12", "seller"), "hhi")).isEqualTo(5200.0);
        assertThat(d(find(t, "amazon", "DE", "toys", "2024-12", "seller"), "hhi")).isEqualTo(5800.0);
        // amazon ALL toys by seller: A 90, B 40, C 70 of 200 → shares 45, 20, 35 → 2025 + 400 + 1225 = 3650
        Row sellers = find(t, "amazon", "ALL", "toys", "2024-12", "seller");
        assertThat(sellers.<Long>getAs("entities")).isEqualTo(3L);
        assertThat(d(sellers, "hhi")).isEqualTo(3650.0);
        assertThat(d(sellers, "cr4")).isEqualTo(100.0);
        // by product a listing is per marketplace: p1-US 60, p2 40, p1-DE 30, p3 70 of 200
        // → shares 30, 20, 15, 35 → 900 + 400 + 225 + 1225 = 2750
        Row products = find(t, "amazon", "ALL", "toys", "2024-12", "product");
        assertThat(products.<Long>getAs("entities")).isEqualTo(4L);
        assertThat(d(products, "hhi")).isEqualTo(2750.0);
        // every roll-up of the single category and platform holds the same four rows
        for (String[] scope : new String[][] {{"ALL", "ALL", "toys"}, {"ALL", "ALL", "ALL"}, {"amazon", "ALL", "ALL"}}) {
            Row r = find(t, scope[0], scope[1], scope[2], "2024-12", "seller");
            assertThat(d(r, "hhi")).as(Arrays.toString(scope)).isEqualTo(3650.0);
            assertThat(r.<Long>getAs("rows")).isEqualTo(4L);
        }
    }

    @Test
    void sellersOnDifferentPlatformsAreDifferentSellers() {
        // seller id "A" on amazon 50 and on ebay 50: two sellers in the ALL-platform scope → HHI 5000
        List<Row> t = table(List.of(
                sale("amazon", "US", "toys", "2024-12", "A", null, "p1", 50),
                sale("ebay", "US", "toys", "2024-12", "A", null, "p1", 50)));
        Row r = find(t, "ALL", "US", "toys", "2024-12", "seller");
        assertThat(r.<Long>getAs("entities")).isEqualTo(2L);
        assertThat(d(r, "hhi")).isEqualTo(5000.0);
    }

    @Test
    void brandRowsLeaveOutRowsWithoutBrand() {
        // brand Acme 30 + 20 = 50 (two sellers), Zed 30, blank 10, none 10
        // brands: Acme 50, Zed 30 of 80 → shares 62.5, 37.5 → HHI 3906.25 + 1406.25 = 5312.5
        // unattributed 20 of 100 revenue = 0.2; the two branded sellers' three rows count
        List<Row> t = table(List.of(
                sale("amazon", "US", "toys", "2024-12", "s1", "Acme", "p1", 30),
                sale("amazon", "US", "toys", "2024-12", "s2", " Acme ", "p2", 20),
                sale("amazon", "US", "toys", "2024-12", "s3", "Zed", "p3", 30),
                sale("amazon", "US", "toys", "2024-12", "s4", "  ", "p4", 10),
                sale("amazon", "US", "toys", "2024-12", "s5", null, "p5", 10),
                // a category where nobody has a brand
                sale("amazon", "US", "games", "2024-12", "s5", null, "p6", 10)));
        Row brands = find(t, "amazon", "US", "toys", "2024-12", "brand");
        assertThat(brands.<Long>getAs("entities")).isEqualTo(2L);
        assertThat(d(brands, "hhi")).isEqualTo(5312.5);
        assertThat(d(brands, "cr4")).isEqualTo(100.0);
        assertThat(d(brands, "unattributed_share")).isCloseTo(0.2, within(EXACT));
        assertThat(brands.<Long>getAs("rows")).isEqualTo(3L);
        assertThat(brands.<String>getAs("status")).isNull();
        // sellers are all there: five sellers, nothing unattributed
        Row sellers = find(t, "amazon", "US", "toys", "2024-12", "seller");
        assertThat(sellers.<Long>getAs("entities")).isEqualTo(5L);
        assertThat(d(sellers, "unattributed_share")).isZero();
        // no brand at all: a row that says so instead of numbers
        Row none = find(t, "amazon", "US", "games", "2024-12", "brand");
        assertThat(none.<String>getAs("status")).isEqualTo(Codes.NO_BRAND);
        assertThat(none.<Long>getAs("entities")).isZero();
        assertThat(none.<Double>getAs("hhi")).isNull();
        assertThat(none.<String>getAs("doj2023_class")).isNull();
        assertThat(d(none, "unattributed_share")).isEqualTo(1.0);
    }

    @Test
    void aScopeWithoutRevenueIsNoSales() {
        // two competitor listings with est_units 0: rows but no revenue
        Row r = find(table(List.of(seller("a", 0), seller("b", 0))), "amazon", "US", "toys", "2024-12", "seller");
        assertThat(r.<String>getAs("status")).isEqualTo(Codes.NO_SALES);
        assertThat(r.<Long>getAs("entities")).isZero();
        assertThat(r.<Double>getAs("cr4")).isNull();
        assertThat(r.<Double>getAs("unattributed_share")).isNull();
        assertThat(r.<Long>getAs("rows")).isEqualTo(2L);
    }

    @Test
    void changesAgainstThePreviousMonthAndThePreviousWindow() {
        List<Row> t = table(List.of(
                // previous window, 2023-06: A 50, B 50 → HHI 5000, CR4 100
                sale("amazon", "US", "toys", "2023-06", "A", null, "pA", 50),
                sale("amazon", "US", "toys", "2023-06", "B", null, "pB", 50),
                // 2024-03: A 30, B 30, C 20, D 20 → HHI 2600
                sale("amazon", "US", "toys", "2024-03", "A", null, "pA", 30),
                sale("amazon", "US", "toys", "2024-03", "B", null, "pB", 30),
                sale("amazon", "US", "toys", "2024-03", "C", null, "pC", 20),
                sale("amazon", "US", "toys", "2024-03", "D", null, "pD", 20),
                // 2024-04: A 40, B 20, C 20, D 20 → HHI 1600 + 400 + 400 + 400 = 2800
                sale("amazon", "US", "toys", "2024-04", "A", null, "pA", 40),
                sale("amazon", "US", "toys", "2024-04", "B", null, "pB", 20),
                sale("amazon", "US", "toys", "2024-04", "C", null, "pC", 20),
                sale("amazon", "US", "toys", "2024-04", "D", null, "pD", 20),
                // 2024-06 after a month without sales
                sale("amazon", "US", "toys", "2024-06", "A", null, "pA", 10)));
        // 2024-04 − 2024-03: HHI 2800 − 2600 = +200; CR4 100 − 100 = 0
        Row april = find(t, "amazon", "US", "toys", "2024-04", "seller");
        assertThat(d(april, "hhi_change")).isEqualTo(200.0);
        assertThat(d(april, "cr4_change")).isZero();
        // 2024-03 has no 2024-02 and 2024-06 no 2024-05: null, not a change against an older month
        assertThat(find(t, "amazon", "US", "toys", "2024-03", "seller").<Double>getAs("hhi_change")).isNull();
        assertThat(find(t, "amazon", "US", "toys", "2024-06", "seller").<Double>getAs("hhi_change")).isNull();
        // window: A 80, B 50, C 40, D 40 of 210 → HHI 10 000 · (6400 + 2500 + 1600 + 1600) / 210² = 2743.764172…
        // minus the previous window's 5000 → −2256.235828; CR4 100 − 100 = 0
        Row window = find(t, "amazon", "US", "toys", "window", "seller");
        assertThat(d(window, "hhi")).isCloseTo(10_000 * 12_100 / 44_100.0, within(1e-6));
        assertThat(d(window, "hhi_change")).isCloseTo(10_000 * 12_100 / 44_100.0 - 5000, within(1e-6));
        assertThat(d(window, "cr4_change")).isZero();
        assertThat(d(window, "cr8_change")).isZero();
        assertThat(d(window, "cr10_change")).isZero();
        // the previous window's months are monthly rows of their own; the previous window itself is not output
        assertThat(d(find(t, "amazon", "US", "toys", "2023-06", "seller"), "hhi")).isEqualTo(5000.0);
        assertThat(t).noneMatch(r -> r.getAs("period").equals(AnalysisPeriod.PREVIOUS_WINDOW));
    }

    @Test
    void outputIsSortedAndHasTheContractColumns() {
        MetricTable table = ConcentrationTable.compute(context(fact(SparkTestSession.get(),
                List.of(seller("a", 1), sale("ebay", "DE", "games", "2024-11", "x", "B", "q", 2)))));
        assertThat(table.name()).isEqualTo("concentration");
        assertThat(table.rows().columns()).containsExactly("platform", "marketplace", "category", "period", "entity",
                "entities", "cr4", "cr8", "cr10", "hhi", "doj2023_class", "doj2010_class", "bain_cr4_class",
                "bain_cr8_class", "cr4_change", "cr8_change", "cr10_change", "hhi_change", "unattributed_share",
                "rows", "status");
        List<String> keys = table.rows().collectAsList().stream().map(r -> String.join("\u0000", r.<String>getAs("platform"),
                r.getAs("marketplace"), r.getAs("category"), r.getAs("entity"), r.getAs("period"))).toList();
        // joined with U+0000, which sorts before every character, the keys sort as the columns do
        assertThat(keys).isSorted().doesNotHaveDuplicates();
    }
}
