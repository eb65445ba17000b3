package io.marketlens.reports.charts;

import static io.marketlens.reports.charts.ReportChartsTest.labels;
import static io.marketlens.reports.charts.ReportChartsTest.subtitles;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.reports.PlatformTables;
import io.marketlens.reports.text.Lang;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform-comparison and own-store charts, from the hand-made tables of {@link PlatformTables}. */
class PlatformAndOwnStoreChartsTest {

    @TempDir
    Path dir;

    private ReportCharts charts() {
        return Fixture.charts(dir, Map.of("platform_comparison", PlatformTables.PLATFORM_COMPARISON, "own_store", PlatformTables.OWN_STORE));
    }

    @Test
    void platformsSetEachMarketplacesRevenueAgainstItsGrowth() {
        ReportChart c = charts().platforms().orElseThrow();

        assertThat(c.id()).isEqualTo("platform_comparison");
        assertThat(c.title()).isEqualTo("Platforms and marketplaces: size and growth");
        XYPlot plot = c.chart().getXYPlot();
        XYDataset d = plot.getDataset();
        assertThat(ReportChartsTest.seriesKeys(d)).containsExactly("Top-ranked", "Other platforms and marketplaces");
        assertThat(ReportChartsTest.points(d, 0)).containsExactly(new double[]{3_000_000, 0.10});
        // by rank, the low-volume ebay / UK last; the per-category rows are not candidates of this set
        assertThat(ReportChartsTest.points(d, 1)).containsExactly(new double[]{2_000_000, 0.30}, new double[]{1_000_000, -0.10},
                new double[]{5_000, 0.5});
        assertThat(pointLabels(plot)).containsExactly("#1 amazon / US", "#2 amazon / DE", "#3 shopee / SG", "ebay / UK");
        assertThat(plot.getDomainAxis().getLabel()).isEqualTo("Revenue (USD)");
        assertThat(subtitles(c)).containsExactly("All categories, analysis window");
    }

    @Test
    void ownStoreGrowthPairsEachCategoryWithItsMarket() {
        ReportChart c = charts().ownStoreGrowth().orElseThrow();

        assertThat(c.id()).isEqualTo("own_store_growth");
        CategoryPlot plot = c.chart().getCategoryPlot();
        assertThat(plot.getOrientation()).isEqualTo(PlotOrientation.HORIZONTAL);
        CategoryDataset d = plot.getDataset();
        assertThat(d.getRowKeys()).containsExactly("Own store", "Market");
        // all categories first, then Toys (own revenue 90,000) before Garden (30,000)
        assertThat(d.getColumnKeys()).containsExactly("All categories", "Toys", "Garden");
        assertThat(List.of(d.getValue(0, 0), d.getValue(0, 1), d.getValue(0, 2))).containsExactly(0.2, 0.3, -0.05);
        assertThat(List.of(d.getValue(1, 0), d.getValue(1, 1), d.getValue(1, 2))).containsExactly(0.25, 0.1, 0.15);
        assertThat(plot.getRenderer().getItemPaint(0, 1)).isEqualTo(ChartStyle.HIGHLIGHT);
        assertThat(plot.getRenderer().getItemPaint(1, 1)).isEqualTo(ChartStyle.ACCENT);
        assertThat(labels(plot.getFixedLegendItems())).containsExactly("Own store", "Market");
    }

    @Test
    void chineseTitlesAndMissingTablesGiveNoChart() {
        ReportCharts zh = Fixture.charts(Fixture.run(dir, Map.of("platform_comparison", PlatformTables.PLATFORM_COMPARISON,
                "own_store", PlatformTables.OWN_STORE)), Lang.ZH);
        assertThat(zh.platforms().orElseThrow().title()).isEqualTo("平台与站点：规模与增长");
        assertThat(zh.ownStoreGrowth().orElseThrow().title()).isEqualTo("自有店铺与市场：同比增长");

        ReportCharts none = Fixture.charts(dir.resolve("none"), Map.of());
        assertThat(none.platforms()).isEmpty();
        assertThat(none.ownStoreGrowth()).isEmpty();
        ReportCharts empty = Fixture.charts(dir.resolve("empty"), Map.of("own_store", PlatformTables.OWN_STORE_EMPTY));
        assertThat(empty.all()).isEmpty();
        assertThat(charts().all()).extracting(ReportChart::id).containsExactly("platform_comparison", "own_store_growth");
    }

    private static List<String> pointLabels(XYPlot plot) {
        List<String> out = new ArrayList<>();
        plot.getAnnotations().stream().filter(PointLabels.class::isInstance).map(PointLabels.class::cast).findFirst().orElseThrow()
                .labels().forEach(l -> out.add(l.text()));
        return out;
    }
}
