package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Section;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Tables;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;

/** The {@code new_vs_existing} chart of T/CCPITCSC 111-2022 1.1.4 增量与存量: the new products' shares per month. */
final class NewVsExistingChart {

    private NewVsExistingChart() {}

    /**
     * The new products' share of revenue and of the product count per month, whole market. Months flagged
     * {@code insufficient_history} are left out (and counted in a subtitle): within the first W months of the data
     * every product looks new, so their shares say nothing about the market.
     */
    static Optional<ReportChart> build(ChartKit kit) {
        Optional<Table> table = kit.table(Tables.NEW_VS_EXISTING.name(),
                ChartKit.with(ChartKit.PERIOD_SCOPE, Columns.NEW_PRODUCT_REVENUE_SHARE, Columns.NEW_PRODUCT_COUNT_SHARE, Columns.STATUS));
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
