package io.marketlens.reports.findings;

import static io.marketlens.reports.findings.Fixtures.findings;
import static io.marketlens.reports.findings.Fixtures.run;
import static io.marketlens.reports.findings.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Lang;
import io.marketlens.reports.text.Numbers;
import io.marketlens.reports.text.Section;
import io.marketlens.reports.text.Texts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The executive page's ranked key findings and key-figure tiles, from tables small enough to compute by hand. */
class ExecutivePageTest {

    /**
     * Market 1,250,000 (+25 %); Toys 750,000 (+50 %), Garden 500,000 (−4 %), Pets 100,000 (+10 %); Tiny 10,000 (+300 %) is
     * too small to judge (low_volume) and would otherwise be the fastest grower and the most concentrated category.
     */
    private static RunFolder market() {
        return run(
                table("market_size", "platform,marketplace,category,period,revenue,units,yoy_growth,cagr",
                        "ALL,ALL,ALL,window,1250000,40000,0.25,0.25",
                        "ALL,ALL,Toys,window,750000,24000,0.5,0.5",
                        "ALL,ALL,Garden,window,500000,16000,-0.04,-0.04",
                        "ALL,ALL,Pets,window,100000,3000,0.1,0.1",
                        "ALL,ALL,Tiny,window,10000,100,3.0,3.0"),
                table("change_points", "platform,marketplace,category,period,kind,direction,change,level_before,level_after,status",
                        "ALL,ALL,Tiny,,,,,,,low_volume"),
                table("concentration", "platform,marketplace,category,period,entity,entities,cr4,hhi,doj2023_class,hhi_change",
                        "ALL,ALL,Toys,window,seller,40,80,3000,highly_concentrated,500",
                        "ALL,ALL,Garden,window,seller,90,30,1000,unconcentrated,",
                        "ALL,ALL,Tiny,window,seller,2,100,9000,highly_concentrated,"),
                table("price_bands", "platform,marketplace,category,period,band_low,band_high,demand_share,supply_share,opportunity,is_best",
                        "ALL,ALL,Toys,window,10,20,0.4,0.25,1.6,true",
                        "ALL,ALL,Garden,window,20,30,0.5,0.3,1.67,true",
                        "ALL,ALL,Pets,window,5,10,0.3,0.2,1.5,true"),
                table("hot_terms", "platform,marketplace,category,period,term,rank,weight,riser_rank,growth",
                        "ALL,ALL,Toys,window,lego,1,200000,1,4.0"));
    }

    @Test
    void keyFindingsAreTheMostMaterialInOrderAtMostTwoPerChapterEachWithAnAction() {
        KeyFindings.Ranked ranked = KeyFindings.rank(findings(market(), Lang.EN));

        // M = R × min(max(|c|, 5 %), 100 %):
        //   Toys fastest 750,000 × 50 % = 375,000; market 1,250,000 × 25 % = 312,500; Toys' riser "lego", its own revenue
        //   200,000 × min(400 %, 100 %) = 200,000; Toys concentration 750,000 × 500 ÷ (3,000 − 500) = 150,000;
        //   Toys' best band 750,000 × 5 % (no change) = 37,500; shrinking Garden 500,000 × max(4 %, 5 %) = 25,000 would be a
        //   third of Market size and Pets' best band 100,000 × 5 % = 5,000 a third of Price bands, so Garden's best band
        //   500,000 × 5 % = 25,000 closes the list: six key findings, not seven
        assertThat(ranked.key()).extracting(Finding::materiality).containsExactly(375_000.0, 312_500.0, 200_000.0, 150_000.0,
                37_500.0, 25_000.0);
        assertThat(ranked.key()).extracting(f -> f.withAction(" ")).containsExactly(
                "The fastest-growing category is Toys, +50.0% on the previous 12 months. Give Toys priority in new listings and stock while it grows.",
                "In the 12 months to 2025-08, the market size was USD 1.25M of revenue from 40,000 units, +25.0% on the 12 months before."
                        + " Demand is growing: plan stock and marketing budgets for a larger market.",
                "Toys: top terms lego. Fastest riser: \"lego\" (+400% on the previous window). Put \"lego\" in the titles and keywords of new listings.",
                "Market concentration by seller is highest in Toys: HHI 3,000, CR4 80.0%, highly concentrated by the DOJ 2023 classes."
                        + " Entering needs a price or product edge; prefer Garden (HHI 1,000).",
                "Toys: the best price band is USD 10–20, with 40.0% of demand against 25.0% of supply (opportunity 1.60)."
                        + " Price new listings of Toys in this band: buyers there outnumber the offers.",
                "Garden: the best price band is USD 20–30, with 50.0% of demand against 30.0% of supply (opportunity 1.67)."
                        + " Price new listings of Garden in this band: buyers there outnumber the offers.");
        assertThat(ranked.key()).hasSizeLessThanOrEqualTo(KeyFindings.MAX_KEY).allSatisfy(f -> assertThat(f.action()).isNotBlank());
        assertThat(ranked.key()).extracting(f -> f.topic().section()).filteredOn(java.util.Objects::nonNull)
                .allSatisfy(section -> assertThat(ranked.key().stream().filter(f -> f.topic().section() == section).count())
                        .isLessThanOrEqualTo(KeyFindings.MAX_KEY_PER_CHAPTER));
        // a chapter's third goes to its More findings, with the findings that have no action
        assertThat(ranked.more(Section.PRICE_BANDS)).extracting(Finding::text)
                .containsExactly("Pets: the best price band is USD 5–10, with 30.0% of demand against 20.0% of supply (opportunity 1.50).");
        assertThat(ranked.more(Section.MARKET_SIZE)).extracting(Finding::text).contains("The largest category is Toys, with 60.0% of revenue (USD 750K).",
                "Shrinking categories: Garden (\u22124.0%).");
        assertThat(ranked.key().size() + ranked.more().size()).isEqualTo(findings(market(), Lang.EN).size());
        // Chinese: the same order, fact and action joined without a space
        assertThat(KeyFindings.rank(findings(market(), Lang.ZH)).key().get(0).withAction(""))
                .endsWith("趁Toys增长之际，在新品上架和备货上优先考虑它。");
    }

    @Test
    void noFindingNamesALowVolumeCategoryOrPrintsAnEmptyFigure() {
        for (Lang lang : Lang.values()) {
            List<Finding> all = findings(market(), lang);
            // Tiny is named only where the findings say which categories they leave out
            assertThat(all).filteredOn(f -> f.text().contains("Tiny")).extracting(Finding::text).singleElement()
                    .satisfies(s -> assertThat(s).contains(lang == Lang.EN ? "too small to judge" : "Tiny"));
            assertThat(all).filteredOn(f -> f.text().contains("Tiny")).allSatisfy(f -> assertThat(f.isKey()).isFalse());
            assertThat(all).allSatisfy(f -> {
                assertThat(KeyFindings.hasEmptyFigure(f.text())).as(f.text()).isFalse();
                assertThat(f.action() == null || !KeyFindings.hasEmptyFigure(f.action())).as(f.action()).isTrue();
            });
        }
        // a best band without its demand share would print "–": left out, as is the key finding it would have been
        RunFolder gaps = run(table("market_size", "platform,marketplace,category,period,revenue,units,yoy_growth",
                        "ALL,ALL,Toys,window,750000,24000,0.5"),
                table("price_bands", "platform,marketplace,category,period,band_low,band_high,demand_share,supply_share,opportunity,is_best",
                        "ALL,ALL,Toys,window,10,20,,0.25,1.6,true"));
        assertThat(findings(gaps, Lang.EN)).noneMatch(f -> f.topic() == Topic.PRICE_BANDS);
        assertThat(KeyFindings.hasEmptyFigure("USD 10–20 and Holt–Winters")).isFalse();
        assertThat(KeyFindings.hasEmptyFigure("from \u2013 units")).isTrue();
        assertThat(KeyFindings.hasEmptyFigure("销量\u2013件")).isTrue();
    }

    @Test
    void theTopPickSupersedesTheFastestGrowerWhenTheyAreOneCategoryAndOneCandidateIsNoPick() {
        Table market = table("market_size", "platform,marketplace,category,period,revenue,units,yoy_growth",
                "ALL,ALL,ALL,window,1250000,40000,0.25", "ALL,ALL,Toys,window,750000,24000,0.5", "ALL,ALL,Garden,window,500000,16000,-0.04");
        Table selection = table("product_selection", "platform,marketplace,category,period,rank,score,rank_stability,status",
                "ALL,ALL,Toys,window,1,0.7,1.0,", "ALL,ALL,Garden,window,2,-0.7,1.0,");
        List<Finding> all = findings(run(market, selection), Lang.EN);
        KeyFindings.Ranked ranked = KeyFindings.rank(all);

        // Toys is both the fastest grower and the top pick: one key finding about it, the pick's (which names its growth)
        assertThat(ranked.key()).filteredOn(f -> f.text().contains("Toys")).extracting(Finding::text)
                .containsExactly("Top pick: Toys (score 0.70), robust in 100% of weightings.");
        assertThat(ranked.more(Section.MARKET_SIZE)).extracting(Finding::text)
                .contains("The fastest-growing category is Toys, +50.0% on the previous 12 months.");

        // one category ranked, one marketplace ranked: nothing to compare, so no pick, no top marketplace and no pick tile
        RunFolder single = run(market, table("product_selection", "platform,marketplace,category,period,rank,score,rank_stability,status",
                        "ALL,ALL,Toys,window,1,0,1.0,"),
                table("platform_comparison", "platform,marketplace,category,period,rank,score,rank_stability,revenue,growth",
                        "olist,BR,ALL,window,1,0,1.0,1250000,0.25"));
        assertThat(findings(single, Lang.EN)).noneMatch(f -> f.topic() == Topic.PRODUCT_SELECTION || f.topic() == Topic.PLATFORMS);
        assertThat(KeyFindings.rank(findings(single, Lang.EN)).key()).anyMatch(f -> f.text().startsWith("The fastest-growing category is Toys"));
        assertThat(ExecutiveTiles.of(single, Texts.of(Lang.EN), new Numbers(Lang.EN, "USD"))).extracting(ExecutiveTiles.Tile::value)
                .doesNotContain("Toys");
    }

    private static final String LANES = "carrier,service,destination_country,destination_region,period,shipments,delivered,"
            + "lead_time_p50,lead_time_mean,on_time_rate,promised_shipments";

    @Test
    void tilesShowTheKeyFiguresWithTheirChangeOnThePreviousWindow() {
        RunFolder run = run(
                table("market_size", "platform,marketplace,category,period,revenue,yoy_growth",
                        "ALL,ALL,ALL,window,1250000,0.25", "ALL,ALL,Home>Toys,window,750000,0.5"),
                table("concentration", "platform,marketplace,category,period,entity,hhi,doj2023_class,hhi_change",
                        "ALL,ALL,ALL,window,seller,1200,moderately_concentrated,-50",
                        "ALL,ALL,ALL,window,brand,5000,highly_concentrated,0"),
                table("product_selection", "platform,marketplace,category,period,rank,score",
                        "ALL,ALL,Garden,window,2,0.1", "ALL,ALL,Home>Toys,window,1,0.9"),
                table("own_store", "platform,marketplace,category,period,share,rank,sellers",
                        "ALL,ALL,ALL,window,0.1,3,40", "ALL,ALL,ALL,previous_window,0.08,5,38"),
                table("logistics_lanes", LANES,
                        "ALL,ALL,ALL,ALL,window,120,100,5.0,6.0,0.9,100",
                        // the previous window is 2023-09 … 2024-08: 2023-09 and 2024-03 count, 2024-09 is in the window
                        "ALL,ALL,ALL,ALL,2023-09,30,30,7.0,8.0,0.8,30",
                        "ALL,ALL,ALL,ALL,2024-03,10,10,5.0,6.0,0.6,10",
                        "ALL,ALL,ALL,ALL,2024-09,1000,1000,90.0,100.0,0.1,1000",
                        "DHL,Express,US,ALL,window,120,100,1.0,1.0,1.0,100"));
        List<ExecutiveTiles.Tile> tiles = ExecutiveTiles.of(run, Texts.of(Lang.EN), new Numbers(Lang.EN, "USD"));

        assertThat(tiles).containsExactly(
                new ExecutiveTiles.Tile("Market size (window revenue)", "USD 1.25M", "+25.0% on the previous window"),
                new ExecutiveTiles.Tile("Concentration: moderately concentrated", "HHI 1,200", "\u221250 on the previous window"),
                // the pick's own revenue growth; the last level of its path as the value
                new ExecutiveTiles.Tile("Top pick in Home", "Toys", "+50.0% on the previous window"),
                // 100 · (0.10 − 0.08) points
                new ExecutiveTiles.Tile("Own store share (rank 3 of 40)", "10.0%", "+2.0 points on the previous window"),
                // mean before (8.0 · 30 + 6.0 · 10) ÷ 40 = 7.5, now 6.0
                new ExecutiveTiles.Tile("Median lead time, all lanes", "5.0 days", "mean \u22121.5 days on previous window"),
                // before (0.8 · 30 + 0.6 · 10) ÷ 40 = 0.75, now 0.90
                new ExecutiveTiles.Tile("On-time rate, all lanes", "90.0%", "+15.0 points on the previous window"));

        // shipments only from 2024-01: no full previous window; a run without the other tables has only these tiles
        RunFolder late = run(table("logistics_lanes", LANES, "ALL,ALL,ALL,ALL,window,120,100,5.0,6.0,0.9,100",
                "ALL,ALL,ALL,ALL,2024-01,10,10,5.0,6.0,0.6,10"));
        assertThat(ExecutiveTiles.of(late, Texts.of(Lang.ZH), new Numbers(Lang.ZH, "USD"))).extracting(ExecutiveTiles.Tile::change)
                .containsOnly("无上一周期可比");
        assertThat(ExecutiveTiles.of(run(new Table[0]), Texts.of(Lang.EN), new Numbers(Lang.EN, "USD"))).isEmpty();
    }
}
