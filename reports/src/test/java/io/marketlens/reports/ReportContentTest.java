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

    /** The blocks of the executive page's part headed {@code title} (level 2), up to the next heading. */
    private static List<Block> part(List<Block> blocks, String title) {
        int start = blocks.indexOf(new Block.Heading(2, title));
        assertThat(start).as(title).isNotNegative();
        int end = start + 1;
        while (end < blocks.size() && !(blocks.get(end) instanceof Block.Heading)) {
            end++;
        }
        return blocks.subList(start, end);
    }

    /** The items of the first bullet list among {@code blocks}. */
    private static List<String> bullets(List<Block> blocks) {
        return blocks.stream().filter(Block.Bullets.class::isInstance).map(Block.Bullets.class::cast).findFirst().orElseThrow().items();
    }

    private static boolean hasChapter(List<Block> blocks, String title) {
        return blocks.contains(new Block.Heading(1, title));
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

        assertThat(texts(c)).filteredOn(s -> s.startsWith("No own store is known for this run")).singleElement()
                .satisfies(s -> assertThat(s).contains("own_seller_ids: [").contains("the benchmark lists the leading sellers"));
        assertThat(texts(c)).noneMatch(s -> s.startsWith("Own store") || s.startsWith("The own store sells nothing"));
        assertThat(table(c, "Leading competitors in Toys over the window").rows())
                .allSatisfy(r -> assertThat(r.get(2)).isEqualTo("\u2013"));
    }

    @Test
    void chaptersWithoutDataAreOneLineEachOnTheExecutivePage() {
        List<Block> missing = blocks(Lang.EN, MARKET_SIZE);
        List<Block> empty = blocks(Lang.EN, MARKET_SIZE, CompetitorTables.table("competitors", CompetitorTables.COMPETITORS_HEADER),
                CompetitorTables.table("competitor_benchmark", CompetitorTables.BENCHMARK_HEADER),
                CompetitorTables.table("product_selection", CompetitorTables.SELECTION_HEADER));
        for (List<Block> blocks : List.of(missing, empty)) {
            assertThat(hasChapter(blocks, "Competitors")).isFalse();
            assertThat(hasChapter(blocks, "Product selection")).isFalse();
            assertThat(hasChapter(blocks, "Market size and growth")).isTrue();
            assertThat(texts(blocks)).doesNotContain("This run has no data for this section.");
        }
        // the chapters in their order, each with why: no table, or a table without the chapter's rows
        assertThat(bullets(part(missing, "Not covered by this run"))).startsWith(
                "Market life cycle: the run wrote no lifecycle table (its inputs lack the data it needs).",
                "New and existing products: the run wrote no new_vs_existing table (its inputs lack the data it needs).")
                .contains("Competitors: the run wrote no competitors table (its inputs lack the data it needs).",
                        "Logistics lanes: the run wrote no logistics_lanes table (its inputs lack the data it needs).")
                .noneMatch(s -> s.startsWith("Market size and growth"));
        assertThat(bullets(part(empty, "Not covered by this run"))).contains("Competitors: the competitors table has no rows for it.",
                "Product selection: the product_selection table has no rows for it.");
        assertThat(bullets(part(blocks(Lang.ZH, MARKET_SIZE), "本次运行未涵盖"))).contains("竞对分析：本次运行未生成 competitors 表（输入中缺少所需数据）。");
        // the list closes the executive page, before the first chapter
        assertThat(missing.indexOf(new Block.Heading(2, "Not covered by this run"))).isLessThan(missing.indexOf(new Block.Heading(1, "Market size and growth")));
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
                List.of("3", "C", "\u22120.41", "100%", "3M", "\u221212.0%", "1,360", "\u2013", "\u2013", "\u2013", "\u2013", "\u2013"),
                List.of("\u2013", "D*", "\u2013", "\u2013", "5K", "+50.0%", "9,000", "\u2013", "\u2013", "\u2013",
                        "\u2013", "\u2013"));
        assertThat(texts(c)).contains("* too few orders to judge: D");
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
                List.of("1", "amazon", "US", "A", "0.70", "100%"), List.of("2", "amazon", "DE", "B", "\u22120.70", "100%"));
    }

    private static Table platforms() {
        return CompetitorTables.table("platform_comparison", PlatformTables.PLATFORM_COMPARISON);
    }

    @Test
    void platformsRankTheMarketplacesWithTheirComponentsAsAHeatTable() {
        List<Block> all = blocks(Lang.EN, MARKET_SIZE, platforms());
        List<Block> c = chapter(all, "Platforms");

        // the two largest terms of amazon / US's score: revenue 1 · √1.5 and lead time 0.5 · √1.5; a key finding (USD 3M at
        // stake), so on the executive page with its action rather than in the chapter
        assertThat(bullets(part(all, "Key findings"))).contains("Top marketplace: amazon / US — a large market (USD 3M), fast delivery"
                + " (median 4.0 days), robust in 95% of weightings. Give amazon / US priority when listing new products or expanding.");
        // the key findings are a ranking: numbered 1, 2, …; the chapters' other findings are bullets
        assertThat(part(all, "Key findings")).filteredOn(Block.Bullets.class::isInstance).extracting(b -> ((Block.Bullets) b).numbered())
                .containsExactly(true);
        assertThat(texts(c)).containsSubsequence("Platforms",
                "table: Platforms and marketplaces ranked by score (all categories, analysis window)",
                "Source: tables/platform_comparison.csv",
                "table: Best platform and marketplace per category (analysis window)");
        Block.Table t = table(c, "Platforms and marketplaces ranked by score (all categories, analysis window)");
        assertThat(t.columns()).extracting(Block.Column::header).containsExactly("#", "Platform / site", "Score", "Robust",
                "Size (USD)", "Growth", "HHI", "ASP (USD)", "Sellers", "New products", "Lead time (days)", "On time", "Freight cost",
                "Own share");
        String none = "\u2013";
        assertThat(t.rows()).containsExactly(
                List.of("1", "amazon / US", "0.52", "95%", "3M", "+10.0%", "1,000", none, none, none, "4.0", none, none, "15.0%"),
                List.of("2", "amazon / DE", "0.00", "80%", "2M", "+30.0%", "1,400", none, none, none, "6.0", none, none, "5.0%"),
                List.of("3", "shopee / SG", "\u22120.52", "100%", "1M", "\u221210.0%", "600", none, none, none, "8.0", none, none, none),
                List.of(none, "ebay / UK*", none, none, "5K", "+50.0%", "9,000", none, none, none, none, none, none, none));
        // the status of a marked row is told under the table, not in the cell
        assertThat(texts(c)).contains("* too few orders to judge: ebay / UK");
        assertThat(t.highlighted()).isEqualTo(Set.of(0));
        int revenue = 4;
        int hhi = 6;
        int lead = 10;
        // US: the largest market (green) with the shortest lead time (z −√1.5, which helps: green); DE: the highest HHI (red)
        assertThat(t.fill(0, revenue)).isEqualTo(Heat.of(Math.sqrt(1.5)));
        assertThat(t.fill(0, lead)).isEqualTo(Heat.of(Math.sqrt(1.5)));
        assertThat(t.fill(1, hhi)).isEqualTo(Heat.of(-Math.sqrt(1.5)));
        assertThat(green(t.fill(1, hhi))).isFalse();
        assertThat(t.fill(2, lead)).isEqualTo(Heat.of(-Math.sqrt(1.5)));
        // no z-score, no colour: unknown components, the low-volume row, the own share
        assertThat(t.fill(0, 7)).isNull();
        assertThat(t.fill(3, revenue)).isNull();
        assertThat(t.fill(0, 13)).isNull();
        assertThat(table(c, "Best platform and marketplace per category (analysis window)").rows()).containsExactly(
                List.of("Garden", "shopee / SG", "1", "0.00", "100%", none), List.of("Toys", "amazon / US", "2", "0.70", "100%", "20.0%"));

        assertThat(bullets(part(blocks(Lang.ZH, MARKET_SIZE, platforms()), "主要结论")))
                .contains("首选站点：amazon / US——市场容量大（300万 USD）、物流时效快（中位数4.0天），在95%的权重组合下稳居前三。"
                        + "上架新品或拓展时优先考虑amazon / US。");
    }

    @Test
    void ownStoreTilesCompareTheWindowWithThePreviousOne() {
        List<Block> c = chapter(blocks(Lang.EN, MARKET_SIZE, CompetitorTables.table("own_store", PlatformTables.OWN_STORE)), "Own store");

        Block.Tiles tiles = c.stream().filter(Block.Tiles.class::isInstance).map(Block.Tiles.class::cast).findFirst().orElseThrow();
        // 120,000 ÷ 100,000 − 1, 1,000 ÷ 800 − 1, 120 ÷ 125 − 1, 3,000 ÷ 2,500 − 1; 100 · (0.05 − 0.08), 100 · (0.03 − 0.02)
        assertThat(tiles.tiles()).containsExactly(
                new Block.Tile("Revenue", "USD 120K", "+20.0% on the previous window"),
                new Block.Tile("Orders", "1,000", "+25.0% on the previous window"),
                new Block.Tile("Average order value", "USD 120.00", "\u22124.0% on the previous window"),
                new Block.Tile("Units", "3,000", "+20.0% on the previous window"),
                new Block.Tile("Cancel rate (lines)", "5.0%", "\u22123.0 points on the previous window"),
                new Block.Tile("Return rate (lines)", "3.0%", "+1.0 points on the previous window"));
        // the currency in the revenue header, the cells plain numbers
        assertThat(table(c, "Own store's share, rank and growth per category (all platforms and marketplaces, analysis window)").columns())
                .extracting(Block.Column::header).contains("Revenue (USD)");
        // the whole market first, then the categories by the own store's revenue; the month row is not shown
        assertThat(table(c, "Own store's share, rank and growth per category (all platforms and marketplaces, analysis window)").rows())
                .containsExactly(
                        List.of("All", "120,000", "10.0%", "3 of 40", "+20.0%", "+25.0%", "\u22125.0", "1.60"),
                        List.of("Toys", "90,000", "15.0%", "2 of 12", "+30.0%", "+10.0%", "+20.0", "0.95"),
                        List.of("Garden", "30,000", "5.0%", "7 of 20", "\u22125.0%", "+15.0%", "\u221220.0", "1.30"));
        // over all, then by marketplace (most shipments first); the platform-only roll-up is not a marketplace
        assertThat(table(c, "Own deliveries against their lanes over the window").rows()).containsExactly(
                List.of("All", "900", "5.5", "4.5", "90.0%", "93.0%"),
                List.of("amazon / US", "600", "5.0", "4.8", "92.0%", "94.0%"),
                List.of("amazon / DE", "300", "6.5", "4.0", "86.0%", "90.0%"));

        List<Block> zh = chapter(blocks(Lang.ZH, MARKET_SIZE, CompetitorTables.table("own_store", PlatformTables.OWN_STORE)), "店铺数据分析");
        Block.Tiles zhTiles = zh.stream().filter(Block.Tiles.class::isInstance).map(Block.Tiles.class::cast).findFirst().orElseThrow();
        assertThat(zhTiles.tiles().get(0)).isEqualTo(new Block.Tile("销售额", "12万 USD", "较上一周期 +20.0%"));
        assertThat(zhTiles.tiles().get(4)).isEqualTo(new Block.Tile("取消率（按订单行）", "5.0%", "较上一周期 \u22123.0 个百分点"));
    }

    @Test
    void withoutOwnStoreRowsOneLineSaysHowToConfigureIt() {
        List<Block> blocks = blocks(Lang.EN, MARKET_SIZE, CompetitorTables.table("own_store", PlatformTables.OWN_STORE_EMPTY));

        assertThat(hasChapter(blocks, "Own store")).isFalse();
        assertThat(bullets(part(blocks, "Not covered by this run")))
                .contains("Own store: no own store is configured; name its sellers in the config (own_seller_ids).");
        // an older run without the table: one line, as for the other chapters
        assertThat(bullets(part(blocks(Lang.EN, MARKET_SIZE), "Not covered by this run"))).contains(
                "Own store: the run wrote no own_store table (its inputs lack the data it needs).",
                "Platforms: the run wrote no platform_comparison table (its inputs lack the data it needs).");
    }

    @Test
    void sinceTheLastRunStatesTheTenMostImportantChangesInRankOrder() {
        List<Block> blocks = blocks(Lang.EN, MARKET_SIZE, CompetitorTables.table("changes", PlatformTables.CHANGES));
        List<Block> c = part(blocks, "Since the last run");

        // on the executive page, right after the key findings
        assertThat(blocks.stream().filter(b -> b instanceof Block.Heading).map(b -> ((Block.Heading) b).text()).toList())
                .startsWith("Executive summary", "Key findings", "Since the last run", "Not covered by this run", "Market size and growth");
        assertThat(texts(c)).startsWith("Since the last run", "Against the run of 2025-07-31, the most important changes first:")
                .endsWith("\u2026 and 2 more changes in tables/changes.csv");
        Block.Bullets lines = c.stream().filter(Block.Bullets.class::isInstance).map(Block.Bullets.class::cast).findFirst().orElseThrow();
        assertThat(lines.items()).containsExactly(
                "S4 entered the top 10 sellers of Toys: now rank 7, previously rank 14.",
                "S1's share of Toys moved +8.0 points, from 42.0% to 50.0%.",
                "The concentration of Garden changed from unconcentrated to moderately concentrated (HHI +350).",
                "The own store's rank in Toys on amazon / US moved from rank 4 to rank 3.",
                "The median lead time of DHL / Express \u2192 US moved from 4.2 to 5.6 days (+1.4 days).",
                "The on-time rate of DHL / Express \u2192 US moved from 95.0% to 88.0% (\u22127.0 points).",
                "The best price band of Toys moved from 10\u201320 to 20\u201330.",
                "New change point in the whole market (level shift): monthly revenue USD 100,000 before, USD 160,000 after.",
                "G3 left the top 10 sellers of Garden: now rank 12, previously rank 9.",
                // a kind this version does not know: the general sentence, the code as written
                "price_war: S2 in Toys, from 10 to 8.");

        List<Block> zh = part(blocks(Lang.ZH, MARKET_SIZE, CompetitorTables.table("changes", PlatformTables.CHANGES)), "自上次运行以来");
        Block.Bullets zhLines = zh.stream().filter(Block.Bullets.class::isInstance).map(Block.Bullets.class::cast).findFirst().orElseThrow();
        assertThat(zhLines.items()).startsWith("S4进入Toys卖家前十：现为第 7 名，上次第 14 名。",
                "S1在Toys的份额变动 +8.0 个百分点，由 42.0% 变为 50.0%。", "Garden的集中度由非集中变为中度集中（HHI +350）。");
        assertThat(texts(zh)).endsWith("\u2026\u2026另有 2 项变化，见 tables/changes.csv");
    }

    @Test
    void aFirstRunHasNothingToCompareWith() {
        for (List<Block> blocks : List.of(blocks(Lang.EN, MARKET_SIZE),
                blocks(Lang.EN, MARKET_SIZE, CompetitorTables.table("changes", PlatformTables.CHANGES_FIRST_RUN)))) {
            assertThat(texts(part(blocks, "Since the last run"))).containsExactly("Since the last run",
                    "First run: nothing to compare with yet.");
        }
        assertThat(texts(part(blocks(Lang.ZH, MARKET_SIZE), "自上次运行以来"))).containsExactly("自上次运行以来", "首次运行：暂无可比较的上次结果。");
    }

    private static boolean green(Color c) {
        return c.getGreen() > c.getRed();
    }
}
