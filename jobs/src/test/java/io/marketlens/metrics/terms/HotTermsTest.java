package io.marketlens.metrics.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.fact.MarketFact;
import io.marketlens.metrics.MetricsContext;
import io.marketlens.tables.Codes;
import io.marketlens.testing.FactRows;
import io.marketlens.testing.SparkTestSession;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Hot terms on hand fixtures, as of 2024-12-31: window 2024-01..2024-12, previous window 2023-01..2023-12. */
class HotTermsTest {

    static final double EXACT = 1e-12;

    private final SparkSession spark = SparkTestSession.get();

    /**
     * amazon/US/audio, window (scope revenue 600 + 300 + 100 + 200 = 1200):
     * <pre>
     *   2024-03  "Wireless Earbuds with Bluetooth"  color:black;battery:24h  600
     *   2024-05  "Wireless Headphones"              color:white              300
     *   2024-08  "Bluetooth Speaker"                -                        100
     *   2024-10  "蓝牙耳机 无线"                      -                        200   → 蓝牙, 牙耳, 耳机, 无线
     * </pre>
     * previous window (scope revenue 400 + 200 + 10 = 610):
     * <pre>
     *   2023-01  "Wireless Earbuds"                 color:black              400
     *   2023-06  "Bluetooth Speaker"                -                        200
     *   2023-07  "Wired Headphones"                 -                         10
     * </pre>
     * and ebay/US/audio: 2024-04 "Wireless Charger" 100. A 2022-12 row (before both windows) must not count.
     */
    private static List<Row> audio() {
        List<Row> rows = new ArrayList<>();
        rows.add(row("amazon", "audio", "2024-03", "Wireless Earbuds with Bluetooth", "color:black;battery:24h", 600));
        rows.add(row("amazon", "audio", "2024-05", "Wireless Headphones", "color:white", 300));
        rows.add(row("amazon", "audio", "2024-08", "Bluetooth Speaker", null, 100));
        rows.add(row("amazon", "audio", "2024-10", "蓝牙耳机 无线", null, 200));
        rows.add(row("amazon", "audio", "2023-01", "Wireless Earbuds", "color:black", 400));
        rows.add(row("amazon", "audio", "2023-06", "Bluetooth Speaker", null, 200));
        rows.add(row("amazon", "audio", "2023-07", "Wired Headphones", null, 10));
        rows.add(row("ebay", "audio", "2024-04", "Wireless Charger", null, 100));
        rows.add(row("amazon", "audio", "2022-12", "Wireless Earbuds", "color:black", 5000));
        return rows;
    }

    private static Row row(String platform, String category, String period, String title, String attributes,
                           double revenue) {
        return RowFactory.create(platform, "US", category, period, "p-" + title.hashCode(), "s1", null,
                MarketFact.COMPETITORS, 10L, revenue, null, title, attributes, null, null, null, revenue / 10);
    }

    private MetricsContext context(List<Row> rows) {
        return new MetricsContext(spark, spark.createDataFrame(rows, FactRows.SCHEMA), Optional.empty(),
                new AnalysisPeriod(LocalDate.parse("2024-12-31"), 12));
    }

    private static List<Row> scope(List<Row> rows, String platform, String marketplace, String category) {
        return rows.stream().filter(r -> r.getAs("platform").equals(platform) && r.getAs("marketplace").equals(marketplace)
                && r.getAs("category").equals(category)).toList();
    }

    /** "term kind weight rank growth riser_rank rows" with growth to 6 decimals, "-" for null. */
    private static String line(Row r) {
        return String.join(" ", r.<String>getAs("term"), r.<String>getAs("kind"),
                String.format("%.1f", r.<Double>getAs("weight")), String.valueOf(r.<Integer>getAs("rank")),
                r.isNullAt(r.fieldIndex("growth")) ? "-" : String.format("%.6f", r.<Double>getAs("growth")),
                r.isNullAt(r.fieldIndex("riser_rank")) ? "-" : String.valueOf(r.<Integer>getAs("riser_rank")),
                String.valueOf(r.<Long>getAs("rows")));
    }

    @Test
    void weightsRanksGrowthAndRisersOfOneCategory() {
        List<Row> amazon = scope(HotTerms.compute(context(audio()), HotTerms.DEFAULT_TOP_N, HotTerms.DEFAULT_RISER_MIN_SHARE).rows().collectAsList(), "amazon", "US", "audio");
        assertThat(amazon).extracting(HotTermsTest::line).containsExactly(
                // term       kind      weight  rank  growth = weight / previous − 1       riser  rows
                "wireless title 900.0 1 1.250000 3 2",             // 600 + 300 vs 400
                "bluetooth title 700.0 2 2.500000 2 2",            // 600 + 100 vs 200
                "battery:24h attribute 600.0 3 - - 1",             // new in the window: growth null
                "color:black attribute 600.0 4 0.500000 4 1",      // 600 vs 400; ties at 600 go by term
                "earbuds title 600.0 5 0.500000 5 1",              // same growth and weight as color:black: by term
                "color:white attribute 300.0 6 - - 1",
                "headphones title 300.0 7 29.000000 1 1",          // 300 vs 10: 10 ≥ 1 % of 610, the fastest riser
                "无线 title 200.0 8 - - 1",                         // CJK bigrams, new; ties by term (U+65E0 < …)
                "牙耳 title 200.0 9 - - 1",
                "耳机 title 200.0 10 - - 1",
                "蓝牙 title 200.0 11 - - 1",
                "speaker title 100.0 12 -0.500000 - 1");           // falling: not a riser
        // "with" is a stop word; "wired" had weight only in the previous window and is left out
        Row wireless = amazon.get(0);
        assertThat(wireless.<Double>getAs("share")).isCloseTo(900.0 / 1200, within(EXACT));
        assertThat(wireless.<Double>getAs("previous_weight")).isEqualTo(400.0);
        assertThat(wireless.<String>getAs("period")).isEqualTo(AnalysisPeriod.WINDOW);
        assertThat(wireless.<String>getAs("status")).isNull();
        assertThat(amazon.get(2).isNullAt(amazon.get(2).fieldIndex("previous_weight"))).isTrue();
    }

    @Test
    void scopesRollUpPlatformAndMarketplaceButNotCategory() {
        List<Row> rows = HotTerms.compute(context(audio()), HotTerms.DEFAULT_TOP_N, HotTerms.DEFAULT_RISER_MIN_SHARE).rows().collectAsList();
        assertThat(rows).extracting(r -> r.getAs("platform") + "/" + r.getAs("marketplace") + "/" + r.getAs("category"))
                .containsOnly("amazon/US/audio", "ebay/US/audio", "ALL/US/audio", "amazon/ALL/audio", "ebay/ALL/audio",
                        "ALL/ALL/audio");
        // all platforms: wireless 600 + 300 + 100 (ebay) = 1000 over 3 rows, of 1300, riser 3 after headphones and
        // bluetooth; charger 100, new, before speaker 100 by term
        List<Row> all = scope(rows, "ALL", "ALL", "audio");
        assertThat(all.get(0)).extracting(HotTermsTest::line).isEqualTo("wireless title 1000.0 1 1.500000 3 3");
        assertThat(all.get(0).<Double>getAs("share")).isCloseTo(1000.0 / 1300, within(EXACT));
        assertThat(all).extracting(HotTermsTest::line).contains("charger title 100.0 12 - - 1");
        // ebay alone: no previous window revenue, so no growth and no riser
        assertThat(scope(rows, "ebay", "US", "audio")).extracting(HotTermsTest::line)
                .containsExactly("charger title 100.0 1 - - 1", "wireless title 100.0 2 - - 1");
    }

    @Test
    void theRiserFloorAndTopNKeepTheTopTermsAndTheFastestRisers() {
        // floor 5 % of 610 = 30.5: headphones (10 before) is no riser any more
        List<Row> floored = scope(HotTerms.compute(context(audio()), 30, 0.05).rows().collectAsList(), "amazon", "US",
                "audio");
        assertThat(floored).filteredOn(r -> !r.isNullAt(r.fieldIndex("riser_rank")))
                .extracting(r -> r.getAs("term") + " " + r.getAs("riser_rank"))
                .containsExactly("wireless 2", "bluetooth 1", "color:black 3", "earbuds 4");
        // top 3: wireless, bluetooth, battery:24h by weight, and headphones as riser 1 although it ranks 7th
        List<Row> top3 = scope(HotTerms.compute(context(audio()), 3, 0.01).rows().collectAsList(), "amazon", "US", "audio");
        assertThat(top3).extracting(r -> r.getAs("term") + " " + r.getAs("rank") + " " + r.getAs("riser_rank"))
                .containsExactly("wireless 1 3", "bluetooth 2 2", "battery:24h 3 null", "headphones 7 1");
        assertThatThrownBy(() -> HotTerms.compute(context(audio()), 0, 0.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HotTerms.compute(context(audio()), 30, -0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chineseTitlesAndAttributesWithFullWidthPunctuation() {
        List<Row> rows = List.of(
                // 2023-01 marks the start of the data, so the previous window is covered
                row("amazon", "家居", "2023-01", "保温杯", null, 50),
                // 包邮 and 新款 are stop phrases; 保温杯 → 保温, 温杯; "颜色：红色；容量：500ml" → two attribute pairs
                row("amazon", "家居", "2024-02", "新款保温杯包邮", "颜色：红色；容量：500ml", 300),
                row("amazon", "家居", "2024-09", "保温杯 大容量", "颜色:红色", 100));
        List<Row> out = scope(HotTerms.compute(context(rows), HotTerms.DEFAULT_TOP_N, HotTerms.DEFAULT_RISER_MIN_SHARE).rows().collectAsList(), "amazon", "US", "家居");
        assertThat(out).extracting(HotTermsTest::line).containsExactly(
                "保温 title 400.0 1 7.000000 1 2",                  // 300 + 100 vs 50
                "温杯 title 400.0 2 7.000000 2 2",
                "颜色:红色 attribute 400.0 3 - - 2",
                "容量:500ml attribute 300.0 4 - - 1",
                "大容 title 100.0 5 - - 1",                          // 大容量 → 大容, 容量; U+5927 < U+5BB9
                "容量 title 100.0 6 - - 1");
    }

    @Test
    void aPreviousWindowBeforeTheDataIsFlagged() {
        // the data starts in 2023-06, inside the previous window: growth compares with half a year
        List<Row> rows = List.of(
                row("amazon", "audio", "2023-06", "Bluetooth Speaker", null, 200),
                row("amazon", "audio", "2024-08", "Bluetooth Speaker", null, 100));
        List<Row> out = HotTerms.compute(context(rows), HotTerms.DEFAULT_TOP_N, HotTerms.DEFAULT_RISER_MIN_SHARE).rows().collectAsList();
        assertThat(out).isNotEmpty().allSatisfy(r ->
                assertThat(r.<String>getAs("status")).isEqualTo(Codes.INSUFFICIENT_HISTORY));
        assertThat(scope(out, "amazon", "US", "audio")).extracting(HotTermsTest::line).containsExactly(
                "bluetooth title 100.0 1 -0.500000 - 1", "speaker title 100.0 2 -0.500000 - 1");
    }
}
