package io.marketlens.reports.findings;

import static io.marketlens.reports.CompetitorTables.BENCHMARK;
import static io.marketlens.reports.CompetitorTables.BENCHMARK_NO_OWN_STORE;
import static io.marketlens.reports.CompetitorTables.COMPETITORS;
import static io.marketlens.reports.CompetitorTables.COMPETITORS_NO_OWN_STORE;
import static io.marketlens.reports.CompetitorTables.selection;
import static io.marketlens.reports.findings.Fixtures.run;
import static io.marketlens.reports.findings.Fixtures.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.reports.CompetitorTables;
import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Lang;
import io.marketlens.tables.Columns;
import io.marketlens.tables.RunManifest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The key findings of the competitor tables (1.1.5) and of product selection (1.1.8), from hand-made tables. */
class CompetitorAndSelectionFindingsTest {

    private static Table competitors() {
        return CompetitorTables.table("competitors", COMPETITORS);
    }

    private static Table benchmark() {
        return CompetitorTables.table("competitor_benchmark", BENCHMARK);
    }

    @Test
    void theOwnStoresLargestCategoryItsPositionAndItsLargestDirectCompetitor() {
        assertThat(texts(run(competitors(), benchmark()), Lang.EN, Topic.COMPETITORS)).containsExactly(
                // rank 3 of 4; the sellers above hold 0.50 + 0.25 = 0.75: at least 70 %, under 90 % → follower
                "The own store's largest category is Toys: rank 3 of 4 sellers with 15.0% of revenue (market position: follower)."
                        + " Its largest direct competitor there is amazon / S1 (rank 1, 50.0% of revenue, price index 1.33).",
                // S4 (emerging, +10 points) beats S9 (a month row) and S8 (a marketplace row), which are not read
                "Emerging competitor with the largest share gain: amazon / S4 in Toys, first seen in 2025-06, now 10.0% of revenue"
                        + " (+10.0 percentage points on the previous window).");
        assertThat(texts(run(competitors(), benchmark()), Lang.ZH, Topic.COMPETITORS)).containsExactly(
                "自有店铺销售额最大的类目是Toys：在4个卖家中排名第3，销售额占比15.0%（市场地位：市场追随者）。"
                        + "该类目中最大的直接竞争对手是amazon / S1（排名第1，销售额占比50.0%，价格指数1.33）。",
                "份额增长最多的新兴竞争者：Toys的amazon / S4，2025-06首次出现，目前销售额占比10.0%（较上一周期+10.0个百分点）。");
    }

    @Test
    void withoutAnOwnStoreTheFindingSaysSoAndNamesNoPosition() {
        Table c = CompetitorTables.table("competitors", COMPETITORS_NO_OWN_STORE);
        Table b = CompetitorTables.table("competitor_benchmark", BENCHMARK_NO_OWN_STORE);
        assertThat(texts(run(c, b), Lang.EN, Topic.COMPETITORS)).containsExactly(
                "No own store is known (several sellers in the sales files and no own_seller_ids in the config), so competitors are"
                        + " not typed and the own store is not benchmarked.");
        assertThat(texts(run(c, b), Lang.ZH, Topic.COMPETITORS).get(0)).contains("own_seller_ids").contains("自有店铺");
    }

    @Test
    void theTopPickWithItsTwoStrongestComponentsAndItsRobustness() {
        Table t = CompetitorTables.table("product_selection", selection(1.0, 1.0));
        // A's terms of the score: size −√1.5, growth +√1.5, HHI (−1) · (−√1.5) = +√1.5; the two that add are growth and
        // HHI (equal: in the components' order)
        assertThat(texts(run(t), Lang.EN, Topic.PRODUCT_SELECTION)).containsExactly(
                "Top pick: A — strong growth (+32.0%), low concentration (HHI 640), robust in 100% of weightings.",
                "1 category has too few orders or selling listings in the window to be scored; the Product selection chapter lists it.");
        assertThat(texts(run(t), Lang.ZH, Topic.PRODUCT_SELECTION)).containsExactly(
                "首选类目：A——增长强劲（+32.0%）、集中度低（HHI 640），在100%的权重组合下稳居前三。",
                "1个类目在分析窗口内订单或在售商品太少，未参与评分，见“选品分析”一章。");
    }

    @Test
    void aTopPickBelowSixtyPercentIsACloseCallWithTheRunnerUp() {
        Table t = CompetitorTables.table("product_selection", selection(0.55, 0.7));
        assertThat(texts(run(t), Lang.EN, Topic.PRODUCT_SELECTION).get(0)).isEqualTo(
                "Top pick: A — strong growth (+32.0%), low concentration (HHI 640), robust in 55% of weightings."
                        + " It is a close call with the runner-up, B (score 0.41 against 0.00; robust in 70% of weightings).");
        assertThat(texts(run(t), Lang.ZH, Topic.PRODUCT_SELECTION).get(0)).contains("首选类目：A").contains("与第二名B相差无几");
    }

    @Test
    void theWeightsOfTheRunsConfigDecideTheStrengths() {
        // growth weighted 0.1: its term 0.1 · √1.5 = 0.12 falls behind HHI (1.22); size (−1.22) still takes from the score
        RunManifest m = new RunManifest("run-1", "2025-08-31", "USD", "2025-09-01T00:00:00Z", List.of(), List.of(), List.of(), Map.of(),
                Map.of("window_months", 12, "metrics", Map.of("product_selection", Map.of("weights", Map.of("growth", 0.1)))));
        Table t = CompetitorTables.table("product_selection", selection(1.0, 1.0));
        assertThat(texts(run(m, t), Lang.EN, Topic.PRODUCT_SELECTION).get(0))
                .isEqualTo("Top pick: A — low concentration (HHI 640), strong growth (+32.0%), robust in 100% of weightings.");
    }

    @Test
    void componentsAreTheContractsInItsOrderWithTheScoresSigns() {
        assertThat(Arrays.stream(ComponentText.values()).map(ComponentText::column)).containsExactlyElementsOf(
                Columns.SELECTION_COMPONENTS);
        assertThat(Arrays.stream(ComponentText.values()).map(ComponentText::sign)).containsExactly(1, 1, -1, 1, 1, -1, -1, -1);
        assertThat(ComponentText.HHI.goodness(1.0)).isEqualTo(-1.0);
        assertThat(ComponentText.GROWTH.goodness(null)).isNull();
    }

    @Test
    void missingOrEmptyTablesGiveNoFinding() {
        Table empty = CompetitorTables.table("product_selection", CompetitorTables.SELECTION_HEADER);
        Table noRows = CompetitorTables.table("competitors", CompetitorTables.COMPETITORS_HEADER);
        for (Lang lang : Lang.values()) {
            assertThat(texts(run(), lang, Topic.COMPETITORS)).isEmpty();
            assertThat(texts(run(empty, noRows), lang, Topic.PRODUCT_SELECTION)).isEmpty();
            assertThat(texts(run(empty, noRows), lang, Topic.COMPETITORS)).isEmpty();
        }
    }
}
