package io.marketlens.metrics.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.fact.MarketFact;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.tables.Codes;
import io.marketlens.testing.FactRows;
import io.marketlens.testing.SparkTestSession;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** New versus existing products on a hand fixture, W = 6, as of 2024-12-31 (window 2024-01..2024-12). */
class NewVsExistingTest {

    static final double EXACT = 1e-12;

    private final SparkSession spark = SparkTestSession.get();

    /**
     * The fact starts in 2023-12 (F). Product intro months (earliest launch_date, else first month) and sellers'
     * first months:
     * <pre>
     *   amazon/US/toys   A  S1  no launch_date            intro 2023-12   2023-12: 100   2024-06: 100   2024-07: 120
     *   amazon/US/toys   B  S1  launch 2024-05-10, later   intro 2024-05   2024-05:  20   2024-06:  50   2024-07:  60
     *                           a re-listing 2024-06-20
     *   amazon/US/toys   C  S2  launch 2023-03-01 on one   intro 2023-03                  2024-06: 200   2024-07: 180
     *                           row, none on the other
     *   ebay/US/games    D  S3  no launch_date            intro 2024-07                                 2024-07:  40
     *   amazon/US/games  E  S3  launch 2025-02-01 (after)  intro 2025-02                                 2024-07:  30
     *   amazon/US/games  F  S4  no launch_date, 0 units   intro 2024-07                                 2024-07:   0
     * </pre>
     * Sellers (platform + seller_id): amazon/S1 first 2023-12, amazon/S2 2024-06, ebay/S3 2024-07, amazon/S3 2024-07,
     * amazon/S4 2024-07 (never sells a unit).
     */
    private MetricsContext fixture() {
        List<Row> rows = new ArrayList<>();
        rows.add(row("amazon", "toys", "2023-12", "A", "S1", 10, 100, null));
        rows.add(row("amazon", "toys", "2024-06", "A", "S1", 10, 100, null));
        rows.add(row("amazon", "toys", "2024-07", "A", "S1", 12, 120, null));
        rows.add(row("amazon", "toys", "2024-05", "B", "S1", 2, 20, "2024-05-10"));
        rows.add(row("amazon", "toys", "2024-06", "B", "S1", 5, 50, "2024-05-10"));
        rows.add(row("amazon", "toys", "2024-07", "B", "S1", 6, 60, "2024-06-20"));
        rows.add(row("amazon", "toys", "2024-06", "C", "S2", 20, 200, null));
        rows.add(row("amazon", "toys", "2024-07", "C", "S2", 18, 180, "2023-03-01"));
        rows.add(row("ebay", "games", "2024-07", "D", "S3", 4, 40, null));
        rows.add(row("amazon", "games", "2024-07", "E", "S3", 3, 30, "2025-02-01"));
        rows.add(row("amazon", "games", "2024-07", "F", "S4", 0, 0, null));
        return new MetricsContext(spark, spark.createDataFrame(rows, FactRows.SCHEMA), Optional.empty(),
                new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12));
    }

    private static Row row(String platform, String category, String period, String product, String seller, long units,
                           double revenue, String launch) {
        return RowFactory.create(platform, "US", category, period, product, seller, null, MarketFact.SALES, units, revenue,
                units, null, null, launch == null ? null : Date.valueOf(launch), null, null,
                units == 0 ? null : revenue / units);
    }

    /** Output rows by "platform/marketplace/category/period". */
    private static Map<String, Row> byKey(List<Row> rows) {
        Map<String, Row> out = new HashMap<>();
        for (Row r : rows) {
            out.put(r.getAs("platform") + "/" + r.getAs("marketplace") + "/" + r.getAs("category") + "/" + r.getAs("period"), r);
        }
        return out;
    }

    private static Double dbl(Row r, String column) {
        return r.isNullAt(r.fieldIndex(column)) ? null : r.<Double>getAs(column);
    }

    @Test
    void aMonthWithHistorySplitsItsGrowthIntoNewAndExistingProducts() {
        Map<String, Row> t = byKey(NewVsExisting.compute(fixture(), NewVsExisting.DEFAULT_NEW_MONTHS).rows().collectAsList());

        // 2024-07, W = 6: new means intro > 2024-01. A (2023-12) and C (2023-03, its launch_date, not its first
        // month 2024-06) are old; B (2024-05, the earliest of its two launch dates) is new.
        Row toys = t.get("amazon/US/toys/2024-07");
        assertThat(toys.<Long>getAs("products")).isEqualTo(3);
        assertThat(toys.<Long>getAs("new_products")).isEqualTo(1);
        assertThat(dbl(toys, "new_product_count_share")).isCloseTo(1.0 / 3, within(EXACT));
        assertThat(dbl(toys, "new_product_revenue_share")).isCloseTo(60.0 / 360, within(EXACT)); // B 60 of 120 + 60 + 180
        assertThat(dbl(toys, "new_seller_share")).isEqualTo(0.5);  // S1 old (2023-12), S2 new (2024-06)
        // R(2024-06) = 100 + 50 + 200 = 350; from new: 60 / 350; from existing: (300 − 350) / 350
        assertThat(dbl(toys, "growth_from_new")).isCloseTo(60.0 / 350, within(EXACT));
        assertThat(dbl(toys, "growth_from_existing")).isCloseTo(-50.0 / 350, within(EXACT));
        assertThat(dbl(toys, "growth_from_new") + dbl(toys, "growth_from_existing"))
                .isCloseTo(360.0 / 350 - 1, within(EXACT));                                    // total growth 2.857 %
        assertThat(toys.<Long>getAs("rows")).isEqualTo(3);
        assertThat(toys.<String>getAs("status")).isNull();

        // 2024-06: R(2024-05) = 20 (B alone); new = B (50), existing = A 100 + C 200
        Row june = t.get("amazon/US/toys/2024-06");
        assertThat(june.<Long>getAs("new_products")).isEqualTo(1);
        assertThat(dbl(june, "new_seller_share")).isEqualTo(0.5);                   // S2 first seen 2024-06 > 2023-12
        assertThat(dbl(june, "growth_from_new")).isCloseTo(50.0 / 20, within(EXACT));            // 2.5
        assertThat(dbl(june, "growth_from_existing")).isCloseTo((300.0 - 20) / 20, within(EXACT)); // 14; Σ = 350/20 − 1
        assertThat(june.<String>getAs("status")).isNull();   // look-back 2024-01..2024-06 starts after F = 2023-12
    }

    @Test
    void launchesAfterThePeriodAndListingsWithoutUnits() {
        Map<String, Row> t = byKey(NewVsExisting.compute(fixture(), NewVsExisting.DEFAULT_NEW_MONTHS).rows().collectAsList());

        // amazon/US/games 2024-07: E (launch 2025-02, after the period: new) sells; F has 0 units: not a product,
        // S4 not a seller, but its row counts in rows
        Row games = t.get("amazon/US/games/2024-07");
        assertThat(games.<Long>getAs("products")).isEqualTo(1);
        assertThat(games.<Long>getAs("new_products")).isEqualTo(1);
        assertThat(dbl(games, "new_product_count_share")).isEqualTo(1.0);
        assertThat(dbl(games, "new_product_revenue_share")).isEqualTo(1.0);
        assertThat(dbl(games, "new_seller_share")).isEqualTo(1.0);                 // amazon/S3 only
        assertThat(dbl(games, "growth_from_new")).isNull();                        // no games revenue in 2024-06
        assertThat(dbl(games, "growth_from_existing")).isNull();
        assertThat(games.<Long>getAs("rows")).isEqualTo(2);
    }

    @Test
    void rollUpsCountEveryPlatformAndCategory() {
        Map<String, Row> t = byKey(NewVsExisting.compute(fixture(), NewVsExisting.DEFAULT_NEW_MONTHS).rows().collectAsList());

        // ALL/ALL/ALL 2024-07: A, B, C, D, E sell (5), new B, D, E (3); R = 120 + 60 + 180 + 40 + 30 + 0 = 430,
        // R_new = 60 + 40 + 30 = 130; sellers amazon/S1 (old), amazon/S2, ebay/S3, amazon/S3 (new) → 3 of 4
        for (String scope : List.of("ALL/ALL/ALL", "ALL/US/ALL")) {
            Row all = t.get(scope + "/2024-07");
            assertThat(all.<Long>getAs("products")).isEqualTo(5);
            assertThat(all.<Long>getAs("new_products")).isEqualTo(3);
            assertThat(dbl(all, "new_product_count_share")).isCloseTo(0.6, within(EXACT));
            assertThat(dbl(all, "new_product_revenue_share")).isCloseTo(130.0 / 430, within(EXACT));
            assertThat(dbl(all, "new_seller_share")).isCloseTo(0.75, within(EXACT));
            assertThat(dbl(all, "growth_from_new")).isCloseTo(130.0 / 350, within(EXACT));          // .371429
            assertThat(dbl(all, "growth_from_existing")).isCloseTo(-50.0 / 350, within(EXACT));     // (300 − 350) / 350
            assertThat(all.<Long>getAs("rows")).isEqualTo(6);
        }
        // amazon/US/ALL 2024-07: A, B, C, E sell (4), new B, E; R = 390, R_new = 90; sellers S1 old, S2, S3 new
        Row amazon = t.get("amazon/US/ALL/2024-07");
        assertThat(amazon.<Long>getAs("new_products")).isEqualTo(2);
        assertThat(dbl(amazon, "new_product_count_share")).isEqualTo(0.5);
        assertThat(dbl(amazon, "new_product_revenue_share")).isCloseTo(90.0 / 390, within(EXACT));
        assertThat(dbl(amazon, "new_seller_share")).isCloseTo(2.0 / 3, within(EXACT));
        assertThat(dbl(amazon, "growth_from_new")).isCloseTo(90.0 / 350, within(EXACT));
        // ALL/ALL/games 2024-07: D (ebay) and E (amazon) both new; the two S3 are different sellers
        Row games = t.get("ALL/ALL/games/2024-07");
        assertThat(games.<Long>getAs("products")).isEqualTo(2);
        assertThat(games.<Long>getAs("new_products")).isEqualTo(2);
        assertThat(dbl(games, "new_product_revenue_share")).isEqualTo(1.0);
        assertThat(dbl(games, "new_seller_share")).isEqualTo(1.0);
        assertThat(games.<Long>getAs("rows")).isEqualTo(3);
        // every scope of the eight combinations that has a row in 2024-07
        assertThat(t.keySet()).filteredOn(k -> k.endsWith("/2024-07")).containsExactlyInAnyOrder(
                "amazon/US/toys/2024-07", "amazon/US/games/2024-07", "ebay/US/games/2024-07",
                "amazon/US/ALL/2024-07", "ebay/US/ALL/2024-07",
                "amazon/ALL/toys/2024-07", "amazon/ALL/games/2024-07", "ebay/ALL/games/2024-07",
                "amazon/ALL/ALL/2024-07", "ebay/ALL/ALL/2024-07",
                "ALL/US/toys/2024-07", "ALL/US/games/2024-07", "ALL/US/ALL/2024-07",
                "ALL/ALL/toys/2024-07", "ALL/ALL/games/2024-07", "ALL/ALL/ALL/2024-07");
    }

    @Test
    void theWindowIsJudgedAtItsLastMonthAgainstThePreviousWindow() {
        Map<String, Row> t = byKey(NewVsExisting.compute(fixture(), NewVsExisting.DEFAULT_NEW_MONTHS).rows().collectAsList());

        // window 2024-01..2024-12, end 2024-12: new means intro > 2024-06 → D (2024-07) and E (2025-02) only;
        // B (2024-05) is no longer new. R = A 220 + B 130 + C 380 + D 40 + E 30 = 800, R_new = 70.
        // Previous window 2023-01..2023-12: A 100. Growth 800/100 − 1 = 7 = 70/100 + (730 − 100)/100.
        Row w = t.get("ALL/ALL/ALL/window");
        assertThat(w.<Long>getAs("products")).isEqualTo(5);
        assertThat(w.<Long>getAs("new_products")).isEqualTo(2);
        assertThat(dbl(w, "new_product_count_share")).isCloseTo(0.4, within(EXACT));
        assertThat(dbl(w, "new_product_revenue_share")).isCloseTo(70.0 / 800, within(EXACT));
        assertThat(dbl(w, "new_seller_share")).isEqualTo(0.5);   // amazon/S2 (2024-06) is old now; ebay/S3, amazon/S3 new
        assertThat(dbl(w, "growth_from_new")).isCloseTo(0.7, within(EXACT));
        assertThat(dbl(w, "growth_from_existing")).isCloseTo(6.3, within(EXACT));
        assertThat(w.<Long>getAs("rows")).isEqualTo(10);         // the 2023-12 row is not in the window
        assertThat(w.<String>getAs("status")).isNull();
        // the previous window is for comparison only
        assertThat(t.keySet()).noneMatch(k -> k.endsWith("/" + AnalysisPeriod.PREVIOUS_WINDOW));
    }

    @Test
    void monthsWhoseLookBackReachesTheFirstMonthOfDataAreFlagged() {
        Map<String, Row> t = byKey(NewVsExisting.compute(fixture(), NewVsExisting.DEFAULT_NEW_MONTHS).rows().collectAsList());

        // F = 2023-12. 2023-12: look-back 2023-07..2023-12, A looks new only because the data starts there
        Row first = t.get("amazon/US/toys/2023-12");
        assertThat(first.<Long>getAs("new_products")).isEqualTo(1);
        assertThat(dbl(first, "new_product_count_share")).isEqualTo(1.0);
        assertThat(first.<String>getAs("status")).isEqualTo(Codes.INSUFFICIENT_HISTORY);
        assertThat(dbl(first, "growth_from_new")).isNull();                        // no 2023-11
        // 2024-05: look-back 2023-12..2024-05 starts at F itself, so everything first seen in F would be new: flagged
        Row may = t.get("ALL/ALL/ALL/2024-05");
        assertThat(may.<String>getAs("status")).isEqualTo(Codes.INSUFFICIENT_HISTORY);
        assertThat(may.<Long>getAs("new_products")).isEqualTo(1);                  // B
        // 2024-06 is the first month with a look-back wholly after F
        assertThat(t.get("ALL/ALL/ALL/2024-06").<String>getAs("status")).isNull();
        // with W = 1 (new = introduced in the period's own month) only 2023-12 is flagged
        Map<String, Row> w1 = byKey(NewVsExisting.compute(fixture(), 1).rows().collectAsList());
        assertThat(w1.values()).filteredOn(r -> r.getAs("status") != null)
                .extracting(r -> (String) r.getAs("period")).containsOnly("2023-12");
        // W = 1, 2024-06 toys: new means intro > 2024-05, so none is: A 2023-12, B 2024-05, C 2023-03 (its launch,
        // though first seen in 2024-06)
        assertThat(w1.get("amazon/US/toys/2024-06").<Long>getAs("new_products")).isEqualTo(0);
    }

    @Test
    void theGrowthSplitAddsUpToMarketSizeGrowthInEveryRow() {
        MetricsContext ctx = fixture();
        Map<String, Row> size = byKey(MarketSize.compute(ctx).rows().collectAsList());
        List<Row> rows = NewVsExisting.compute(ctx, NewVsExisting.DEFAULT_NEW_MONTHS).rows().collectAsList();
        int withGrowth = 0;
        for (Row r : rows) {
            Row s = size.get(r.getAs("platform") + "/" + r.getAs("marketplace") + "/" + r.getAs("category") + "/"
                    + r.getAs("period"));
            Double total = AnalysisPeriod.WINDOW.equals(r.getAs("period")) ? dbl(s, "yoy_growth") : dbl(s, "mom_growth");
            if (total == null) {
                assertThat(dbl(r, "growth_from_new")).isNull();
                assertThat(dbl(r, "growth_from_existing")).isNull();
            } else {
                withGrowth++;
                assertThat(dbl(r, "growth_from_new") + dbl(r, "growth_from_existing")).isCloseTo(total, within(1e-9));
            }
        }
        assertThat(withGrowth).isGreaterThan(10);
    }

    @Test
    void rejectsANonPositiveLookBack() {
        assertThatThrownBy(() -> NewVsExisting.compute(fixture(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
