package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.reports.findings.KeyFindings;
import io.marketlens.reports.text.Section;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;

/**
 * The {@code platform_comparison} chart of T/CCPITCSC 111-2022 1.2.1 平台选择: each platform × marketplace's size (window
 * revenue over all categories) against its year-on-year growth, labelled with its rank, the top-ranked one highlighted,
 * so that a large, growing marketplace stands out from a small fast one and a large stagnant one.
 */
final class PlatformChart {

    private PlatformChart() {}

    /**
     * Revenue (x) against growth (y) of the window's platform × marketplace candidates over all categories that have
     * both; each point labelled "#rank platform / marketplace" (no rank when it was too thin to score); the candidates
     * without revenue or growth are counted in the subtitle.
     */
    static Optional<ReportChart> build(ChartKit kit) {
        Optional<Table> table = kit.table(Tables.PLATFORM_COMPARISON.name(), ChartKit.with(ChartKit.PERIOD_SCOPE, Columns.RANK,
                Columns.REVENUE, Columns.GROWTH));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        List<Table.Row> candidates = ChartKit.window(table.get()).where(KeyFindings::isPlatformMarketplace).rows();
        List<Table.Row> drawn = candidates.stream()
                .filter(r -> ChartKit.num(r, Columns.REVENUE) != null && ChartKit.num(r, Columns.GROWTH) != null)
                .sorted(Comparator.comparing((Table.Row r) -> ChartKit.num(r, Columns.RANK) == null ? Double.MAX_VALUE : ChartKit.num(r, Columns.RANK))
                        .thenComparing(kit::marketLabel))
                .toList();
        if (drawn.isEmpty()) {
            return Optional.empty();
        }
        List<ChartKit.Point> points = new ArrayList<>();
        for (Table.Row r : drawn) {
            Double rank = ChartKit.num(r, Columns.RANK);
            points.add(new ChartKit.Point(ChartKit.num(r, Columns.REVENUE), ChartKit.num(r, Columns.GROWTH), rank != null && rank == 1,
                    rank == null ? kit.marketLabel(r) : kit.rankedLabel(r, kit.marketLabel(r))));
        }
        NumberAxis x = kit.moneyAxis("chart.axis.revenue");
        x.setUpperMargin(0.2);
        NumberAxis y = kit.percentAxis("chart.axis.yoy_growth");
        y.setLowerMargin(0.15);
        y.setUpperMargin(0.15);
        XYPlot plot = kit.labelledScatter(points, x, y, kit.texts.get("chart.series.top_market"), kit.texts.get("chart.series.other_markets"));
        plot.setRangeZeroBaselineVisible(true);
        List<String> subtitles = new ArrayList<>();
        subtitles.add(kit.texts.get("chart.scope.window_all_categories"));
        if (drawn.size() < candidates.size()) {
            subtitles.add(kit.texts.get("chart.platforms.not_drawn", kit.numbers.integer((long) candidates.size() - drawn.size())));
        }
        return Optional.of(kit.chart(Tables.PLATFORM_COMPARISON.name(), Section.PLATFORMS, kit.texts.get("chart.platforms.title"), plot,
                true, subtitles.toArray(String[]::new)));
    }
}
