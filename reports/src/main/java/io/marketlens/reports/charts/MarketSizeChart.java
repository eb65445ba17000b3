package io.marketlens.reports.charts;

import io.marketlens.reports.text.Section;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The {@code market_size_revenue} chart of T/CCPITCSC 111-2022 1.1.1 市场容量: monthly revenue of the whole market
 * and of its five largest categories.
 */
final class MarketSizeChart {

    /** Categories drawn beside the whole market. */
    static final int TOP_CATEGORIES = 5;

    private MarketSizeChart() {}

    /** Monthly revenue of the whole market and of the five largest categories. */
    static Optional<ReportChart> build(ChartKit kit) {
        Map<YearMonth, Double> all = kit.marketSizeMonthly(Scopes.ALL, Columns.REVENUE);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Map<YearMonth, Double>> lines = new LinkedHashMap<>();
        lines.put(kit.categoryName(Scopes.ALL), all);
        for (String c : kit.categoryRanking().stream().limit(TOP_CATEGORIES).toList()) {
            Map<YearMonth, Double> series = kit.marketSizeMonthly(c, Columns.REVENUE);
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
}
