package io.marketlens.reports.charts;

import io.marketlens.reports.text.Section;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.data.category.DefaultCategoryDataset;

/** The {@code market_size_growth} chart of T/CCPITCSC 111-2022 1.1.1 市场容量: the market's year-on-year growth. */
final class GrowthChart {

    private GrowthChart() {}

    /** Year-on-year revenue growth of the whole market per month; declines in another colour. */
    static Optional<ReportChart> build(ChartKit kit) {
        Map<YearMonth, Double> yoy = kit.marketSizeMonthly(Scopes.ALL, Columns.YOY_GROWTH);
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
}
