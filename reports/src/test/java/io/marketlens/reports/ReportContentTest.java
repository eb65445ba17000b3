package io.marketlens.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.data.Table;
import io.marketlens.reports.layout.Block;
import io.marketlens.reports.layout.Heat;
import io.marketlens.reports.text.Lang;
import io.marketlens.reports.text.Numbers;
import io.marketlens.reports.text.Texts;
import io.marketlens.tables.RunManifest;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The blocks of the competitors and product-selection chapters, from the hand-made tables of {@link CompetitorTables}. */
class ReportContentTest {

    /** Toys (1,000) before Garden (500) by window revenue. */
    static final Table MARKET_SIZE = CompetitorTables.table("market_size",
            "platform,marketplace,category,period,revenue\nALL,ALL,Toys,window,1000\nALL,ALL,Garden,window,500\n");

    private static List<Block> blocks(Lang lang, Table... tables) {
        Map<String, Table> byName = new LinkedHashMap<>();
        for (Table t : tables) {
            byName.put(t.name(), t);
        }
        RunManifest manifest = new RunManifest("run-1", "2025-08-31", "USD", "2025-09-01T00:00:00Z", List.of(), List.of(), List.of(),
                Map.of(), Map.of("window_months", 12));
        List<String> warnings = new ArrayList<>();
        List<Block> blocks = new ReportContent(RunFolder.of(Path.of("unused"), manifest, byName), Texts.of(lang), new Numbers(lang, "USD"),
                Map.of(), Map.of()).build(warnings::add);
        // market_size here has revenue only: its own chapter notes what it lacks; the chapters tested here read all they need
        assertThat(warnings).noneMatch(w -> w.contains("competitor") || w.contains("product_selection"));
        return blocks;
    }

    /** The blocks of the chapter headed {@code title}, its heading first, up to the next chapter's heading. */
    private static List<Block> chapter(List<Block> blocks, String title) {
        int start = blocks.indexOf(new Block.Heading(1, title));
        assertThat(start).as(title).isNotNegative();
        int end = start + 1;
        while (end < blocks.size() && !(blocks.get(end) instanceof Block.Heading h && h.level() == 1)) {
            end++;
        }
        return blocks.subList(start, end);
    }

    private static List<String> texts(List<Block> blocks) {
        return blocks.stream().map(b -> b instanceof Block.Paragraph p ? p.text() : b instanceof Block.Note n ? n.text()
                : b instanceof Block.Heading h ? h.text() : b instanceof Block.Table t ? "table: " + t.caption() : b.toString()).toList();
    }

    private static Block.Table table(List<Block> blocks, String caption) {
        return blocks.stream().filter(b -> b instanceof Block.Table t && t.caption().equals(caption)).map(Block.Table.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no table " + caption + " in " + texts(blocks)));
    }

    @Test
    void competitorsOfEachCategoryWithTheOwnStoresPlace() {
        List<Block> c = chapter(blocks(Lang.EN, MARKET_SIZE, CompetitorTables.table("competitors", CompetitorTables.COMPETITORS),
                CompetitorTables.table("competitor_benchmark", CompetitorTables.BENCHMARK)), "Competitors");

        assertThat(texts(c)).containsSubsequence("Competitors", "Toys",
                // rank 3 of 4, 0.50 + 0.25 = 0.75 above: follower
                "Own store amazon / OWN1: rank 3 of 4 sellers with 15.0% of revenue (+50.0% on the previous window); market position: follower.",
                "table: Leading competitors in Toys over the window", "Garden",
                "The own store sells nothing in Garden: its competitors there have no type and no price index.",
                "table: Leading competitors in Garden over the window", "Sources: tables/competitors.csv, tables/competitor_benchmark.csv");
        assertThat(texts(c)).noneMatch(s -> s.contains("own_seller_ids"));
        // rank, seller, type, position, share, share change (points), growth, price index (ASP ÷ 7.5), rating (reviews)
        assertThat(table(c, "Leading competitors in Toys over the window").rows()).containsExactly(
                List.of("1", "amazon / S1", "Direct", "Leader", "50.0%", "+10.00", "+25.0%", "1.33", "4.5 (120)"),
                List.of("2", "shopee / S2", "Indirect", "Challenger", "25.0%", "\u22125.00", "\u221216.7%", "3.33", "4.1 (30)"),
                List.of("4", "amazon / S4", "Emerging", "Nicher", "10.0%", "+10.00", "\u2013", "0.67", "\u2013"));
        assertThat(table(c, "Leading competitors in Garden over the window").rows().get(0))
                .containsExactly("1", "amazon / G1", "\u2013", "Leader", "90.0%", "+1.00", "+12.5%", "\u2013", "4.0 (10)");

        List<Block> zh = chapter(blocks(Lang.ZH, MARKET_SIZE, CompetitorTables.table("competitors", CompetitorTables.COMPETITORS),
                CompetitorTables.table("competitor_benchmark", CompetitorTables.BENCHMARK)), "竞对分析");
        assertThat(texts(zh)).contains("自有店铺 amazon / OWN1：在 4 个卖家中排名第 3，销售额占比 15.0%（较上一周期 +50.0%），市场地位：市场追随者。");
        assertThat(table(zh, "分析窗口内 Toys 的主要竞争对手").rows().get(0)).contains("直接竞争", "市场领导者");
    }

    @Test
    void withoutAnOwnStoreOneSentenceSaysHowToNameIt() {
        List<Block> c = chapter(blocks(Lang.EN, MARKET_SIZE, CompetitorTables.table("competitors", CompetitorTables.COMPETITORS_NO_OWN_STORE),
                CompetitorTables.table("competitor_benchmark", CompetitorTables.BENCHMARK_NO_OWN_STORE)), "Competitors");

        assertThat(texts(c).get(2)).startsWith("No own store is known for this run").contains("own_seller_ids: [")
                .contains("the benchmark lists the leading sellers");
        assertThat(texts(c)).noneMatch(s -> s.startsWith("Own store") || s.startsWith("The own store sells nothing"));
        assertThat(table(c, "Leading competitors in Toys over the window").rows())
                .allSatisfy(r -> assertThat(r.get(2)).isEqualTo("\u2013"));
    }

    @Test
    void missingOrEmptyTablesSayTheRunHasNoDataForTheChapter() {
        String noData = "This run has no data for this section.";
        for (List<Block> blocks : List.of(blocks(Lang.EN, MARKET_SIZE),
                blocks(Lang.EN, MARKET_SIZE, CompetitorTables.table("competitors", CompetitorTables.COMPETITORS_HEADER),
                        CompetitorTables.table("competitor_benchmark", CompetitorTables.BENCHMARK_HEADER),
                        CompetitorTables.table("product_selection", CompetitorTables.SELECTION_HEADER)))) {
            assertThat(texts(chapter(blocks, "Competitors"))).hasSize(3).endsWith(noData);
            assertThat(texts(chapter(blocks, "Product selection"))).hasSize(3).endsWith(noData);
        }
    }

    @Test
    void productSelectionRanksTheCategoriesWithTheirComponentsAsAHeatTable() {
        List<Block> c = chapter(blocks(Lang.EN, CompetitorTables.table("product_selection", CompetitorTables.selection(1.0, 0.9))),
                "Product selection");

        Block.Table t = table(c, "Categories ranked by opportunity (all platforms and marketplaces, analysis window)");
        assertThat(t.columns()).extracting(Block.Column::header).containsExactly("#", "Category", "Score", "Robust", "Size (USD)", "Growth",
                "HHI", "New products", "Best band", "Top-10 reviews", "Logistics cost", "Season swing");
        // ranked first, then the low-volume category, unscored, its values shown
        assertThat(t.rows()).containsExactly(
                List.of("1", "A", "0.41", "100%", "1M", "+32.0%", "640", "\u2013", "\u2013", "\u2013", "\u2013", "\u2013"),
                List.of("2", "B", "0.00", "90%", "2M", "+10.0%", "1,000", "\u2013", "\u2013", "\u2013", "\u2013", "\u2013"),
                List.of("3", "C", "-0.41", "100%", "3M", "\u221212.0%", "1,360", "\u2013", "\u2013", "\u2013", "\u2013", "\u2013"),
                List.of("\u2013", "D (too few orders to judge)", "\u2013", "\u2013", "5K", "+50.0%", "9,000", "\u2013", "\u2013", "\u2013",
                        "\u2013", "\u2013"));
        assertThat(t.highlighted()).isEqualTo(Set.of(0));
        int size = 4;
        int growth = 5;
        int hhi = 6;
        // A: HHI z = −√1.5 (less concentrated than the others: good, green); C: z = +√1.5 (bad, red); B: average, white
        assertThat(t.fill(0, hhi)).isEqualTo(Heat.of(Math.sqrt(1.5)));
        assertThat(green(t.fill(0, hhi))).isTrue();
        assertThat(green(t.fill(2, hhi))).isFalse();
        assertThat(t.fill(2, hhi)).isEqualTo(Heat.of(-Math.sqrt(1.5)));
        assertThat(t.fill(1, hhi)).isEqualTo(Color.WHITE);
        // size and growth add to the score: A's small size is red, its growth green
        assertThat(green(t.fill(0, size))).isFalse();
        assertThat(green(t.fill(0, growth))).isTrue();
        // no z-score, no colour: the unknown components, the low-volume row, the rank and score columns
        assertThat(t.fill(0, 7)).isNull();
        assertThat(t.fill(3, hhi)).isNull();
        assertThat(t.fill(0, 2)).isNull();
        assertThat(table(c, "Best candidates by platform and marketplace").rows()).containsExactly(
                List.of("1", "amazon", "US", "A", "0.70", "100%"), List.of("2", "amazon", "DE", "B", "-0.70", "100%"));
    }

    private static boolean green(Color c) {
        return c.getGreen() > c.getRed();
    }
}
