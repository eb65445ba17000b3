package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Section;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Tables;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The {@code own_store_growth} chart of T/CCPITCSC 111-2022 5.14 数据分析: the own store's year-on-year growth beside its
 * market's, over all categories and in each of its largest categories, so that a category where the store grows slower
 * than its market stands out.
 */
final class OwnStoreGrowthChart {

    /** Categories drawn, the own store's largest by window revenue (two bars each). */
    static final int TOP_CATEGORIES = 10;

    private OwnStoreGrowthChart() {}

    /**
     * Paired horizontal bars of {@code growth} (own store, highlight colour) and {@code market_growth} (accent colour) of
     * the window rows over all platforms and marketplaces: all categories first, then the categories by the own store's
     * revenue; scopes with neither figure are left out.
     */
    static Optional<ReportChart> build(ChartKit kit) {
        Optional<Table> table = kit.table(Tables.OWN_STORE.name(), ChartKit.with(ChartKit.PERIOD_SCOPE, Columns.REVENUE, Columns.GROWTH,
                Columns.MARKET_GROWTH));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        List<Table.Row> rows = ChartKit.window(table.get().where(r -> r.is(Columns.PLATFORM, Scopes.ALL) && r.is(Columns.MARKETPLACE, Scopes.ALL)
                        && !r.isEmpty(Columns.CATEGORY))).stream()
                .filter(r -> ChartKit.num(r, Columns.GROWTH) != null || ChartKit.num(r, Columns.MARKET_GROWTH) != null)
                .sorted(Comparator.comparing((Table.Row r) -> !r.is(Columns.CATEGORY, Scopes.ALL))
                        .thenComparing(r -> ChartKit.num(r, Columns.REVENUE) == null ? 0 : -ChartKit.num(r, Columns.REVENUE))
                        .thenComparing(r -> r.str(Columns.CATEGORY)))
                .toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Table.Row> shown = rows.subList(0, Math.min(rows.size(), TOP_CATEGORIES + (rows.get(0).is(Columns.CATEGORY, Scopes.ALL) ? 1 : 0)));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String own = kit.texts.get("chart.series.own_store");
        String market = kit.texts.get("chart.series.market");
        Set<String> labels = new LinkedHashSet<>();
        for (Table.Row r : shown) {
            String label = ChartKit.shorten(kit.categoryName(r.str(Columns.CATEGORY)), ChartKit.MAX_SELLER_LABEL);
            while (!labels.add(label)) {
                label = label + " ";   // two categories cut alike stay two pairs of bars
            }
            data.addValue(ChartKit.num(r, Columns.GROWTH), own, label);
            data.addValue(ChartKit.num(r, Columns.MARKET_GROWTH), market, label);
        }
        ItemPaintBarRenderer bars = new ItemPaintBarRenderer((row, col) -> row == 0 ? ChartStyle.HIGHLIGHT : ChartStyle.ACCENT);
        bars.setMaximumBarWidth(0.3);
        bars.setItemMargin(0.05);
        CategoryPlot plot = new CategoryPlot(data, kit.categoryAxis("chart.axis.category"), kit.percentAxis("chart.axis.yoy_growth"), bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeZeroBaselineVisible(true);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(kit.swatch(own, ChartStyle.HIGHLIGHT));
        legend.add(kit.swatch(market, ChartStyle.ACCENT));
        plot.setFixedLegendItems(legend);
        return Optional.of(kit.chart("own_store_growth", Section.OWN_STORE, kit.texts.get("chart.own_growth.title"), plot, true,
                kit.texts.get("chart.own_growth.subtitle")));
    }
}
