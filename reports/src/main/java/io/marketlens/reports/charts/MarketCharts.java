package io.marketlens.reports.charts;

import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.data.Table;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeriesCollection;

/** Charts of T/CCPITCSC 111-2022 1.1.1 市场容量 and 1.1.4 增量与存量: market size, its growth, new vs existing. */
final class MarketCharts {

    static final String MARKET_SIZE = "market_size";
    static final String NEW_VS_EXISTING = "new_vs_existing";
    /** Categories drawn beside the whole market. */
    static final int TOP_CATEGORIES = 5;
    private static final String INSUFFICIENT_HISTORY = "insufficient_history";
    private static final String[] SCOPE = {"platform", "marketplace", "category", "period"};

    private final ChartKit kit;

    MarketCharts(ChartKit kit) {
        this.kit = kit;
    }

    /** Monthly revenue of the whole market and of the five largest categories. */
    Optional<ReportChart> marketSize() {
        Optional<Table> table = kit.table(MARKET_SIZE, ChartKit.with(SCOPE, "revenue"));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Map<YearMonth, Double> all = ChartKit.monthly(ChartKit.scope(table.get(), RunFolder.ALL), "revenue");
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Map<YearMonth, Double>> lines = new LinkedHashMap<>();
        lines.put(kit.categoryName(RunFolder.ALL), all);
        for (String c : kit.categoryRanking().stream().limit(TOP_CATEGORIES).toList()) {
            Map<YearMonth, Double> series = ChartKit.monthly(ChartKit.scope(table.get(), c), "revenue");
            if (!series.isEmpty() && !lines.containsKey(c)) {
                lines.put(c, series);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, Map<YearMonth, Double>> e : lines.entrySet()) {
            data.addSeries(ChartKit.xySeries(e.getKey(), e.getValue()));
        }
        XYPlot plot = new XYPlot(data, kit.monthAxis(), kit.moneyAxis("chart.axis.revenue"), kit.lineRenderer(data.getSeriesCount()));
        String title = kit.texts.get("chart.market_size.title");
        return Optional.of(kit.chart("market_size_revenue", title, plot, true, kit.texts.get("chart.scope.all_markets")));
    }

    /** Year-on-year revenue growth of the whole market per month; declines in another colour. */
    Optional<ReportChart> growth() {
        Optional<Table> table = kit.table(MARKET_SIZE, ChartKit.with(SCOPE, "yoy_growth"));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Map<YearMonth, Double> yoy = ChartKit.monthly(ChartKit.scope(table.get(), RunFolder.ALL), "yoy_growth");
        if (yoy.isEmpty()) {
            return Optional.empty();
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String series = kit.texts.get("chart.axis.yoy_growth");
        yoy.forEach((m, v) -> data.addValue(v, series, m.toString()));
        ItemPaintBarRenderer bars = new ItemPaintBarRenderer((row, col) -> {
            Number v = data.getValue(row.intValue(), col.intValue());
            return v != null && v.doubleValue() < 0 ? ChartStyle.NEGATIVE : ChartStyle.ACCENT;
        });
        CategoryPlot plot = new CategoryPlot(data, kit.monthCategories(yoy.size()), kit.percentAxis("chart.axis.yoy_growth"), bars);
        plot.setRangeZeroBaselineVisible(true);
        LegendItemCollection legend = new LegendItemCollection();
        if (yoy.values().stream().anyMatch(v -> v >= 0)) {
            legend.add(kit.swatch(kit.texts.get("chart.series.growth_up"), ChartStyle.ACCENT));
        }
        if (yoy.values().stream().anyMatch(v -> v < 0)) {
            legend.add(kit.swatch(kit.texts.get("chart.series.growth_down"), ChartStyle.NEGATIVE));
        }
        plot.setFixedLegendItems(legend);
        String title = kit.texts.get("chart.growth.title");
        return Optional.of(kit.chart("market_size_growth", title, plot, true, kit.texts.get("chart.scope.all_markets")));
    }

    /**
     * The new products' share of revenue and of the product count per month, whole market. Months flagged
     * {@code insufficient_history} are left out (and counted in a subtitle): within the first W months of the data
     * every product looks new, so their shares say nothing about the market.
     */
    Optional<ReportChart> newVsExisting() {
        Optional<Table> table = kit.table(NEW_VS_EXISTING,
                ChartKit.with(SCOPE, "new_product_revenue_share", "new_product_count_share", "status"));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Table all = ChartKit.scope(table.get(), RunFolder.ALL);
        Table usable = all.where(r -> !r.is("status", INSUFFICIENT_HISTORY));
        long leftOut = all.stream().filter(r -> r.is("status", INSUFFICIENT_HISTORY) && ChartKit.month(r.str("period")).isPresent())
                .count();
        Map<YearMonth, Double> revenue = ChartKit.monthly(usable, "new_product_revenue_share");
        Map<YearMonth, Double> count = ChartKit.monthly(usable, "new_product_count_share");
        if (revenue.isEmpty() && count.isEmpty()) {
            return Optional.empty();
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(ChartKit.xySeries(kit.texts.get("chart.series.new_revenue_share"), revenue));
        data.addSeries(ChartKit.xySeries(kit.texts.get("chart.series.new_count_share"), count));
        NumberAxis share = kit.percentAxis("chart.axis.share");
        share.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, kit.monthAxis(), share, kit.lineRenderer(2));
        String title = kit.texts.get("chart.new_vs_existing.title");
        String scope = kit.texts.get("chart.scope.all_markets");
        return Optional.of(leftOut == 0 ? kit.chart("new_vs_existing", title, plot, true, scope)
                : kit.chart("new_vs_existing", title, plot, true, scope,
                        kit.texts.get("chart.new_vs_existing.left_out", kit.numbers.integer(leftOut))));
    }
}
