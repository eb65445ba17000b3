package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Section;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Tables;
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

    /** Categories drawn beside the whole market. */
    static final int TOP_CATEGORIES = 5;
    private static final String[] SCOPE = {Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD};

    private final ChartKit kit;

    MarketCharts(ChartKit kit) {
        this.kit = kit;
    }

    /** Monthly revenue of the whole market and of the five largest categories. */
    Optional<ReportChart> marketSize() {
        Optional<Table> table = kit.table(Tables.MARKET_SIZE.name(), ChartKit.with(SCOPE, Columns.REVENUE));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Map<YearMonth, Double> all = ChartKit.monthly(ChartKit.scope(table.get(), Scopes.ALL), Columns.REVENUE);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Map<YearMonth, Double>> lines = new LinkedHashMap<>();
        lines.put(kit.categoryName(Scopes.ALL), all);
        for (String c : kit.categoryRanking().stream().limit(TOP_CATEGORIES).toList()) {
            Map<YearMonth, Double> series = ChartKit.monthly(ChartKit.scope(table.get(), c), Columns.REVENUE);
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
        return Optional.of(kit.chart("market_size_revenue", Section.MARKET_SIZE, title, plot, true, kit.texts.get("chart.scope.all_markets")));
    }

    /** Year-on-year revenue growth of the whole market per month; declines in another colour. */
    Optional<ReportChart> growth() {
        Optional<Table> table = kit.table(Tables.MARKET_SIZE.name(), ChartKit.with(SCOPE, Columns.YOY_GROWTH));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Map<YearMonth, Double> yoy = ChartKit.monthly(ChartKit.scope(table.get(), Scopes.ALL), Columns.YOY_GROWTH);
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
        return Optional.of(kit.chart("market_size_growth", Section.MARKET_SIZE, title, plot, true, kit.texts.get("chart.scope.all_markets")));
    }

    /**
     * The new products' share of revenue and of the product count per month, whole market. Months flagged
     * {@code insufficient_history} are left out (and counted in a subtitle): within the first W months of the data
     * every product looks new, so their shares say nothing about the market.
     */
    Optional<ReportChart> newVsExisting() {
        Optional<Table> table = kit.table(Tables.NEW_VS_EXISTING.name(),
                ChartKit.with(SCOPE, Columns.NEW_PRODUCT_REVENUE_SHARE, Columns.NEW_PRODUCT_COUNT_SHARE, Columns.STATUS));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Table all = ChartKit.scope(table.get(), Scopes.ALL);
        Table usable = all.where(r -> !r.is(Columns.STATUS, Codes.INSUFFICIENT_HISTORY));
        long leftOut = all.stream().filter(r -> r.is(Columns.STATUS, Codes.INSUFFICIENT_HISTORY) && ChartKit.month(r.str(Columns.PERIOD)).isPresent())
                .count();
        Map<YearMonth, Double> revenue = ChartKit.monthly(usable, Columns.NEW_PRODUCT_REVENUE_SHARE);
        Map<YearMonth, Double> count = ChartKit.monthly(usable, Columns.NEW_PRODUCT_COUNT_SHARE);
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
        return Optional.of(leftOut == 0 ? kit.chart(Tables.NEW_VS_EXISTING.name(), Section.NEW_VS_EXISTING, title, plot, true, scope)
                : kit.chart(Tables.NEW_VS_EXISTING.name(), Section.NEW_VS_EXISTING, title, plot, true, scope,
                        kit.texts.get("chart.new_vs_existing.left_out", kit.numbers.integer(leftOut))));
    }
}
