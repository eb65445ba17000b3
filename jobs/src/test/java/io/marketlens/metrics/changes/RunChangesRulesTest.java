package io.marketlens.metrics.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.spark.TableSchemas;
import io.marketlens.tables.TableSchema;
import io.marketlens.tables.Tables;
import io.marketlens.testing.TableRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link RunChanges} on hand-built rows of two runs: each kind fires at its threshold and not just below
 * it, scopes that repeat another are left out, a table one run lacks (or wrote without a column) gives a notice and
 * no rows, and the rank puts the own store first, then the top-3 entries, then the rest by size.
 */
class RunChangesRulesTest {

    private static final String NOW = "2024-07-31";
    private static final String BEFORE = "2024-06-30";
    private static final RunChanges.Rules RULES = new RunChanges.Rules(ChangesOptions.DEFAULT, 30, 0.10);

    // ---------------------------------------------------------------------------------------------- top 10, shares

    @Test
    void aSellerEntersTheTopTenAtRankTenAndLeavesItAtRankEleven() {
        List<RunChanges.Change> c = compare(Tables.COMPETITORS,
                List.of(seller("amazon", "US", "Toys", "s-up", 12, 0.05), seller("amazon", "US", "Toys", "s-down", 10, 0.05),
                        seller("amazon", "US", "Toys", "s-stays", 11, 0.05)),
                List.of(seller("amazon", "US", "Toys", "s-up", 10, 0.05), seller("amazon", "US", "Toys", "s-down", 11, 0.05),
                        seller("amazon", "US", "Toys", "s-stays", 11, 0.05)));
        assertThat(c).extracting(RunChangesRulesTest::line).containsExactly(
                // 12 → 10: two places up; 10 → 11: one down; 11 → 11 stays out: nothing
                "top10_entry amazon/US/Toys window s-up 12 → 10 (2.0)",
                "top10_exit amazon/US/Toys window s-down 10 → 11 (-1.0)");
    }

    @Test
    void aSellerNewToTheCategoryEntersWithoutAFormerRankAndItsShareMovesFromZero() {
        List<RunChanges.Change> c = compare(Tables.COMPETITORS,
                List.of(seller("amazon", "US", "Toys", "s1", 1, 0.50)),
                List.of(seller("amazon", "US", "Toys", "s1", 1, 0.40), seller("amazon", "US", "Toys", "s-new", 2, 0.25)));
        assertThat(c).extracting(RunChangesRulesTest::line).containsExactly(
                // rank 2 is in the top 3: first; then the share moves by size: 25 points (12.5 thresholds), 10 (5)
                "top10_entry amazon/US/Toys window s-new null → 2 (null)",
                "share_move amazon/US/Toys window s-new 0.0000 → 0.2500 (25.0)",
                "share_move amazon/US/Toys window s1 0.5000 → 0.4000 (-10.0)");
    }

    @Test
    void aShareMoveFiresAtTwoPointsAndNotBelow() {
        List<RunChanges.Change> c = compare(Tables.COMPETITORS,
                List.of(seller("amazon", "US", "Toys", "s-two", 5, 0.10), seller("amazon", "US", "Toys", "s-almost", 6, 0.10)),
                List.of(seller("amazon", "US", "Toys", "s-two", 5, 0.12), seller("amazon", "US", "Toys", "s-almost", 6, 0.1199)));
        // 12 % − 10 % = 2 points (1.9999999999999996 in binary: within the tolerance); 11.99 % − 10 % = 1.99 points
        assertThat(c).extracting(RunChangesRulesTest::line).containsExactly("share_move amazon/US/Toys window s-two 0.1000 → 0.1200 (2.0)");
        assertThat(c.get(0).magnitude()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void aSmallerThresholdIsTakenFromTheOptions() {
        RunChanges.Rules onePoint = new RunChanges.Rules(new ChangesOptions(1.0, 1.0, 5.0), 30, 0.10);
        RunChanges.Result r = RunChanges.compare(run(NOW, Tables.COMPETITORS, List.of(seller("amazon", "US", "Toys", "s", 5, 0.115))),
                run(BEFORE, Tables.COMPETITORS, List.of(seller("amazon", "US", "Toys", "s", 5, 0.10))), onePoint);
        assertThat(r.changes()).extracting(RunChangesRulesTest::line).containsExactly("share_move amazon/US/Toys window s 0.1000 → 0.1150 (1.5)");
    }

    // ---------------------------------------------------------------------------------------------- scopes

    @Test
    void aCategorySoldInOneMarketIsToldOnceAndOneSoldInTwoAlsoOverAllMarkets() {
        // Toys only on amazon/US: its roll-ups say the same as the finest scope; Garden on amazon/US and amazon/DE:
        // the category over all markets counts, the roll-up over marketplaces only (amazon/ALL) does not
        List<Row> before = new ArrayList<>();
        List<Row> now = new ArrayList<>();
        for (String[] scope : new String[][] {{"amazon", "US", "Toys"}, {"amazon", "ALL", "Toys"}, {"ALL", "ALL", "Toys"},
                {"amazon", "US", "Garden"}, {"amazon", "DE", "Garden"}, {"amazon", "ALL", "Garden"}, {"ALL", "ALL", "Garden"},
                {"ALL", "ALL", "ALL"}}) {
            before.add(seller(scope[0], scope[1], scope[2], "s", 12, 0.05));
            now.add(seller(scope[0], scope[1], scope[2], "s", 9, 0.05));
        }
        assertThat(compare(Tables.COMPETITORS, before, now)).extracting(RunChangesRulesTest::line).containsExactly(
                "top10_entry ALL/ALL/Garden window s 12 → 9 (3.0)",
                "top10_entry amazon/DE/Garden window s 12 → 9 (3.0)",
                "top10_entry amazon/US/Garden window s 12 → 9 (3.0)",
                "top10_entry amazon/US/Toys window s 12 → 9 (3.0)");
    }

    @Test
    void aScopeOnlyOneRunHasIsNotCompared() {
        // Garden is new: its sellers are not "entries" — there was nothing to enter
        List<RunChanges.Change> c = compare(Tables.COMPETITORS,
                List.of(seller("amazon", "US", "Toys", "s1", 1, 1.0)),
                List.of(seller("amazon", "US", "Toys", "s1", 1, 1.0), seller("amazon", "US", "Garden", "s2", 1, 1.0)));
        assertThat(c).isEmpty();
    }

    @Test
    void monthRowsAreNotCompared() {
        List<RunChanges.Change> c = compare(Tables.COMPETITORS,
                List.of(TableRows.of(Tables.COMPETITORS, "platform", "amazon", "marketplace", "US", "category", "Toys", "period", "2024-06",
                        "seller_id", "s", "rank", 20, "share", 0.01)),
                List.of(TableRows.of(Tables.COMPETITORS, "platform", "amazon", "marketplace", "US", "category", "Toys", "period", "2024-06",
                        "seller_id", "s", "rank", 1, "share", 0.60)));
        assertThat(c).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- hhi, bands

    @Test
    void anHhiClassChangeFiresOnTheClassNotOnTheNumber() {
        List<RunChanges.Change> c = compare(Tables.CONCENTRATION,
                List.of(concentration("Toys", "seller", 1700, "moderately_concentrated"),
                        concentration("Garden", "seller", 1100, "moderately_concentrated"),
                        concentration("Books", "brand", 900, "unconcentrated")),
                List.of(concentration("Toys", "seller", 1850, "highly_concentrated"),
                        concentration("Garden", "seller", 1790, "moderately_concentrated"),
                        concentration("Books", "brand", 2000, "highly_concentrated")));
        // Garden moved by 690 within its class; Books is a brand concentration
        assertThat(c).extracting(RunChangesRulesTest::line)
                .containsExactly("hhi_class amazon/US/Toys window null moderately_concentrated → highly_concentrated (150.0)");
    }

    @Test
    void theBestBandMovesWhenItsEdgesDiffer() {
        List<RunChanges.Change> c = compare(Tables.PRICE_BANDS,
                List.of(band("Toys", 0, 0, 10, false), band("Toys", 1, 10, 20, true), band("Toys", 2, 20, 50, false),
                        band("Garden", 0, 0, 10, true), band("Books", 0, 0, 5, false)),
                List.of(band("Toys", 0, 0, 10, false), band("Toys", 1, 10, 20, false), band("Toys", 2, 20, 50, true),
                        band("Garden", 0, 0, 10, true), band("Books", 0, 0, 5, true)));
        // Garden keeps its band; Books had no best band before: nothing to move from
        assertThat(c).extracting(RunChangesRulesTest::line).containsExactly("best_band amazon/US/Toys window null 10–20 → 20–50 (1.0)");
    }

    // ---------------------------------------------------------------------------------------------- change points

    @Test
    void aChangePointIsNewWhenThePreviousRunHadNoneOfThatPeriodAndDirection() {
        List<RunChanges.Change> c = compare(Tables.CHANGE_POINTS,
                List.of(changePoint("Toys", "2024-03", "up", 100, 130, 0.30), changePoint("Garden", null, null, null, null, null)),
                List.of(changePoint("Toys", "2024-03", "up", 101, 131, 0.297), changePoint("Toys", "2024-06", "down", 130, 104, -0.20),
                        changePoint("Garden", "2024-05", "up", 50, 60, null), changePoint("Books", "2024-04", "up", 10, 20, 1.0)));
        // Toys 2024-03 up is known; Garden's change has no change column value: 60 ÷ 50 − 1 = 0.2; Books is new to the table
        assertThat(c).extracting(RunChangesRulesTest::line).containsExactly(
                "change_point amazon/US/Garden 2024-05 level_shift 50.00 → 60.00 (0.2)",
                "change_point amazon/US/Toys 2024-06 level_shift 130.00 → 104.00 (-0.2)");
        assertThat(c.get(0).score()).isCloseTo(2.0, within(1e-9)); // 0.2 ÷ min_change 0.10
    }

    @Test
    void aChangePointAMonthFromOneThePreviousRunHadIsTheSameBreak() {
        List<RunChanges.Change> c = compare(Tables.CHANGE_POINTS,
                List.of(changePoint("Toys", "2024-05", "down", 130, 104, -0.20)),
                List.of(changePoint("Toys", "2024-06", "down", 131, 105, -0.198), changePoint("Toys", "2024-04", "up", 100, 125, 0.25),
                        changePoint("Toys", "2024-07", "down", 105, 80, -0.238)));
        // 2024-06 down is a month from 2024-05 down: the same break re-estimated; 2024-04 up has another direction and
        // 2024-07 down is two months away: both new
        assertThat(c).extracting(RunChangesRulesTest::line).containsExactly(
                "change_point amazon/US/Toys 2024-04 level_shift 100.00 → 125.00 (0.25)",
                "change_point amazon/US/Toys 2024-07 level_shift 105.00 → 80.00 (-0.238)");
    }

    // ---------------------------------------------------------------------------------------------- lanes

    @Test
    void laneLeadTimeFiresAtOneDayAndOnTimeAtFivePoints() {
        List<RunChanges.Change> c = compare(Tables.LOGISTICS_LANES,
                List.of(lane("DHL", "express", "DE", "ALL", 100, 3.0, 0.90), lane("UPS", "ground", "US", "ALL", 100, 3.0, 0.90),
                        lane("DHL", "express", "DE", "Bayern", 40, 3.0, 0.90), lane("ALL", "ALL", "DE", "ALL", 300, 3.0, 0.90),
                        lane("GLS", "parcel", "FR", "ALL", 29, 3.0, 0.90)),
                List.of(lane("DHL", "express", "DE", "ALL", 100, 4.0, 0.85), lane("UPS", "ground", "US", "ALL", 100, 3.99, 0.851),
                        lane("DHL", "express", "DE", "Bayern", 40, 9.0, 0.10), lane("ALL", "ALL", "DE", "ALL", 300, 9.0, 0.10),
                        lane("GLS", "parcel", "FR", "ALL", 29, 9.0, 0.10)));
        // UPS moved 0.99 days and 4.9 points: below both; regions and the roll-ups are not lanes; GLS has 29 < 30 shipments
        assertThat(c).extracting(RunChangesRulesTest::line).containsExactly(
                "lane_lead_time null/null/null window DHL / express → DE 3.00 → 4.00 (1.0)",
                "lane_on_time null/null/null window DHL / express → DE 0.9000 → 0.8500 (-5.0)");
        assertThat(c.get(1).magnitude()).isCloseTo(-5.0, within(1e-9));
    }

    // ---------------------------------------------------------------------------------------------- own store

    @Test
    void theOwnRankComesFromTheBenchmarkUntilBothRunsHaveOwnStore() {
        Row ownBefore = benchmark("Toys", "me", true, 4);
        Row ownNow = benchmark("Toys", "me", true, 2);
        Row other = benchmark("Toys", "rival", false, 3);
        RunChanges.Result r = RunChanges.compare(run(NOW, Map.of(Tables.COMPETITOR_BENCHMARK.name(), List.of(ownNow, other),
                        Tables.OWN_STORE.name(), List.of(ownStore("Toys", 2)))),
                run(BEFORE, Map.of(Tables.COMPETITOR_BENCHMARK.name(), List.of(ownBefore, benchmark("Toys", "rival", false, 2)))),
                RULES);
        assertThat(r.changes()).extracting(RunChangesRulesTest::line).containsExactly("own_rank amazon/US/Toys window me 4 → 2 (2.0)");
        assertThat(r.notices()).isEmpty();

        // with own_store in both, it alone counts (the benchmark's rank 7 → 2 is not told twice)
        RunChanges.Result both = RunChanges.compare(run(NOW, Map.of(Tables.COMPETITOR_BENCHMARK.name(), List.of(ownNow),
                        Tables.OWN_STORE.name(), List.of(ownStore("Toys", 2)))),
                run(BEFORE, Map.of(Tables.COMPETITOR_BENCHMARK.name(), List.of(benchmark("Toys", "me", true, 7)),
                        Tables.OWN_STORE.name(), List.of(ownStore("Toys", 5)))), RULES);
        assertThat(both.changes()).extracting(RunChangesRulesTest::line).containsExactly("own_rank amazon/US/Toys window null 5 → 2 (3.0)");
    }

    // ---------------------------------------------------------------------------------------------- missing tables

    @Test
    void aTableThePreviousRunLacksGivesANoticeAndNoRows() {
        RunChanges.Result r = RunChanges.compare(run(NOW, Tables.COMPETITORS, List.of(seller("amazon", "US", "Toys", "s", 1, 1.0))),
                new RunChanges.Run(BEFORE, Map.of()), RULES);
        assertThat(r.changes()).isEmpty();
        assertThat(r.notices()).containsExactly(
                "the previous run (2024-06-30) has no table competitors: top10_entry, top10_exit, share_move not compared");
    }

    @Test
    void aTableThisRunLacksOrThePreviousCouldNotReadGivesANotice() {
        RunChanges.Result r = RunChanges.compare(new RunChanges.Run(NOW, Map.of()),
                new RunChanges.Run(BEFORE, Map.of(Tables.LOGISTICS_LANES.name(), List.of(lane("DHL", "x", "DE", "ALL", 100, 3.0, 0.9))),
                        Map.of(Tables.CONCENTRATION.name(), "out/2024-06-30/tables/concentration.parquet cannot be read: not a Parquet file")),
                RULES);
        assertThat(r.changes()).isEmpty();
        assertThat(r.notices()).containsExactly(
                "the previous run (2024-06-30) has no readable table concentration (out/2024-06-30/tables/concentration.parquet"
                        + " cannot be read: not a Parquet file): hhi_class not compared",
                "this run (2024-07-31) has no table logistics_lanes: lane_lead_time, lane_on_time not compared");
    }

    @Test
    void aTableOfAnOlderSchemaComparesWhatItStillHas() {
        // the previous competitors table has no share column: ranks are compared, shares are not
        Row old = TableRows.of(schemaWithout(Tables.COMPETITORS, "share"), "platform", "amazon", "marketplace", "US", "category", "Toys",
                "period", "window", "seller_id", "s", "seller_platform", "amazon", "rank", 14);
        RunChanges.Result r = RunChanges.compare(run(NOW, Tables.COMPETITORS, List.of(seller("amazon", "US", "Toys", "s", 4, 0.2))),
                run(BEFORE, Tables.COMPETITORS, List.of(old)), RULES);
        assertThat(r.changes()).extracting(RunChangesRulesTest::line).containsExactly("top10_entry amazon/US/Toys window s 14 → 4 (10.0)");
        assertThat(r.notices()).containsExactly("the competitors table of the run of 2024-06-30 has no column share (written by an"
                + " older version): share_move not compared");
    }

    @Test
    void aColumnOfAnotherTypeIsReadAsWhatItHolds() {
        // a previous competitors table whose rank is a long and whose share is text: still compared; a cell that holds
        // no number is missing (the seller had no rank)
        StructType other = new StructType(Arrays.stream(TableSchemas.struct(Tables.COMPETITORS).fields())
                .map(f -> f.name().equals("rank") ? new StructField("rank", DataTypes.LongType, true, f.metadata())
                        : f.name().equals("share") ? new StructField("share", DataTypes.StringType, true, f.metadata()) : f)
                .toArray(StructField[]::new));
        List<Row> before = List.of(
                TableRows.of(other, "platform", "amazon", "marketplace", "US", "category", "Toys", "period", "window", "seller_id", "a",
                        "seller_platform", "amazon", "rank", 12L, "share", "0.05"),
                TableRows.of(other, "platform", "amazon", "marketplace", "US", "category", "Toys", "period", "window", "seller_id", "b",
                        "seller_platform", "amazon", "rank", 1L, "share", "n/a"));
        RunChanges.Result r = RunChanges.compare(run(NOW, Tables.COMPETITORS, List.of(seller("amazon", "US", "Toys", "a", 9, 0.08),
                seller("amazon", "US", "Toys", "b", 1, 0.01))), run(BEFORE, Tables.COMPETITORS, before), RULES);
        assertThat(r.changes()).extracting(RunChangesRulesTest::line).containsExactly(
                "share_move amazon/US/Toys window a 0.0500 → 0.0800 (3.0)",
                "top10_entry amazon/US/Toys window a 12 → 9 (3.0)");
    }

    @Test
    void nothingChangedNothingToTell() {
        List<Row> same = List.of(seller("amazon", "US", "Toys", "s", 1, 0.7));
        assertThat(compare(Tables.COMPETITORS, same, same)).isEmpty();
        RunChanges.Result none = RunChanges.compare(new RunChanges.Run(NOW, Map.of()), new RunChanges.Run(BEFORE, Map.of()), RULES);
        assertThat(none.changes()).isEmpty();
        assertThat(none.notices()).as("tables neither run has are no news").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- rank

    @Test
    void theOwnStoreFirstThenTopThreeEntriesThenTheRestBySizeInThresholds() {
        Map<String, List<Row>> now = new HashMap<>();
        Map<String, List<Row>> before = new HashMap<>();
        before.put(Tables.COMPETITOR_BENCHMARK.name(), List.of(benchmark("Toys", "me", true, 6)));
        now.put(Tables.COMPETITOR_BENCHMARK.name(), List.of(benchmark("Toys", "me", true, 5)));
        before.put(Tables.COMPETITORS.name(), List.of(seller("amazon", "US", "Toys", "a", 9, 0.10),
                seller("amazon", "US", "Toys", "b", 15, 0.01), seller("amazon", "US", "Toys", "c", 12, 0.02)));
        now.put(Tables.COMPETITORS.name(), List.of(seller("amazon", "US", "Toys", "a", 8, 0.16),
                seller("amazon", "US", "Toys", "b", 3, 0.025), seller("amazon", "US", "Toys", "c", 10, 0.03)));
        before.put(Tables.LOGISTICS_LANES.name(), List.of(lane("DHL", "express", "DE", "ALL", 100, 3.0, 0.9)));
        now.put(Tables.LOGISTICS_LANES.name(), List.of(lane("DHL", "express", "DE", "ALL", 100, 4.5, 0.9)));
        RunChanges.Result r = RunChanges.compare(run(NOW, now), run(BEFORE, before), RULES);
        assertThat(r.changes()).extracting(RunChangesRulesTest::line).containsExactly(
                "own_rank amazon/US/Toys window me 6 → 5 (1.0)",                    // the own store first, however small
                "top10_entry amazon/US/Toys window b 15 → 3 (12.0)",                // into the top 3
                "share_move amazon/US/Toys window a 0.1000 → 0.1600 (6.0)",           // 6 points = 3 thresholds
                "lane_lead_time null/null/null window DHL / express → DE 3.00 → 4.50 (1.5)", // 1.5 days = 1.5 thresholds
                "top10_entry amazon/US/Toys window c 12 → 10 (2.0)");               // a line crossed = 1 threshold
        List<Row> rows = RunChanges.rows(r.changes(), NOW, BEFORE);
        assertThat(rows).extracting(x -> x.get(0)).containsExactly(1, 2, 3, 4, 5);
        Row second = rows.get(1);
        assertThat(second.size()).isEqualTo(Tables.CHANGES.columns().size());
        // rank, kind, platform, marketplace, category, period, subject, before, after, magnitude, sentence_key, as_of, previous_as_of
        assertThat(Arrays.asList(second.getInt(0), second.get(1), second.get(2), second.get(3), second.get(4), second.get(5),
                second.get(6), second.get(7), second.get(8), second.get(9), second.get(10), second.get(11), second.get(12)))
                .containsExactly(2, "top10_entry", "amazon", "US", "Toys", "window", "b", "15", "3", 12.0, "changes.top10_entry",
                        "2024-07-31", "2024-06-30");
    }

    // ---------------------------------------------------------------------------------------------- fixtures

    private static String line(RunChanges.Change c) {
        return c.kind().code() + " " + c.platform() + "/" + c.marketplace() + "/" + c.category() + " " + c.period() + " "
                + c.subject() + " " + c.before() + " → " + c.after() + " (" + (c.magnitude() == null ? null
                : Math.round(c.magnitude() * 1e6) / 1e6) + ")";
    }

    private static List<RunChanges.Change> compare(TableSchema table, List<Row> before, List<Row> now) {
        RunChanges.Result r = RunChanges.compare(run(NOW, table, now), run(BEFORE, table, before), RULES);
        assertThat(r.notices()).isEmpty();
        return r.changes();
    }

    private static RunChanges.Run run(String asOf, TableSchema table, List<Row> rows) {
        return new RunChanges.Run(asOf, Map.of(table.name(), rows));
    }

    private static RunChanges.Run run(String asOf, Map<String, List<Row>> tables) {
        return new RunChanges.Run(asOf, tables);
    }

    private static Row seller(String platform, String marketplace, String category, String id, Integer rank, double share) {
        return TableRows.of(Tables.COMPETITORS, "platform", platform, "marketplace", marketplace, "category", category, "period", "window",
                "seller_id", id, "seller_platform", platform, "rank", rank, "share", share);
    }

    private static Row concentration(String category, String entity, double hhi, String doj2023) {
        return TableRows.of(Tables.CONCENTRATION, "platform", "amazon", "marketplace", "US", "category", category, "period", "window",
                "entity", entity, "hhi", hhi, "doj2023_class", doj2023);
    }

    private static Row band(String category, int index, double low, double high, boolean best) {
        return TableRows.of(Tables.PRICE_BANDS, "platform", "amazon", "marketplace", "US", "category", category, "period", "window",
                "band", (int) low + "–" + (int) high, "band_index", index, "band_low", low, "band_high", high, "is_best", best);
    }

    private static Row changePoint(String category, String period, String direction, Integer before, Integer after, Double change) {
        return TableRows.of(Tables.CHANGE_POINTS, "platform", "amazon", "marketplace", "US", "category", category, "period", period,
                "kind", period == null ? null : "level_shift", "direction", direction,
                "level_before", before == null ? null : before.doubleValue(), "level_after", after == null ? null : after.doubleValue(),
                "change", change, "status", period == null ? "low_volume" : null);
    }

    private static Row lane(String carrier, String service, String country, String region, long shipments, double p50, double onTime) {
        return TableRows.of(Tables.LOGISTICS_LANES, "carrier", carrier, "service", service, "destination_country", country,
                "destination_region", region, "period", "window", "shipments", shipments, "lead_time_p50", p50, "on_time_rate", onTime);
    }

    private static Row benchmark(String category, String seller, boolean own, int rank) {
        return TableRows.of(Tables.COMPETITOR_BENCHMARK, "platform", "amazon", "marketplace", "US", "category", category, "period", "window",
                "seller_id", seller, "is_own", own, "rank", rank);
    }

    private static Row ownStore(String category, int rank) {
        return TableRows.of(Tables.OWN_STORE, "platform", "amazon", "marketplace", "US", "category", category, "period", "window",
                "rank", rank);
    }

    private static StructType schemaWithout(TableSchema table, String column) {
        return new StructType(Arrays.stream(TableSchemas.struct(table).fields()).filter(f -> !f.name().equals(column))
                .toArray(StructField[]::new));
    }
}
