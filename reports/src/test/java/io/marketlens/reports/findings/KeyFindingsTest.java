package io.marketlens.reports.findings;

import static io.marketlens.reports.findings.Fixtures.findings;
import static io.marketlens.reports.findings.Fixtures.manifest;
import static io.marketlens.reports.findings.Fixtures.run;
import static io.marketlens.reports.findings.Fixtures.table;
import static io.marketlens.reports.findings.Fixtures.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Lang;
import io.marketlens.tables.RunManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFindingsTest {

    private static final String MARKET_SIZE = "platform,marketplace,category,period,revenue,units,yoy_growth,cagr";

    /** Market 1,250,000 = Toys 750,000 + Garden 500,000; Toys grew 50 %, Garden shrank 4 %. */
    private static Table marketSize() {
        return table("market_size", MARKET_SIZE,
                "ALL,ALL,ALL,2025-08,100000,3000,,",
                "ALL,ALL,ALL,window,1250000,40000,0.25,0.25",
                "ALL,ALL,Toys,window,750000,24000,0.5,0.5",
                "ALL,ALL,Garden,window,500000,16000,-0.04,-0.04",
                "ALL,US,Toys,window,900000000,1,9,9"); // a marketplace scope: never read as a category
    }

    @Test
    void marketSizeStatesRevenueGrowthLargestFastestAndShrinkingCategories() {
        assertThat(texts(run(marketSize()), Lang.EN, Topic.MARKET_SIZE)).containsExactly(
                // 1,250,000 → 3 significant digits 1.25M; yoy 0.25 → +25.0 %; CAGR equals it and is not repeated
                "In the 12 months to 2025-08, the market size was USD 1.25M of revenue from 40,000 units, +25.0% on the 12 months before.",
                // 750,000 ÷ 1,250,000 = 60.0 %
                "The largest category is Toys, with 60.0% of revenue (USD 750K).",
                "The fastest-growing category is Toys, +50.0% on the previous 12 months.",
                "Shrinking categories: Garden (\u22124.0%).");
        assertThat(texts(run(marketSize()), Lang.ZH, Topic.MARKET_SIZE).get(0))
                .isEqualTo("截至2025-08的12个月，市场容量为销售额125万 USD，销量40,000件，较此前12个月+25.0%。");
    }

    @Test
    void cagrIsStatedWhenItDiffersFromYearOnYearGrowth() {
        // a 6-month window growing 25 %: CAGR = 1.25^(12/6) − 1 = 0.5625 → +56.3 %
        Table t = table("market_size", MARKET_SIZE, "ALL,ALL,ALL,window,1250000,40000,0.25,0.5625");
        assertThat(texts(run(t), Lang.EN, Topic.MARKET_SIZE))
                .contains("The compound annual growth rate (CAGR) between the two windows is +56.3%.");
    }

    @Test
    void aLongListNamesSixAndCountsTheRest() {
        // nine young categories: six named (by name, as there is no market_size), "and 3 more"
        List<String> rows = new java.util.ArrayList<>();
        for (String c : List.of("a", "b", "c", "d", "e", "f", "g", "h", "i")) {
            rows.add("ALL,ALL," + c + ",,,insufficient_history");
        }
        Table t = table("lifecycle", "platform,marketplace,category,stage,yoy_growth,status", rows.toArray(String[]::new));
        assertThat(texts(run(t), Lang.EN, Topic.LIFECYCLE)).containsExactly(
                "Categories without a stage: a, b, c, d, e, f and 3 more (insufficient history).");
        assertThat(texts(run(t), Lang.ZH, Topic.LIFECYCLE).get(0)).contains("a、b、c、d、e、f等（另有3个）");
    }

    @Test
    void lifecycleNamesTheMarketStageAndTheCategoriesOfEachStage() {
        Table t = table("lifecycle", "platform,marketplace,category,stage,yoy_growth,status",
                "ALL,ALL,ALL,growth,0.2,",
                "ALL,ALL,E,growth,0.3,",
                "ALL,ALL,A,growth,0.15,",
                "ALL,ALL,B,maturity,0.02,",
                "ALL,ALL,C,decline,-0.2,",
                "ALL,ALL,D,introduction,,no_prior_year_sales",
                "ALL,ALL,F,,,insufficient_history");
        assertThat(texts(run(t), Lang.EN, Topic.LIFECYCLE)).containsExactly(
                "The market as a whole is in the growth stage (trailing-12-month revenue +20.0% year on year).",
                "Categories in the introduction stage (1): D.",
                "Categories in the growth stage (2): A, E.", // no market_size: categories by name
                "Categories in the maturity stage (1): B.",
                "Categories in the decline stage (1): C.",
                "Categories without a stage: F (insufficient history).");
        assertThat(texts(run(t), Lang.ZH, Topic.LIFECYCLE).get(0)).isEqualTo("市场整体处于成长期（近12个月销售额同比+20.0%）。");
    }

    @Test
    void newVsExistingGivesTheShareAndTheSplitOfGrowth() {
        String header = "platform,marketplace,category,period,new_product_count_share,new_product_revenue_share,"
                + "growth_from_new,growth_from_existing,status";
        Table t = table("new_vs_existing", header,
                "ALL,ALL,ALL,2025-08,0.9,0.9,0.9,0.9,",
                "ALL,ALL,ALL,window,0.2,0.125,0.05,0.15,insufficient_history");
        assertThat(texts(run(t), Lang.EN, Topic.NEW_VS_EXISTING)).containsExactly(
                "Products new in the last 6 months brought 12.5% of the window's revenue and are 20.0% of the products sold.",
                // growth = 0.05 + 0.15 = +20.0 %
                "Of the revenue growth of +20.0% on the previous window, new products contributed +5.0% and existing products +15.0%.",
                "The data begin less than 6 months before the window ends, so every product without a launch date counts as new.");
        assertThat(texts(run(t), Lang.ZH, Topic.NEW_VS_EXISTING).get(1)).contains("增量").contains("存量");
    }

    private static Table seasonality(String jan, String feb, String nov, String dec, String status, String months) {
        List<String> rows = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            String index = switch (m) {
                case 1 -> jan;
                case 2 -> feb;
                case 11 -> nov;
                case 12 -> dec;
                default -> status.isEmpty() ? "0.98375" : "";
            };
            double v = index.isEmpty() ? 1 : Double.parseDouble(index);
            String season = index.isEmpty() ? "" : v >= 1.10 ? "peak" : v <= 0.90 ? "off" : "normal";
            rows.add("ALL,ALL,ALL," + m + "," + index + "," + season + "," + months + "," + status);
        }
        rows.add("ALL,ALL,Toys,11,3.0,peak,36,"); // a category's peak is not the market's
        return table("seasonality", "platform,marketplace,category,month,seasonal_index,season,months,status",
                rows.toArray(String[]::new));
    }

    @Test
    void seasonalityNamesPeakAndOffMonthsWithTheirIndices() {
        // 0.85 + 0.88 + 1.25 + 1.15 + 8 × 0.98375 = 12: the indices average 1
        RunFolder run = run(seasonality("0.85", "0.88", "1.25", "1.15", "", "36"));
        assertThat(texts(run, Lang.EN, Topic.SEASONALITY)).containsExactly(
                "Peak season: November (1.25), December (1.15); off season: January (0.85), February (0.88).");
        assertThat(texts(run, Lang.ZH, Topic.SEASONALITY)).containsExactly("旺季：11月（1.25）、12月（1.15）；淡季：1月（0.85）、2月（0.88）。");
    }

    @Test
    void seasonalityWithoutEnoughHistorySaysSo() {
        RunFolder run = run(seasonality("", "", "", "", "insufficient_history", "18"));
        assertThat(texts(run, Lang.EN, Topic.SEASONALITY)).containsExactly(
                "The seasonal index needs at least 24 months of history; the market has 18.");
    }

    private static final String CHANGE_POINTS = "platform,marketplace,category,period,direction,level_before,level_after,change,status";

    @Test
    void changePointsGiveTheLatestShiftAndTheCategoriesShiftedInTheWindow() {
        Table changes = table("change_points", CHANGE_POINTS,
                "ALL,ALL,ALL,2024-03,up,100000,130000,0.3,",
                "ALL,ALL,ALL,2025-05,down,130000,97500,-0.25,",
                "ALL,ALL,Toys,2025-06,down,50000,40000,-0.2,",
                "ALL,ALL,Garden,2023-01,up,10000,20000,1.0,"); // before the 24 months 2023-09..2025-08
        Table turning = table("turning_points", "platform,marketplace,category,period,kind,level,status",
                "ALL,ALL,ALL,2024-11,peak,150000,",
                "ALL,ALL,ALL,2025-04,trough,90000,");
        RunFolder run = run(marketSize(), changes, turning);
        assertThat(texts(run, Lang.EN, Topic.CHANGE_POINTS)).containsExactly(
                "The market's revenue level last shifted in 2025-05: down by 25.0%, from USD 130K to USD 97.5K a month.",
                "1 of 2 categories had a level shift in the last 24 months: Toys (down 20.0% in 2025-06).");
        assertThat(texts(run, Lang.EN, Topic.TURNING_POINTS)).containsExactly(
                "The latest turning point of the market's deseasonalised, smoothed revenue is a trough in 2025-04, at USD 90K a month.");
        assertThat(texts(run, Lang.ZH, Topic.CHANGE_POINTS).get(0)).contains("数据拐点").contains("下降25.0%");
        assertThat(texts(run, Lang.ZH, Topic.TURNING_POINTS).get(0)).contains("2025-04的波谷");
    }

    @Test
    void changePointsNotComputedOrAbsentAreSaidSo() {
        Table notComputed = table("change_points", CHANGE_POINTS, "ALL,ALL,ALL,,,,,,insufficient_history");
        assertThat(texts(run(notComputed), Lang.EN, Topic.CHANGE_POINTS))
                .containsExactly("Change points of the market were not computed: insufficient history.");
        Table none = table("change_points", CHANGE_POINTS, "ALL,ALL,Garden,2023-01,up,10000,20000,1.0,");
        assertThat(texts(run(marketSize(), none), Lang.EN, Topic.CHANGE_POINTS)).containsExactly(
                "No change point (level shift) was found in the market's revenue.",
                "None of the 2 categories had a level shift in the last 24 months.");
    }

    private static final String CHANGE_KINDS =
            "platform,marketplace,category,period,kind,direction,level_before,level_after,change,slope_before,slope_after,status";

    @Test
    void onlyLevelShiftsWithAFigureAreNamed() {
        Table changes = table("change_points", CHANGE_KINDS,
                "ALL,ALL,ALL,2025-05,trend_break,down,130000,128000,-0.015,0.02,-0.01,", // a break of trend, no news
                "ALL,ALL,Toys,2025-06,level_shift,up,,,,,,", // a shift without its figures: never "up –"
                "ALL,ALL,Garden,2025-02,level_shift,down,50000,40000,-0.2,0.0,0.0,");
        RunFolder run = run(marketSize(), changes);
        assertThat(texts(run, Lang.EN, Topic.CHANGE_POINTS)).containsExactly(
                "No change point (level shift) was found in the market's revenue.",
                "1 of 2 categories had a level shift in the last 24 months: Garden (down 20.0% in 2025-02).");
    }

    @Test
    void aCategoryTooThinToJudgeIsNamedInNoFindingButCounted() {
        // Tiny grew 552 % on a handful of orders: its time series carry status low_volume
        Table sizes = table("market_size", MARKET_SIZE,
                "ALL,ALL,ALL,window,1250000,40000,0.25,0.25",
                "ALL,ALL,Toys,window,750000,24000,0.5,0.5",
                "ALL,ALL,Garden,window,499000,16000,-0.04,-0.04",
                "ALL,ALL,Tiny,window,1000,30,5.52,5.52");
        Table changes = table("change_points", CHANGE_KINDS,
                "ALL,ALL,Tiny,,,,,,,,,low_volume",
                "ALL,ALL,Toys,,,,,,,,,");
        RunFolder run = run(sizes, changes);
        assertThat(texts(run, Lang.EN, Topic.MARKET_SIZE))
                .contains("The fastest-growing category is Toys, +50.0% on the previous 12 months.")
                .contains("1 category is too small to judge (fewer than 10 orders in most months) and is left out"
                        + " of these findings: Tiny.")
                .noneMatch(s -> s.contains("Tiny") && !s.contains("too small"));
        assertThat(findings(run, Lang.EN)).extracting(Finding::text)
                .filteredOn(s -> s.contains("Tiny")).hasSize(1);
    }

    /** The market's last six months: 6 × 100,000 = 600,000. */
    private static Table lastSixMonths() {
        List<String> rows = new ArrayList<>();
        rows.add("ALL,ALL,ALL,2025-02,999999,1,,"); // seven months back: not in the comparison
        for (int m = 3; m <= 8; m++) {
            rows.add("ALL,ALL,ALL,2025-0" + m + ",100000,1,,");
        }
        return table("market_size", MARKET_SIZE, rows.toArray(String[]::new));
    }

    private static Table forecast(double monthly, double lower, double upper) {
        String[] months = {"2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02"};
        List<String> rows = new ArrayList<>();
        for (String m : months) {
            rows.add("ALL,ALL,ALL," + m + "," + monthly + "," + lower + "," + upper + ",0.9,holt_winters_damped_multiplicative");
        }
        rows.add("ALL,ALL,Toys,2025-09,1,1,1,0.9,mean");
        return table("forecast", "platform,marketplace,category,period,forecast,lower,upper,interval_level,model",
                rows.toArray(String[]::new));
    }

    @Test
    void forecastUpWithItsIntervalModelAndBacktest() {
        Table backtest = table("forecast_backtest", "platform,marketplace,category,model,smape,mase,baseline_smape,holdout",
                "ALL,ALL,ALL,holt_winters_damped_multiplicative,8.25,0.5,12.5,6");
        RunFolder run = run(lastSixMonths(), forecast(110000, 100000, 120000), backtest);
        assertThat(texts(run, Lang.EN, Topic.FORECAST)).containsExactly(
                // 6 × 110,000 = 660,000 against 600,000: +10.0 %
                "Revenue is forecast to rise: USD 660K over the next 6 months (2025-09 to 2026-02), +10.0% on the last 6 months (USD 600K).",
                // 6 × 100,000 and 6 × 120,000
                "The monthly 90% prediction intervals add up to USD 600K to USD 720K; model: Holt–Winters, damped trend, multiplicative seasonality.",
                "Backtest on the last 6 months held out: sMAPE 8.3% against 12.5% for the seasonal-naive baseline, so the model beats the baseline.");
        assertThat(texts(run, Lang.ZH, Topic.FORECAST).get(0)).startsWith("市场预测：销售额将上升").contains("+10.0%");
    }

    @Test
    void forecastDownAndLevel() {
        // 6 × 90,000 = 540,000: −10.0 %
        assertThat(texts(run(lastSixMonths(), forecast(90000, 80000, 100000)), Lang.EN, Topic.FORECAST).get(0)).isEqualTo(
                "Revenue is forecast to fall: USD 540K over the next 6 months (2025-09 to 2026-02), \u221210.0% on the last 6 months (USD 600K).");
        assertThat(texts(run(lastSixMonths(), forecast(90000, 80000, 100000)), Lang.ZH, Topic.FORECAST).get(0))
                .startsWith("市场预测：销售额将下降");
        // 6 × 100,300 = 601,800: +0.3 %, inside ±1 %
        assertThat(texts(run(lastSixMonths(), forecast(100300, 90000, 110000)), Lang.EN, Topic.FORECAST).get(0)).isEqualTo(
                "Revenue is forecast to hold about level: USD 602K over the next 6 months (2025-09 to 2026-02), +0.3% on the last 6 months (USD 600K).");
    }

    @Test
    void backtestWorseThanTheBaselineSaysSo() {
        Table backtest = table("forecast_backtest", "platform,marketplace,category,model,smape,baseline_smape,holdout",
                "ALL,ALL,ALL,holt_damped,20,15,6");
        assertThat(texts(run(backtest), Lang.EN, Topic.FORECAST)).containsExactly(
                "Backtest on the last 6 months held out: sMAPE 20.0% against 15.0% for the seasonal-naive baseline, so the baseline did better.");
    }

    private static final String CONCENTRATION = "platform,marketplace,category,period,entity,cr4,hhi,doj2023_class";

    @Test
    void concentrationNamesTheMostAndLeastConcentratedCategoriesAndCountsTheClasses() {
        Table t = table("concentration", CONCENTRATION,
                // shares 30/30/20/20: HHI = 900 + 900 + 400 + 400 = 2600, CR4 = 100
                "ALL,ALL,A,window,seller,100,2600,highly_concentrated",
                "ALL,ALL,B,window,seller,60,1200,moderately_concentrated",
                "ALL,ALL,C,window,seller,40,800,unconcentrated",
                "ALL,ALL,D,window,seller,80,1900,highly_concentrated",
                "ALL,ALL,C,window,brand,99,9000,highly_concentrated", // brands are not sellers
                "ALL,ALL,B,2025-08,seller,99,9999,highly_concentrated", // a month is not the window
                "ALL,ALL,ALL,window,seller,20,300,unconcentrated"); // the market is not a category
        assertThat(texts(run(t), Lang.EN, Topic.CONCENTRATION)).containsExactly(
                "Market concentration by seller is highest in A: HHI 2,600, CR4 100.0%, highly concentrated by the DOJ 2023 classes.",
                "Market concentration by seller is lowest in C: HHI 800, CR4 40.0%, unconcentrated by the DOJ 2023 classes.",
                "By the DOJ 2023 classes, the 4 categories are: 2 highly concentrated, 1 moderately concentrated, 1 unconcentrated.");
        List<String> zh = texts(run(t), Lang.ZH, Topic.CONCENTRATION);
        assertThat(zh.get(0)).isEqualTo("按卖家计算，市场集中度最高的品类是A：HHI 2,600，行业集中率CR4 100.0%，按美国司法部2023年标准属高度集中。");
        assertThat(zh.get(2)).isEqualTo("按美国司法部2023年标准，4个品类中：高度集中2个、中度集中1个、非集中1个。");
    }

    @Test
    void competitionNamesTheMostAndLeastIntenseCategories() {
        Table t = table("competition_intensity", "platform,marketplace,category,period,index",
                "ALL,ALL,A,window,72.25",
                "ALL,ALL,B,window,55",
                "ALL,ALL,C,window,40.5",
                "ALL,ALL,C,2025-08,99");
        assertThat(texts(run(t), Lang.EN, Topic.COMPETITION)).containsExactly(
                "Competition is most intense in A (index 72.3 of 100) and least intense in C (40.5).");
        assertThat(texts(run(t), Lang.ZH, Topic.COMPETITION).get(0)).contains("竞争强度").contains("72.3");
    }

    @Test
    void priceBandsGiveEachLargeCategoryItsBestBandWithDemandAndSupplyShares() {
        Table bands = table("price_bands",
                "platform,marketplace,category,period,band_low,band_high,demand_share,supply_share,opportunity,is_best",
                "ALL,ALL,Toys,window,0,10,0.6,0.75,0.8,false",
                "ALL,ALL,Toys,window,10,20,0.4,0.25,1.6,true",
                "ALL,ALL,Garden,window,0,10,0.02,0.5,0.04,false",
                "ALL,ALL,Garden,window,10,20,0.98,0.5,1.96,false",
                "ALL,ALL,Pets,window,2.5,5,0.3,0.2,1.5,true");
        // Toys (750,000) before Garden (500,000) by window revenue; Pets has none and comes last
        assertThat(texts(run(marketSize(), bands), Lang.EN, Topic.PRICE_BANDS)).containsExactly(
                "Toys: the best price band is USD 10–20, with 40.0% of demand against 25.0% of supply (opportunity 1.60).",
                "Garden: no price band has both enough demand and enough listings to be the best band.",
                "Pets: the best price band is USD 2.50–5.00, with 30.0% of demand against 20.0% of supply (opportunity 1.50).");
        assertThat(texts(run(marketSize(), bands), Lang.ZH, Topic.PRICE_BANDS).get(0))
                .isEqualTo("Toys：最佳价格波段为10–20 USD，需求占比40.0%，供给占比25.0%（机会指数1.60）。");
    }

    @Test
    void hotTermsListTheTopFiveAndTheFastestRiser() {
        Table t = table("hot_terms", "platform,marketplace,category,period,term,rank,growth,riser_rank",
                "ALL,ALL,Toys,window,lego,1,0.1,3",
                "ALL,ALL,Toys,window,puzzle,2,,",
                "ALL,ALL,Toys,window,doll,3,0.2,2",
                "ALL,ALL,Toys,window,robot,4,,",
                "ALL,ALL,Toys,window,kite,5,,",
                "ALL,ALL,Toys,window,ball,6,,",
                "ALL,ALL,Toys,window,drone,25,1.5,1");
        assertThat(texts(run(t), Lang.EN, Topic.HOT_TERMS)).containsExactly(
                "Toys: top terms lego, puzzle, doll, robot, kite. Fastest riser: \"drone\" (+150% on the previous window).");
        assertThat(texts(run(t), Lang.ZH, Topic.HOT_TERMS)).containsExactly(
                "Toys：热搜词为lego、puzzle、doll、robot、kite。上升最快的是“drone”（较上一周期+150%）。");
    }

    @Test
    void hotTermsOfTheMarketWhenTheRunHasThem() {
        Table t = table("hot_terms", "platform,marketplace,category,period,term,rank,growth,riser_rank",
                "ALL,ALL,ALL,window,usb,2,,",
                "ALL,ALL,ALL,window,led,1,,",
                "ALL,ALL,Toys,window,lego,1,,");
        // the market's terms by rank; no riser; the categories' terms are then not repeated
        assertThat(texts(run(t), Lang.EN, Topic.HOT_TERMS)).containsExactly("Top terms of the window by revenue: led, usb.");
    }

    @Test
    void logisticsStatesTheOverallLeadTimeTheFastestAndSlowestLanesAndTheBestLanePerDestination() {
        Table lanes = table("logistics_lanes",
                "carrier,service,destination_country,destination_region,period,shipments,lead_time_p50,on_time_rate,cost_per_kg,cost_share",
                "ALL,ALL,ALL,ALL,window,500,4.25,0.9,3.2,0.085",
                "DHL,Express,US,ALL,window,200,3.0,0.95,5.1,0.1",
                "UPS,Ground,US,ALL,window,150,6.5,0.9,2.8,0.07",
                "YunExpress,,DE,ALL,window,120,9.75,0.8,1.9,0.05",
                "Cainiao,Standard,FR,ALL,window,20,15,0.7,1.2,0.04", // under 30 shipments
                "DHL,Express,US,CA,window,80,2.0,0.97,5.0,0.1", // a region, not the lane
                "DHL,Express,US,ALL,2025-08,50,1.0,1.0,5.0,0.1"); // a month, not the window
        Table ranking = table("lane_ranking",
                "destination_country,carrier,service,rank,score,lead_time_p50,on_time_rate,cost_per_kg,shipments",
                "US,UPS,Ground,2,70,6.5,0.9,2.8,150",
                "US,DHL,Express,1,82.5,3.0,0.95,5.1,200",
                "DE,YunExpress,,1,60.25,9.75,0.8,1.9,120",
                "FR,Cainiao,Standard,1,40,15,0.7,1.2,20",
                "GB,Royal Mail,Tracked,1,55,5,0.85,4,25");
        assertThat(texts(run(lanes, ranking), Lang.EN, Topic.LOGISTICS)).containsExactly(
                "Across 500 shipments in the window, the median lead time was 4.3 days and 90.0% arrived on time.",
                "Logistics cost came to 8.5% of the orders' revenue (USD 3.20 per kg).",
                "Among lanes with at least 30 shipments, the fastest is DHL Express → US (median 3.0 days) and the slowest YunExpress → DE (median 9.8 days).",
                // destinations by shipments: US 350, DE 120, GB 25 (FR 20 is fourth)
                "Best-ranked lane to US: DHL Express (score 82.500; median 3.0 days, 95.0% on time, USD 5.10 per kg).",
                "Best-ranked lane to DE: YunExpress (score 60.250; median 9.8 days, 80.0% on time, USD 1.90 per kg).",
                "Best-ranked lane to GB: Royal Mail Tracked (score 55.000; median 5.0 days, 85.0% on time, USD 4.00 per kg).");
        assertThat(texts(run(lanes, ranking), Lang.ZH, Topic.LOGISTICS).get(0)).isEqualTo("本期共500票货件，物流时效中位数4.3天，准时送达率90.0%。");
    }

    private static RunManifest.Input input(String file, long read, long accepted, long quarantined, Map<String, Long> reasons) {
        return new RunManifest.Input("sales", file, "0".repeat(64), read, accepted, quarantined, reasons, false);
    }

    @Test
    void dataQualityCountsRowsAndNamesTheTopReasons() {
        RunManifest m = manifest(List.of(
                input("a.csv", 1000, 990, 10, Map.of("bad_number:unit_price", 6L, "missing_required:order_id", 3L, "duplicate_key", 1L)),
                input("b.csv", 500, 498, 2, Map.of("bad_number:unit_price", 1L, "fx_rate_missing", 1L))));
        assertThat(texts(run(m), Lang.EN, Topic.DATA_QUALITY)).containsExactly(
                // 12 ÷ 1,500 = 0.80 %
                "1,500 rows were read from 2 input files: 1,488 accepted and 12 quarantined (0.80%).",
                // 6 + 1 = 7; 3; then duplicate_key and fx_rate_missing tie at 1, by name
                "Top quarantine reasons: not a number: unit_price (7), missing required value: order_id (3), duplicate key (1).");
        assertThat(texts(run(m), Lang.ZH, Topic.DATA_QUALITY)).containsExactly(
                "从2个输入文件读取1,500行：接收1,488行，隔离12行（0.80%）。",
                "主要隔离原因：不是数字：unit_price（7）、缺少必填值：order_id（3）、重复键（1）。");
        RunManifest clean = manifest(List.of(input("a.csv", 10, 10, 0, Map.of())));
        assertThat(texts(run(clean), Lang.EN, Topic.DATA_QUALITY)).containsExactly("All 10 rows read from 1 input file were accepted.");
    }

    @Test
    void missingTablesAndManifestGiveNoFindingsAndNoException() {
        for (Lang lang : Lang.values()) {
            assertThat(findings(run(), lang)).isEmpty();
            assertThat(findings(RunFolder.of(Path.of("unused"), null, Map.of()), lang)).isEmpty();
        }
    }

    @Test
    void emptyCellsAndMissingColumnsSkipSentencesAndNeverPrintAnEmptyFigure(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("tables"));
        Files.writeString(dir.resolve("manifest.json"), manifest(List.of()).toJson(), StandardCharsets.UTF_8);
        write(dir, "market_size", MARKET_SIZE, "ALL,ALL,ALL,window,2000000,,,");
        write(dir, "concentration", CONCENTRATION, "ALL,ALL,A,window,seller,,,");
        write(dir, "competition_intensity", "platform,marketplace,category,period", "ALL,ALL,A,window");
        write(dir, "price_bands",
                "platform,marketplace,category,period,band_low,band_high,demand_share,supply_share,opportunity,is_best",
                "ALL,ALL,A,window,10,20,,0.5,not-a-number,true");
        write(dir, "forecast", "platform,marketplace,category,period,forecast,lower,upper,interval_level,model",
                "ALL,ALL,ALL,2025-09,,,,,");
        RunFolder run = RunFolder.open(dir);
        for (Lang lang : Lang.values()) {
            assertThat(findings(run, lang)).allSatisfy(f -> assertThat(f.text()).doesNotContain("null"));
        }
        // the as-of date 2025-08-31 ends the window when market_size has no monthly row
        assertThat(findings(run, Lang.EN)).extracting(Finding::text).containsExactly(
                // units empty: said without them; the best band of A has no demand share: left out
                "In the 12 months to 2025-08, the market size was USD 2M of revenue.");
        for (Lang lang : Lang.values()) {
            assertThat(findings(run, lang)).allSatisfy(f -> assertThat(KeyFindings.hasEmptyFigure(f.text())).as(f.text()).isFalse());
        }
    }

    private static void write(Path dir, String name, String header, String... rows) throws IOException {
        Files.writeString(dir.resolve("tables").resolve(name + ".csv"),
                "\uFEFF" + header + "\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void findingsComeInTheOrderOfTheTopics() {
        RunManifest m = manifest(List.of(input("a.csv", 10, 9, 1, Map.of("malformed_row", 1L))));
        RunFolder run = run(m, marketSize(), seasonality("0.85", "0.88", "1.25", "1.15", "", "36"),
                table("lifecycle", "platform,marketplace,category,stage,yoy_growth,status", "ALL,ALL,ALL,growth,0.2,"),
                table("concentration", CONCENTRATION, "ALL,ALL,A,window,seller,100,2600,highly_concentrated"),
                forecast(110000, 100000, 120000));
        List<Integer> order = findings(run, Lang.EN).stream().map(f -> f.topic().ordinal()).toList();
        assertThat(order).isSorted().contains(Topic.MARKET_SIZE.ordinal(), Topic.DATA_QUALITY.ordinal());
        assertThat(findings(run, Lang.EN).get(0).topic()).isEqualTo(Topic.MARKET_SIZE);
    }
}
