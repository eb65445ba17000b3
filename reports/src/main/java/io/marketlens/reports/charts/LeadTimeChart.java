package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Section;
import io.marketlens.tables.Columns;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The {@code logistics_lead_time} chart of T/CCPITCSC 111-2022 1.1.9 / 5.13 供应链与物流, from
 * {@code logistics_lanes}: the lead time of the busiest lanes.
 */
final class LeadTimeChart {

    private LeadTimeChart() {}

    /**
     * Lead time of the busiest lanes as horizontal bars: a dark bar to the median (p50) continued by a light bar to
     * p90, so the light part is the spread of the slowest deliveries. Lanes without a p50 are left out; a lane
     * without a p90 has no light part.
     */
    static Optional<ReportChart> build(ChartKit kit) {
        List<Table.Row> lanes = kit.lanes(Columns.LEAD_TIME_P50, Columns.LEAD_TIME_P90);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String p50 = kit.texts.get("chart.series.lead_time_p50");
        String p90 = kit.texts.get("chart.series.lead_time_p90");
        for (Table.Row r : lanes) {
            Double median = ChartKit.num(r, Columns.LEAD_TIME_P50);
            if (median == null) {
                continue;
            }
            Double slow = ChartKit.num(r, Columns.LEAD_TIME_P90);
            String label = kit.laneLabel(r);
            data.addValue(median, p50, label);
            data.addValue(slow == null ? 0.0 : Math.max(0, slow - median), p90, label);
        }
        if (data.getColumnCount() == 0) {
            return Optional.empty();
        }
        StackedBarRenderer bars = new StackedBarRenderer();
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, ChartStyle.ACCENT);
        bars.setSeriesPaint(1, ChartStyle.LIGHT);
        bars.setMaximumBarWidth(0.08);
        NumberAxis days = kit.numberAxis(kit.texts.get("chart.axis.lead_time_days"), TickFormat.decimal(kit.numbers));
        CategoryPlot plot = new CategoryPlot(data, kit.categoryAxis("chart.axis.lane"), days, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(kit.swatch(p50, ChartStyle.ACCENT));
        legend.add(kit.swatch(p90, ChartStyle.LIGHT));
        plot.setFixedLegendItems(legend);
        return Optional.of(kit.chart("logistics_lead_time", Section.LOGISTICS, kit.texts.get("chart.logistics.lead_time.title"), plot, true,
                kit.texts.get("chart.logistics.subtitle", kit.numbers.integer(data.getColumnCount()))));
    }
}
