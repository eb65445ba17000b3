package io.marketlens.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.reports.text.Lang;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CategoryMarker;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every chart from a hand-written run: the dataset holds exactly the fixture's values, in the expected order. */
class ReportChartsTest {

    @TempDir
    Path dir;

    static final String MARKET_SIZE = """
            platform,marketplace,category,period,revenue,yoy_growth
            ALL,ALL,ALL,2024-01,100,0.10
            ALL,ALL,ALL,2024-02,120,-0.05
            ALL,ALL,ALL,2024-03,90,
            ALL,ALL,ALL,window,310,0.02
            ALL,ALL,A,2024-01,60,
            ALL,ALL,A,window,600,
            ALL,ALL,B,window,500,
            ALL,ALL,B,2024-01,50,
            ALL,ALL,C,window,400,
            ALL,ALL,C,2024-01,40,
            ALL,ALL,D,window,300,
            ALL,ALL,D,2024-01,30,
            ALL,ALL,E,window,200,
            ALL,ALL,E,2024-01,20,
            ALL,ALL,F,window,100,
            ALL,ALL,F,2024-01,10,
            amazon,ALL,ALL,2024-01,999,0.9
            """;

    @Test
    void marketSizeDrawsOnePanelPerLargestCategoryIndexedToItsFirstMonth() {
        String table = """
                platform,marketplace,category,period,revenue
                ALL,ALL,ALL,2024-01,200
                ALL,ALL,ALL,2024-02,250
                ALL,ALL,ALL,2024-03,300
                ALL,ALL,ALL,window,2000
                ALL,ALL,Home>A,2024-01,80
                ALL,ALL,Home>A,2024-02,60
                ALL,ALL,Home>A,2024-03,100
                ALL,ALL,Home>A,window,600
                ALL,ALL,B,2024-01,0
                ALL,ALL,B,2024-02,40
                ALL,ALL,B,2024-03,50
                ALL,ALL,B,window,500
                ALL,ALL,C,2024-01,40
                ALL,ALL,C,window,400
                ALL,ALL,D,2024-01,30
                ALL,ALL,D,window,300
                ALL,ALL,E,2024-01,20
                ALL,ALL,E,window,200
                ALL,ALL,F,2024-01,10
                ALL,ALL,F,window,100
                ALL,ALL,G,2024-01,5
                ALL,ALL,G,window,50
                amazon,ALL,ALL,2024-01,999
                """;
        ReportChart c = Fixture.charts(dir, Map.of("market_size", table)).marketSize().orElseThrow();

        assertThat(c.id()).isEqualTo("market_size_revenue");
        assertThat(c.title()).isEqualTo("Market size: monthly revenue by category, indexed");
        PanelGrid grid = (PanelGrid) c.chart().getPlot();
        // one panel per category, the six largest by window revenue: G (50) is the seventh and is said to be left out
        assertThat(grid.panels()).extracting(PanelGrid.Panel::title).containsExactly("A: USD 600 (30.0%)", "B: USD 500 (25.0%)",
                "C: USD 400 (20.0%)", "D: USD 300 (15.0%)", "E: USD 200 (10.0%)", "F: USD 100 (5.0%)");
        assertThat(grid.columns()).isEqualTo(3);
        assertThat(grid.rows()).isEqualTo(2);
        assertThat(subtitles(c)).contains("The 6 largest of 7 categories by revenue");
        XYDataset a = grid.panels().get(0).plot().getDataset();
        assertThat(seriesKeys(a)).containsExactly("Home>A", "All categories");
        long jan = (long) ChartKit.x(YearMonth.of(2024, 1));
        long feb = (long) ChartKit.x(YearMonth.of(2024, 2));
        long mar = (long) ChartKit.x(YearMonth.of(2024, 3));
        // A: 80, 60, 100 → 100, 100 × 60 / 80 = 75, 100 × 100 / 80 = 125; the market: 200, 250, 300 → 100, 125, 150
        assertThat(points(a, 0)).containsExactly(new double[]{jan, 100}, new double[]{feb, 75}, new double[]{mar, 125});
        assertThat(points(a, 1)).containsExactly(new double[]{jan, 100}, new double[]{feb, 125}, new double[]{mar, 150});
        // B sells nothing in January: indexed to February, its first month with revenue (40, 50 → 100, 125)
        assertThat(points(grid.panels().get(1).plot().getDataset(), 0)).containsExactly(new double[]{feb, 100}, new double[]{mar, 125});
        // every panel on one axis, from 0 to above the highest index (150)
        for (PanelGrid.Panel p : grid.panels()) {
            assertThat(p.plot().getRangeAxis().getLowerBound()).isZero();
            assertThat(p.plot().getRangeAxis().getUpperBound()).isEqualTo(150 * 1.05, within(1e-9));
        }
        // the legend names both lines of a panel, apart in black and white: solid category, dashed market
        LegendItemCollection legend = c.chart().getPlot().getLegendItems();
        assertThat(labels(legend)).containsExactly("The panel's category", "All categories");
        assertThat(((java.awt.BasicStroke) legend.get(0).getLineStroke()).getDashArray()).isNull();
        assertThat(((java.awt.BasicStroke) legend.get(1).getLineStroke()).getDashArray()).isNotNull();
    }

    @Test
    void theMarketSizeLegendIsCompleteWithSixCategories() {
        // the demo has six categories: with five lines beside the market, its sixth was missing from chart and legend
        StringBuilder t = new StringBuilder("platform,marketplace,category,period,revenue\nALL,ALL,ALL,2024-01,60\nALL,ALL,ALL,window,60\n");
        for (int i = 1; i <= 6; i++) {
            t.append("ALL,ALL,k").append(i).append(",2024-01,").append(i).append('\n');
            t.append("ALL,ALL,k").append(i).append(",window,").append(i).append('\n');
        }
        ReportChart c = Fixture.charts(dir, Map.of("market_size", t.toString())).marketSize().orElseThrow();

        PanelGrid grid = (PanelGrid) c.chart().getPlot();
        assertThat(grid.panels()).extracting(p -> p.plot().getDataset().getSeriesKey(0)).containsExactly("k6", "k5", "k4", "k3", "k2", "k1");
        assertThat(subtitles(c)).noneMatch(s -> s.contains("largest of"));
    }

    @Test
    void withoutMonthlyCategoriesTheMarketSizeChartIsTheWholeMarketAlone() {
        String table = """
                platform,marketplace,category,period,revenue
                ALL,ALL,ALL,2024-11,100000
                ALL,ALL,ALL,2024-12,120000
                ALL,ALL,ALL,window,1250000
                ALL,ALL,Toys,window,750000
                """;
        ReportChart c = Fixture.charts(dir, Map.of("market_size", table)).marketSize().orElseThrow();

        PanelGrid grid = (PanelGrid) c.chart().getPlot();
        assertThat(grid.panels()).extracting(PanelGrid.Panel::title).containsExactly("All categories: USD 1.25M");
        // 100000, 120000 → 100, 120
        assertThat(points(grid.panels().get(0).plot().getDataset(), 0)).containsExactly(
                new double[]{ChartKit.x(YearMonth.of(2024, 11)), 100}, new double[]{ChartKit.x(YearMonth.of(2024, 12)), 120});
        assertThat(labels(c.chart().getPlot().getLegendItems())).containsExactly("All categories");
    }

    @Test
    void marketSizeIndexStartsAtTheFirstMonthWithRevenue() {
        java.util.TreeMap<YearMonth, Double> monthly = new java.util.TreeMap<>(Map.of(YearMonth.of(2024, 1), 0.0,
                YearMonth.of(2024, 2), 40.0, YearMonth.of(2024, 3), 10.0));

        assertThat(MarketSizeChart.index(monthly)).containsExactly(Map.entry(YearMonth.of(2024, 2), 100.0), Map.entry(YearMonth.of(2024, 3), 25.0));
        assertThat(MarketSizeChart.index(new java.util.TreeMap<>(Map.of(YearMonth.of(2024, 1), 0.0)))).isEmpty();
    }

    @Test
    void growthBarsAreColouredBySign() {
        ReportChart c = Fixture.charts(dir, Map.of("market_size", MARKET_SIZE)).growth().orElseThrow();

        CategoryPlot plot = c.chart().getCategoryPlot();
        CategoryDataset d = plot.getDataset();
        // 2024-03 has no yoy_growth and is left out
        assertThat(d.getColumnKeys()).containsExactly("2024-01", "2024-02");
        assertThat(d.getValue(0, 0).doubleValue()).isEqualTo(0.10);
        assertThat(d.getValue(0, 1).doubleValue()).isEqualTo(-0.05);
        assertThat(plot.getRenderer().getItemPaint(0, 0)).isEqualTo(ChartStyle.ACCENT);
        assertThat(plot.getRenderer().getItemPaint(0, 1)).isEqualTo(ChartStyle.NEGATIVE);
        assertThat(labels(plot.getFixedLegendItems())).containsExactly("Growth", "Decline");
        assertThat(plot.getRangeAxis().getLabel()).isEqualTo("YoY growth");
    }

    @Test
    void newVsExistingLeavesOutMonthsWithTooLittleHistory() {
        String table = """
                platform,marketplace,category,period,new_product_count_share,new_product_revenue_share,status
                ALL,ALL,ALL,2023-12,1.0,1.0,insufficient_history
                ALL,ALL,ALL,2024-01,0.25,0.10,
                ALL,ALL,ALL,2024-02,0.20,0.15,
                ALL,ALL,ALL,window,0.22,0.12,
                """;
        ReportChart c = Fixture.charts(dir, Map.of("new_vs_existing", table)).newVsExisting().orElseThrow();

        XYDataset d = c.chart().getXYPlot().getDataset();
        assertThat(seriesKeys(d)).containsExactly("New products' share of revenue", "New products' share of products");
        assertThat(points(d, 0)).containsExactly(new double[]{ChartKit.x(YearMonth.of(2024, 1)), 0.10},
                new double[]{ChartKit.x(YearMonth.of(2024, 2)), 0.15});
        assertThat(points(d, 1)).containsExactly(new double[]{ChartKit.x(YearMonth.of(2024, 1)), 0.25},
                new double[]{ChartKit.x(YearMonth.of(2024, 2)), 0.20});
        assertThat(subtitles(c)).contains("Months left out at the start (too little history to tell new products from existing ones): 1");
    }

    private static final double[] INDICES = {0.80, 0.85, 0.95, 1.00, 1.05, 0.98, 0.97, 0.96, 1.00, 1.02, 1.30, 1.12};
    private static final String[] SEASONS = {"off", "off", "normal", "normal", "normal", "normal", "normal", "normal", "normal",
        "normal", "peak", "peak"};

    static String seasonality(String status) {
        StringBuilder s = new StringBuilder("platform,marketplace,category,month,seasonal_index,season,status\n");
        for (int m = 1; m <= 12; m++) {
            s.append("ALL,ALL,ALL,").append(m).append(',').append(INDICES[m - 1]).append(',').append(SEASONS[m - 1]).append(',')
                    .append(status).append('\n');
            s.append("ALL,ALL,A,").append(m).append(",9,peak,\n");
        }
        return s.toString();
    }

    @Test
    void seasonalityHasTheTwelveIndicesColouredBySeasonAndTheThresholdLines() {
        ReportChart c = Fixture.charts(dir, Map.of("seasonality", seasonality(""))).seasonality().orElseThrow();

        CategoryPlot plot = c.chart().getCategoryPlot();
        CategoryDataset d = plot.getDataset();
        assertThat(d.getColumnKeys()).containsExactly("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
        for (int m = 0; m < 12; m++) {
            assertThat(d.getValue(0, m).doubleValue()).isEqualTo(INDICES[m]);
            assertThat(plot.getRenderer().getItemPaint(0, m)).isEqualTo(SeasonalityChart.seasonPaint(SEASONS[m]));
        }
        assertThat(plot.getRenderer().getItemPaint(0, 0)).isEqualTo(ChartStyle.LIGHT);
        assertThat(plot.getRenderer().getItemPaint(0, 10)).isEqualTo(ChartStyle.NEGATIVE);
        assertThat(plot.getRenderer().getItemPaint(0, 3)).isEqualTo(ChartStyle.NEUTRAL);
        assertThat(values(plot.getRangeMarkers(Layer.FOREGROUND))).containsExactly(1.10, 0.90);
        // the thresholds are named in the legend with their own dash patterns, not labelled over the November bars
        assertThat(markerLabels(plot.getRangeMarkers(Layer.FOREGROUND))).containsOnlyNulls();
        assertThat(labels(plot.getFixedLegendItems()))
                .containsExactly("Peak season", "Normal", "Off season", "Peak season from 1.10", "Off season up to 0.90");
        assertThat(plot.getFixedLegendItems().get(3).getLineStroke()).isNotEqualTo(plot.getFixedLegendItems().get(4).getLineStroke());
    }

    @Test
    void seasonalityIsLeftOutWithInsufficientHistory() {
        assertThat(Fixture.charts(dir, Map.of("seasonality", seasonality("insufficient_history"))).seasonality()).isEmpty();
    }

    @Test
    void turningPointsSitOnTheRevenueLineAndChangePointsAreLabelledWithTheirChange() {
        String turning = """
                platform,marketplace,category,period,kind,level
                ALL,ALL,ALL,2024-02,peak,111
                ALL,ALL,ALL,2024-03,trough,95
                ALL,ALL,A,2024-01,peak,1
                """;
        String change = """
                platform,marketplace,category,period,direction,level_before,level_after,change
                ALL,ALL,ALL,2024-03,down,120,90,
                """;
        ReportChart c = Fixture.charts(dir, Map.of("market_size", MARKET_SIZE, "turning_points", turning, "change_points", change))
                .turningPoints().orElseThrow();

        XYPlot plot = c.chart().getXYPlot();
        XYDataset d = plot.getDataset();
        assertThat(seriesKeys(d)).containsExactly("Revenue", "Peak (turning point)", "Trough (turning point)");
        // on the line: revenue of 2024-02 is 120 (not the smoothed level 111), of 2024-03 is 90
        assertThat(points(d, 1)).containsExactly(new double[]{ChartKit.x(YearMonth.of(2024, 2)), 120});
        assertThat(points(d, 2)).containsExactly(new double[]{ChartKit.x(YearMonth.of(2024, 3)), 90});
        // change empty, so 90 / 120 − 1 = −25 %
        assertThat(values(plot.getDomainMarkers(Layer.FOREGROUND))).containsExactly(ChartKit.x(YearMonth.of(2024, 3)));
        assertThat(markerLabels(plot.getDomainMarkers(Layer.FOREGROUND))).containsExactly("Level shift \u221225.0%");
        assertThat(subtitles(c)).doesNotContain("No turning point or change point found");
    }

    @Test
    void turningPointsSayWhenThereAreNone() {
        String turning = "platform,marketplace,category,period,kind,level\nALL,ALL,A,2024-01,peak,1\n";
        ReportChart c = Fixture.charts(dir, Map.of("market_size", MARKET_SIZE, "turning_points", turning)).turningPoints().orElseThrow();

        assertThat(c.chart().getXYPlot().getDataset().getItemCount(1)).isZero();
        assertThat(subtitles(c)).contains("No turning point or change point found");
        assertThat(Fixture.charts(dir.resolve("other"), Map.of("market_size", MARKET_SIZE)).turningPoints())
                .as("neither points table written").isEmpty();
    }

    @Test
    void forecastBandHoldsTheIntervalAndHistoryTheLast24Months() {
        StringBuilder sizes = new StringBuilder("platform,marketplace,category,period,revenue\n");
        YearMonth m = YearMonth.of(2022, 1);
        for (int i = 1; i <= 26; i++, m = m.plusMonths(1)) {   // 2022-01 … 2024-02, revenue 1 … 26
            sizes.append("ALL,ALL,ALL,").append(m).append(',').append(i).append('\n');
        }
        String forecast = """
                platform,marketplace,category,period,forecast,lower,upper,interval_level,model,status
                ALL,ALL,ALL,2024-03,30,25,35,0.9,holt_winters_damped_multiplicative,
                ALL,ALL,ALL,2024-04,32,24,40,0.9,holt_winters_damped_multiplicative,
                ALL,ALL,A,2024-03,1,1,1,0.9,holt_damped,
                """;
        String backtest = """
                platform,marketplace,category,model,smape,mase,baseline_smape,holdout
                ALL,ALL,ALL,holt_winters_damped_multiplicative,4.12,0.2,27.06,6
                """;
        ReportChart c = Fixture.charts(dir, Map.of("market_size", sizes.toString(), "forecast", forecast, "forecast_backtest", backtest))
                .forecast().orElseThrow();

        XYPlot plot = c.chart().getXYPlot();
        YIntervalSeriesCollection band = (YIntervalSeriesCollection) plot.getDataset(0);
        assertThat(band.getSeriesCount()).isEqualTo(1);
        assertThat(band.getItemCount(0)).isEqualTo(2);
        assertThat(band.getXValue(0, 0)).isEqualTo(ChartKit.x(YearMonth.of(2024, 3)));
        assertThat(new double[]{band.getYValue(0, 0), band.getStartYValue(0, 0), band.getEndYValue(0, 0)}).containsExactly(30, 25, 35);
        assertThat(new double[]{band.getYValue(0, 1), band.getStartYValue(0, 1), band.getEndYValue(0, 1)}).containsExactly(32, 24, 40);
        XYDataset history = plot.getDataset(1);
        // 26 months, the last 24 kept: 2022-03 (revenue 3) … 2024-02 (26)
        assertThat(history.getItemCount(0)).isEqualTo(24);
        assertThat(history.getXValue(0, 0)).isEqualTo(ChartKit.x(YearMonth.of(2022, 3)));
        assertThat(history.getYValue(0, 0)).isEqualTo(3);
        assertThat(history.getYValue(0, 23)).isEqualTo(26);
        assertThat(labels(plot.getFixedLegendItems())).containsExactly("Actual revenue",
                "Forecast (Holt-Winters, damped trend, multiplicative season)", "90% prediction interval");
        assertThat(subtitles(c)).contains("Backtest on the last 6 months: sMAPE 4.1% (seasonal naive 27.1%)");
    }

    static final String CURVE = """
            platform,marketplace,category,period,entity,rank,name,revenue,share,cumulative_share,entities
            ALL,ALL,ALL,window,seller,1,s1,50,0.5,0.5,3
            ALL,ALL,ALL,window,seller,2,s2,30,0.3,0.8,3
            ALL,ALL,ALL,window,seller,3,s3,20,0.2,1.0,3
            ALL,ALL,ALL,window,brand,1,b1,100,1.0,1.0,1
            ALL,ALL,A,window,seller,2,s2,40,0.4,1.0,2
            ALL,ALL,A,window,seller,1,s1,60,0.6,0.6,2
            ALL,ALL,B,window,seller,1,s1,60,0.6,0.6,3
            ALL,ALL,B,window,seller,3,s3,40,0.4,1.0,3
            """;

    @Test
    void lorenzCurvesRunFromZeroToOneThroughTheSmallestSellersShares() {
        ReportChart c = Fixture.charts(dir, Map.of("market_size", MARKET_SIZE, "concentration_curve", CURVE)).lorenz().orElseThrow();

        assertThat(c.id()).isEqualTo("concentration_lorenz");
        XYDataset d = c.chart().getXYPlot().getDataset();
        // B has ranks 1 and 3 of 3 (incomplete): left out; the equality line comes last
        assertThat(seriesKeys(d)).containsExactly("All categories", "A", "Perfect equality");
        // shares 0.5, 0.3, 0.2: the smallest third holds 0.2, the smallest two thirds 0.2 + 0.3 = 0.5
        double[][] all = points(d, 0).toArray(double[][]::new);
        assertThat(all).hasNumberOfRows(4);
        assertThat(all[0]).containsExactly(0, 0);
        assertThat(all[1][0]).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(all[1][1]).isCloseTo(0.2, within(1e-12));
        assertThat(all[2][0]).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(all[2][1]).isCloseTo(0.5, within(1e-12));
        assertThat(all[3]).containsExactly(1, 1);
        // A: shares 0.6, 0.4 → (0, 0), (0.5, 0.4), (1, 1)
        double[][] a = points(d, 1).toArray(double[][]::new);
        assertThat(a[0]).containsExactly(0, 0);
        assertThat(a[1][0]).isEqualTo(0.5);
        assertThat(a[1][1]).isCloseTo(0.4, within(1e-12));
        assertThat(a[2]).containsExactly(1, 1);
        assertThat(points(d, 2)).containsExactly(new double[]{0, 0}, new double[]{1, 1});
    }

    @Test
    void hhiBarsAreSortedDescendingWithTheGuidelineThresholds() {
        String concentration = """
                platform,marketplace,category,period,entity,hhi
                ALL,ALL,ALL,window,seller,900
                ALL,ALL,A,window,seller,1500
                ALL,ALL,B,window,seller,2500
                ALL,ALL,C,window,seller,800
                ALL,ALL,C,window,brand,9000
                ALL,ALL,C,2024-01,seller,9500
                ALL,DE,D,window,seller,9900
                """;
        ReportChart c = Fixture.charts(dir, Map.of("concentration", concentration)).hhi().orElseThrow();

        CategoryPlot plot = c.chart().getCategoryPlot();
        CategoryDataset d = plot.getDataset();
        assertThat(d.getColumnKeys()).containsExactly("B", "A", "C");
        assertThat(List.of(d.getValue(0, 0), d.getValue(0, 1), d.getValue(0, 2))).containsExactly(2500.0, 1500.0, 800.0);
        assertThat(values(plot.getRangeMarkers(Layer.FOREGROUND))).containsExactly(1000.0, 1800.0);
        assertThat(markerLabels(plot.getRangeMarkers(Layer.FOREGROUND))).containsOnlyNulls();
        assertThat(labels(plot.getFixedLegendItems())).containsExactly("Moderately concentrated from 1,000", "Highly concentrated above 1,800");
    }

    @Test
    void moreThanTwentyCategoriesAreCutToTheTwentyMostConcentrated() {
        StringBuilder t = new StringBuilder("platform,marketplace,category,period,entity,hhi\n");
        for (int i = 1; i <= 21; i++) {   // category k<i> has HHI 100 i: k21 (2100) first, k1 (100) cut
            t.append("ALL,ALL,k").append(i).append(",window,seller,").append(100 * i).append('\n');
        }
        ReportChart c = Fixture.charts(dir, Map.of("concentration", t.toString())).hhi().orElseThrow();

        CategoryDataset d = c.chart().getCategoryPlot().getDataset();
        assertThat(d.getColumnCount()).isEqualTo(20);
        assertThat(d.getColumnKey(0)).isEqualTo("k21");
        assertThat(d.getColumnKey(19)).isEqualTo("k2");
        assertThat(subtitles(c)).contains("The 20 highest of 21 categories");
    }

    @Test
    void competitionIntensityBarsAreSortedDescending() {
        String ci = """
                platform,marketplace,category,period,index,sellers
                ALL,ALL,ALL,window,50,9
                ALL,ALL,A,window,40.5,3
                ALL,ALL,B,window,72.25,3
                ALL,ALL,C,window,,3
                ALL,ALL,D,2024-01,99,3
                """;
        ReportChart c = Fixture.charts(dir, Map.of("competition_intensity", ci)).competitionIntensity().orElseThrow();

        CategoryDataset d = c.chart().getCategoryPlot().getDataset();
        assertThat(d.getColumnKeys()).containsExactly("B", "A");   // C has no index, D no window row
        assertThat(List.of(d.getValue(0, 0), d.getValue(0, 1))).containsExactly(72.25, 40.5);
        assertThat(c.chart().getCategoryPlot().getRangeAxis().getUpperBound()).isEqualTo(100);
    }

    static final String PRICE_BANDS = """
            platform,marketplace,category,period,band,band_index,band_low,band_high,demand_share,supply_share,opportunity,is_best
            ALL,ALL,A,window,20–30,1,20.0,30.0,0.3,0.1,3.0,true
            ALL,ALL,A,window,10–20,0,10.0,20.0,0.5,0.6,0.833,false
            ALL,ALL,A,window,30–40.5,2,30.0,40.5,0.2,0.3,0.667,false
            ALL,ALL,B,window,1000–2000,0,1000,2000,1.0,1.0,1.0,false
            ALL,DE,A,window,10–20,0,10.0,20.0,0.9,0.9,1.0,true
            """;

    @Test
    void priceBandsGroupDemandAndSupplyAndHighlightTheBestBand() {
        List<ReportChart> charts = Fixture.charts(dir, Map.of("market_size", MARKET_SIZE, "price_bands", PRICE_BANDS)).priceBands();

        // numbered by window revenue: A (600) is category 1, B (500) category 2
        assertThat(charts).extracting(ReportChart::id).containsExactly("price_bands_1", "price_bands_2");
        ReportChart a = charts.get(0);
        assertThat(a.title()).isEqualTo("Price bands: A");
        CategoryPlot plot = a.chart().getCategoryPlot();
        CategoryDataset d = plot.getDataset();
        assertThat(d.getRowKeys()).containsExactly("Demand share (units)", "Supply share (listings)");
        assertThat(d.getColumnKeys()).containsExactly("10–20", "20–30", "30–40.50");
        assertThat(List.of(d.getValue(0, 0), d.getValue(0, 1), d.getValue(0, 2))).containsExactly(0.5, 0.3, 0.2);
        assertThat(List.of(d.getValue(1, 0), d.getValue(1, 1), d.getValue(1, 2))).containsExactly(0.6, 0.1, 0.3);
        assertThat(plot.getRenderer().getItemPaint(0, 1)).isEqualTo(ChartStyle.HIGHLIGHT);
        assertThat(plot.getRenderer().getItemPaint(0, 0)).isEqualTo(ChartStyle.ACCENT);
        assertThat(plot.getRenderer().getItemPaint(1, 1)).isEqualTo(ChartStyle.NEUTRAL);
        List<?> markers = new ArrayList<>(plot.getDomainMarkers(Layer.BACKGROUND));
        assertThat(markers).singleElement().satisfies(m -> assertThat(((CategoryMarker) m).getKey()).isEqualTo("20–30"));
        assertThat(subtitles(a)).contains("Best price band 20–30: opportunity 3.00 (demand share ÷ supply share)");
        assertThat(plot.getDomainAxis().getLabel()).isEqualTo("Price band (USD)");
        assertThat(charts.get(1).chart().getCategoryPlot().getDataset().getColumnKeys()).containsExactly("1,000–2,000");
        assertThat(charts.get(1).chart().getCategoryPlot().getDomainMarkers(Layer.BACKGROUND)).isNull();
    }

    @Test
    void hotTermsAreTheTenHeaviestOfTheScope() {
        StringBuilder t = new StringBuilder("platform,marketplace,category,period,term,kind,weight,share,rank,growth\n");
        for (int i = 1; i <= 12; i++) {   // weights 1000 − 10 i: t1 (990) … t12 (880)
            t.append("ALL,ALL,ALL,window,t").append(i).append(",title,").append(1000 - 10 * i).append(",0.1,").append(i).append(",\n");
        }
        t.append("ALL,ALL,B,window,cable,title,70,0.5,1,\n");
        t.append("ALL,ALL,B,window,usb,attribute,80,0.6,2,\n");
        ReportCharts charts = Fixture.charts(dir, Map.of("market_size", MARKET_SIZE, "hot_terms", t.toString()));

        ReportChart all = charts.hotTerms().orElseThrow();
        assertThat(all.id()).isEqualTo("hot_terms");
        CategoryDataset d = all.chart().getCategoryPlot().getDataset();
        assertThat(d.getColumnKeys()).containsExactly("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10");
        assertThat(d.getValue(0, 0).doubleValue()).isEqualTo(990);
        assertThat(d.getValue(0, 9).doubleValue()).isEqualTo(900);
        List<ReportChart> byCategory = charts.hotTermsByCategory();
        assertThat(byCategory).extracting(ReportChart::id).containsExactly("hot_terms_2");   // B is category 2 by revenue
        assertThat(byCategory.get(0).chart().getCategoryPlot().getDataset().getColumnKeys()).containsExactly("usb", "cable");
    }

    /** 13 lanes with 1 … 13 shipments; lane i: p50 = i, p90 = 2 i, on-time rate = i / 20. */
    static String lanes() {
        StringBuilder s = new StringBuilder("carrier,service,destination_country,destination_region,period,shipments,"
                + "lead_time_p50,lead_time_p90,on_time_rate,status\n");
        for (int i = 1; i <= 13; i++) {
            s.append("C").append(i).append(",std,DE,ALL,window,").append(i).append(',').append(i).append(',').append(2 * i).append(',')
                    .append(i / 20.0).append(",\n");
        }
        s.append("ALL,ALL,ALL,ALL,window,91,5,9,0.5,\n");           // the all-lanes row
        s.append("C13,std,DE,Bavaria,window,13,1,2,0.9,\n");       // a region, not the lane
        s.append("C13,std,DE,ALL,2024-01,13,1,2,0.9,\n");          // a month, not the window
        return s.toString();
    }

    @Test
    void leadTimeBarsRunToTheMedianAndOnToP90ForTheTwelveBusiestLanes() {
        ReportChart c = Fixture.charts(dir, Map.of("logistics_lanes", lanes())).logisticsLeadTime().orElseThrow();

        CategoryDataset d = c.chart().getCategoryPlot().getDataset();
        assertThat(d.getRowKeys()).containsExactly("Median lead time (p50)", "Up to p90 (slowest 10%)");
        assertThat(d.getColumnCount()).isEqualTo(12);
        assertThat(d.getColumnKey(0)).isEqualTo("C13 std → DE");       // busiest first; C1 (1 shipment) is out
        assertThat(d.getColumnKey(11)).isEqualTo("C2 std → DE");
        // C13: p50 13, p90 26 → the light part is 26 − 13 = 13
        assertThat(d.getValue(0, 0).doubleValue()).isEqualTo(13);
        assertThat(d.getValue(1, 0).doubleValue()).isEqualTo(13);
        // C2: p50 2, p90 4
        assertThat(d.getValue(0, 11).doubleValue()).isEqualTo(2);
        assertThat(d.getValue(0, 11).doubleValue() + d.getValue(1, 11).doubleValue()).isEqualTo(4);
        assertThat(subtitles(c)).containsExactly("Lanes shown: 12, the busiest by shipments; all destination regions, analysis window");
    }

    @Test
    void onTimeBarsAreRatesOfTheBusiestLanesBestFirst() {
        ReportChart c = Fixture.charts(dir, Map.of("logistics_lanes", lanes())).logisticsOnTime().orElseThrow();

        CategoryDataset d = c.chart().getCategoryPlot().getDataset();
        assertThat(d.getColumnCount()).isEqualTo(12);
        assertThat(d.getColumnKey(0)).isEqualTo("C13 std → DE");
        assertThat(d.getValue(0, 0).doubleValue()).isEqualTo(0.65);    // 13 / 20
        assertThat(d.getValue(0, 11).doubleValue()).isEqualTo(0.10);   // 2 / 20
        assertThat(c.chart().getCategoryPlot().getRangeAxis().getUpperBound()).isEqualTo(1);
    }

    @Test
    void missingTablesColumnsOrNumbersGiveNoChartAndNoException() {
        ReportCharts none = Fixture.charts(dir, Map.of());
        assertThat(none.all()).isEmpty();
        assertThat(none.marketSize()).isEmpty();
        assertThat(none.growth()).isEmpty();
        assertThat(none.newVsExisting()).isEmpty();
        assertThat(none.seasonality()).isEmpty();
        assertThat(none.turningPoints()).isEmpty();
        assertThat(none.forecast()).isEmpty();
        assertThat(none.lorenz()).isEmpty();
        assertThat(none.hhi()).isEmpty();
        assertThat(none.competitionIntensity()).isEmpty();
        assertThat(none.priceBands()).isEmpty();
        assertThat(none.priceBands("A", 1)).isEmpty();
        assertThat(none.hotTerms()).isEmpty();
        assertThat(none.hotTermsByCategory()).isEmpty();
        assertThat(none.logisticsLeadTime()).isEmpty();
        assertThat(none.logisticsOnTime()).isEmpty();

        // an older run: market_size without yoy_growth; a header-only table; a cell that is not a number
        ReportCharts odd = Fixture.charts(dir.resolve("odd"), Map.of(
                "market_size", "platform,marketplace,category,period,revenue\nALL,ALL,ALL,2024-01,n/a\n",
                "concentration", "platform,marketplace,category,period,entity,hhi\n",
                "logistics_lanes", "carrier,service\nDHL,express\n"));
        assertThat(odd.growth()).isEmpty();
        assertThat(odd.marketSize()).isEmpty();
        assertThat(odd.hhi()).isEmpty();
        assertThat(odd.logisticsLeadTime()).isEmpty();
        assertThat(odd.all()).isEmpty();
    }

    @Test
    void chineseChartsUseTheStandardsTerms() {
        StringBuilder concentration = new StringBuilder("platform,marketplace,category,period,entity,hhi\nALL,ALL,A,window,seller,1200\n");
        ReportCharts zh = Fixture.charts(Fixture.run(dir, Map.of("market_size", MARKET_SIZE, "seasonality", seasonality(""),
                "concentration", concentration.toString(), "concentration_curve", CURVE, "price_bands", PRICE_BANDS,
                "logistics_lanes", lanes(), "competition_intensity", "platform,marketplace,category,period,index\nALL,ALL,A,window,50\n",
                "forecast", "platform,marketplace,category,period,forecast,lower,upper,model\nALL,ALL,ALL,2024-04,1,0,2,mean\n",
                "change_points", "platform,marketplace,category,period,change\nALL,ALL,ALL,2024-02,0.3\n")), Lang.ZH);

        assertThat(zh.marketSize().orElseThrow().title()).contains("市场容量");
        assertThat(labels(zh.marketSize().orElseThrow().chart().getPlot().getLegendItems())).containsExactly("本图品类", "全部品类");
        assertThat(zh.seasonality().orElseThrow().title()).contains("淡旺季");
        assertThat(zh.seasonality().orElseThrow().chart().getCategoryPlot().getDataset().getColumnKey(0)).isEqualTo("1月");
        assertThat(zh.turningPoints().orElseThrow().title()).contains("数据拐点");
        assertThat(zh.forecast().orElseThrow().title()).contains("市场预测");
        assertThat(zh.hhi().orElseThrow().title()).contains("市场集中度");
        assertThat(zh.lorenz().orElseThrow().title()).contains("市场集中度");
        assertThat(zh.competitionIntensity().orElseThrow().title()).contains("竞争强度");
        ReportChart bands = zh.priceBands().get(0);
        assertThat(bands.title()).contains("价格带");
        assertThat(labels(bands.chart().getCategoryPlot().getFixedLegendItems())).contains("最佳价格波段");
        assertThat(zh.logisticsLeadTime().orElseThrow().title()).contains("物流");
        assertThat(zh.growth().orElseThrow().chart().getCategoryPlot().getRangeAxis().getLabel()).isEqualTo("同比增长率");
    }

    @Test
    void allListsTheChartsInReportOrder() {
        ReportCharts charts = Fixture.charts(dir, Map.of("market_size", MARKET_SIZE, "seasonality", seasonality(""),
                "price_bands", PRICE_BANDS, "logistics_lanes", lanes()));

        assertThat(charts.all()).extracting(ReportChart::id).containsExactly("market_size_revenue", "market_size_growth",
                "seasonality", "price_bands_1", "price_bands_2", "logistics_lead_time", "logistics_on_time");
    }

    // --- helpers -------------------------------------------------------------------------------------------

    static List<String> seriesKeys(XYDataset d) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < d.getSeriesCount(); i++) {
            out.add(d.getSeriesKey(i).toString());
        }
        return out;
    }

    static List<double[]> points(XYDataset d, int series) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < d.getItemCount(series); i++) {
            out.add(new double[]{d.getXValue(series, i), d.getYValue(series, i)});
        }
        return out;
    }

    static List<String> labels(LegendItemCollection items) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.getItemCount(); i++) {
            LegendItem item = items.get(i);
            out.add(item.getLabel());
        }
        return out;
    }

    static List<Double> values(java.util.Collection<?> markers) {
        return markers.stream().map(m -> ((ValueMarker) m).getValue()).toList();
    }

    static List<String> markerLabels(java.util.Collection<?> markers) {
        return markers.stream().map(m -> ((Marker) m).getLabel()).toList();
    }

    static List<String> subtitles(ReportChart c) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.chart().getSubtitleCount(); i++) {
            if (c.chart().getSubtitle(i) instanceof TextTitle t) {
                out.add(t.getText());
            }
        }
        return out;
    }
}
