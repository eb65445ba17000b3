package io.marketlens.reports.charts;

import static io.marketlens.reports.charts.ReportChartsTest.labels;
import static io.marketlens.reports.charts.ReportChartsTest.subtitles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlens.reports.CompetitorTables;
import io.marketlens.reports.findings.KeyFindings;
import io.marketlens.reports.text.Lang;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The competitor charts (benchmark, share changes) and the product-selection chart, from the hand-made tables. */
class CompetitorChartsTest {

    @TempDir
    Path dir;

    /** Toys (1,000) is category 1 by window revenue, Garden (500) category 2. */
    static final String MARKET_SIZE = "platform,marketplace,category,period,revenue\nALL,ALL,Toys,window,1000\nALL,ALL,Garden,window,500\n";

    private ReportCharts charts(String competitors, String benchmark) {
        return Fixture.charts(dir, Map.of("market_size", MARKET_SIZE, "competitors", competitors, "competitor_benchmark", benchmark,
                "product_selection", CompetitorTables.selection(1.0, 1.0)));
    }

    @Test
    void theBenchmarkSetsTheOwnStoreHighlightedBesideItsCompetitorsInRankOrder() {
        Map<String, ReportChart> byCategory = charts(CompetitorTables.COMPETITORS, CompetitorTables.BENCHMARK).competitorBenchmarkByCategory();

        // Garden has no benchmark rows: the own store sells nothing there
        assertThat(byCategory).containsOnlyKeys("Toys");
        ReportChart c = byCategory.get("Toys");
        assertThat(c.id()).isEqualTo("competitor_benchmark_1");
        assertThat(c.title()).isEqualTo("Own store vs direct competitors: Toys");
        CombinedDomainCategoryPlot plot = (CombinedDomainCategoryPlot) c.chart().getPlot();
        CategoryPlot share = (CategoryPlot) plot.getSubplots().get(0);
        CategoryPlot asp = (CategoryPlot) plot.getSubplots().get(1);
        CategoryDataset d = share.getDataset();
        assertThat(d.getColumnKeys()).containsExactly("amazon / S1", "Own store: amazon / OWN1", "amazon / S4");
        assertThat(List.of(d.getValue(0, 0), d.getValue(0, 1), d.getValue(0, 2))).containsExactly(0.5, 0.15, 0.1);
        CategoryDataset a = asp.getDataset();
        assertThat(List.of(a.getValue(0, 0), a.getValue(0, 1), a.getValue(0, 2))).containsExactly(10.0, 7.5, 5.0);
        for (CategoryPlot panel : List.of(share, asp)) {
            assertThat(panel.getRenderer().getItemPaint(0, 0)).isEqualTo(ChartStyle.ACCENT);
            assertThat(panel.getRenderer().getItemPaint(0, 1)).isEqualTo(ChartStyle.HIGHLIGHT);
        }
        // the own store's ASP as the line the competitors' prices are read against (price index = ASP ÷ 7.5)
        assertThat(asp.getRangeMarkers(Layer.FOREGROUND)).singleElement().satisfies(m -> assertThat(((ValueMarker) m).getValue()).isEqualTo(7.5));
        // the line is named in the legend, not labelled over the bars
        assertThat(asp.getRangeMarkers(Layer.FOREGROUND)).singleElement().satisfies(m -> assertThat(((ValueMarker) m).getLabel()).isNull());
        assertThat(labels(plot.getFixedLegendItems())).containsExactly("Own store", "Leading direct competitors", "Own store's ASP");
        assertThat(asp.getRangeAxis().getLabel()).isEqualTo("Average selling price (USD)");
    }

    @Test
    void withoutAnOwnStoreTheBenchmarkShowsTheLeadingSellers() {
        ReportChart c = charts(CompetitorTables.COMPETITORS_NO_OWN_STORE, CompetitorTables.BENCHMARK_NO_OWN_STORE)
                .competitorBenchmarkByCategory().get("Toys");

        assertThat(c.title()).isEqualTo("Leading sellers: Toys");
        CategoryPlot share = (CategoryPlot) ((CombinedDomainCategoryPlot) c.chart().getPlot()).getSubplots().get(0);
        assertThat(share.getDataset().getColumnKeys()).containsExactly("amazon / S1", "shopee / S2");
        assertThat(share.getRenderer().getItemPaint(0, 0)).isEqualTo(ChartStyle.ACCENT);
        assertThat(share.getRenderer().getItemPaint(0, 1)).isEqualTo(ChartStyle.ACCENT);
        assertThat(labels(c.chart().getPlot().getLegendItems())).containsExactly("Leading sellers (no own store known)");
    }

    @Test
    void shareChangesRunFromTheLargestGainToTheLargestLossWithEmergingCompetitorsMarked() {
        Map<String, ReportChart> byCategory = charts(CompetitorTables.COMPETITORS, CompetitorTables.BENCHMARK).shareChangeByCategory();

        assertThat(byCategory.keySet()).containsExactly("Toys", "Garden");
        ReportChart toys = byCategory.get("Toys");
        assertThat(toys.id()).isEqualTo("competitor_share_change_1");
        CategoryPlot plot = toys.chart().getCategoryPlot();
        CategoryDataset d = plot.getDataset();
        // S1 and S4 both gained 10 points (ties by label); S2 lost 5
        assertThat(d.getColumnKeys()).containsExactly("amazon / S1", "amazon / S4 (emerging)", "shopee / S2");
        assertThat(List.of(d.getValue(0, 0), d.getValue(0, 1), d.getValue(0, 2))).containsExactly(10.0, 10.0, -5.0);
        assertThat(List.of(plot.getRenderer().getItemPaint(0, 0), plot.getRenderer().getItemPaint(0, 1), plot.getRenderer().getItemPaint(0, 2)))
                .containsExactly(ChartStyle.ACCENT, ChartStyle.HIGHLIGHT, ChartStyle.NEGATIVE);
        assertThat(labels(plot.getFixedLegendItems())).containsExactly("Gain", "Loss", "Emerging competitor");
        assertThat(labels(byCategory.get("Garden").chart().getCategoryPlot().getFixedLegendItems())).containsExactly("Gain", "Loss");
    }

    @Test
    void onlyTheFiveLargestGainsAndTheFiveLargestLossesAreDrawn() {
        StringBuilder t = new StringBuilder(CompetitorTables.COMPETITORS_HEADER).append('\n');
        for (int i = 1; i <= 7; i++) {   // g<i> gains i points, l<i> loses i points
            t.append("ALL,ALL,Toys,window,g").append(i).append(",amazon,direct,true,1,leader,14,1,0.01,1,").append(i)
                    .append(",,1,1,1,,,1,0,2023-01,1,\n");
            t.append("ALL,ALL,Toys,window,l").append(i).append(",amazon,direct,true,1,leader,14,1,0.01,1,-").append(i)
                    .append(",,1,1,1,,,1,0,2023-01,1,\n");
        }
        ReportChart c = charts(t.toString(), CompetitorTables.BENCHMARK).shareChangeByCategory().get("Toys");

        assertThat(c.chart().getCategoryPlot().getDataset().getColumnKeys()).containsExactly("amazon / g7", "amazon / g6", "amazon / g5",
                "amazon / g4", "amazon / g3", "amazon / l3", "amazon / l4", "amazon / l5", "amazon / l6", "amazon / l7");
    }

    @Test
    void selectionPutsEachScoredCategorysScoreAgainstItsRobustness() {
        ReportChart c = charts(CompetitorTables.COMPETITORS, CompetitorTables.BENCHMARK).productSelection().orElseThrow();

        assertThat(c.id()).isEqualTo("product_selection");
        XYPlot plot = c.chart().getXYPlot();
        XYDataset d = plot.getDataset();
        assertThat(ReportChartsTest.seriesKeys(d)).containsExactly("Top pick", "Other categories");
        assertThat(d.getXValue(0, 0)).isCloseTo(Math.sqrt(1.5) / 3, within(1e-6));
        assertThat(d.getYValue(0, 0)).isEqualTo(1.0);
        assertThat(ReportChartsTest.points(d, 1)).containsExactly(new double[]{0, 1}, new double[]{-0.4082483, 1});
        // D is low volume: no score, counted
        assertThat(subtitles(c)).contains("Categories not scored (too few orders or listings): 1");
        assertThat(ReportChartsTest.values(plot.getRangeMarkers(Layer.FOREGROUND))).containsExactly(KeyFindings.CLOSE_CALL);
        assertThat(labelTexts(plot)).containsExactly("#1 A", "#2 B", "#3 C");
    }

    @Test
    void pointLabelsOfCrowdedPointsDoNotOverlap() {
        StringBuilder t = new StringBuilder(CompetitorTables.SELECTION_HEADER).append('\n');
        for (int i = 1; i <= 8; i++) {   // seven categories within 0.006 of each other, one far away
            double score = i == 8 ? 1.0 : 0.1 + i / 1000.0;
            t.append("ALL,ALL,Home & Kitchen>Category number ").append(i).append(",window,").append(9 - i).append(",8,").append(score)
                    .append(",0.9").append(",1,0".repeat(8)).append(",8,100,10,10,\n");
        }
        ReportCharts charts = Fixture.charts(dir, Map.of("product_selection", t.toString()));
        ReportChart c = charts.productSelection().orElseThrow();
        BufferedImage image = new BufferedImage(1000, 500, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        c.chart().draw(g, new Rectangle2D.Double(0, 0, 1000, 500));
        g.dispose();

        PointLabels pointLabels = pointLabels(c.chart().getXYPlot());
        List<Rectangle2D> placed = pointLabels.placed();
        assertThat(placed).hasSize(8);
        for (int i = 0; i < placed.size(); i++) {
            for (int j = i + 1; j < placed.size(); j++) {
                assertThat(placed.get(i).intersects(placed.get(j))).as("labels %d and %d overlap", i, j).isFalse();
            }
        }
        // the last level of each category names its point, as it is unique
        assertThat(labelTexts(c.chart().getXYPlot())).contains("#1 Category number 8", "#8 Category number 1");
    }

    @Test
    void chineseWordsOfTheNewCharts() {
        ReportCharts zh = Fixture.charts(Fixture.run(dir, Map.of("market_size", MARKET_SIZE, "competitors", CompetitorTables.COMPETITORS,
                "competitor_benchmark", CompetitorTables.BENCHMARK, "product_selection", CompetitorTables.selection(1.0, 1.0))), Lang.ZH);

        assertThat(zh.competitorBenchmarkByCategory().get("Toys").title()).isEqualTo("自有店铺与直接竞争对手对标：Toys");
        assertThat(zh.shareChangeByCategory().get("Toys").chart().getCategoryPlot().getDataset().getColumnKeys())
                .contains("amazon / S4（新兴）");
        assertThat(zh.productSelection().orElseThrow().title()).contains("选品分析");
    }

    @Test
    void missingOrEmptyTablesGiveNoChart() {
        ReportCharts none = Fixture.charts(dir, Map.of());
        assertThat(none.competitorBenchmarkByCategory()).isEmpty();
        assertThat(none.shareChangeByCategory()).isEmpty();
        assertThat(none.competitors()).isEmpty();
        assertThat(none.productSelection()).isEmpty();
        ReportCharts empty = Fixture.charts(dir.resolve("empty"), Map.of("competitors", CompetitorTables.COMPETITORS_HEADER + "\n",
                "competitor_benchmark", CompetitorTables.BENCHMARK_HEADER + "\n", "product_selection", CompetitorTables.SELECTION_HEADER + "\n"));
        assertThat(empty.all()).isEmpty();
    }

    @Test
    void allListsEachCategorysBenchmarkThenItsShareChangesThenTheSelection() {
        assertThat(charts(CompetitorTables.COMPETITORS, CompetitorTables.BENCHMARK).all()).extracting(ReportChart::id)
                .containsExactly("competitor_benchmark_1", "competitor_share_change_1", "competitor_share_change_2", "product_selection");
    }

    private static PointLabels pointLabels(XYPlot plot) {
        return plot.getAnnotations().stream().filter(PointLabels.class::isInstance).map(PointLabels.class::cast).findFirst().orElseThrow();
    }

    private static List<String> labelTexts(XYPlot plot) {
        List<String> out = new ArrayList<>();
        pointLabels(plot).labels().forEach(l -> out.add(l.text()));
        return out;
    }
}
