package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Section;
import io.marketlens.tables.Columns;
import java.util.Comparator;
import java.util.Optional;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The {@code logistics_on_time} chart of T/CCPITCSC 111-2022 1.1.9 / 5.13 供应链与物流, from
 * {@code logistics_lanes}: the on-time rate of the busiest lanes.
 */
final class OnTimeChart {

    private OnTimeChart() {}

    /** On-time delivery rate of the busiest lanes, best first, on a 0–100 % axis. */
    static Optional<ReportChart> build(ChartKit kit) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String series = kit.texts.get("chart.axis.on_time_rate");
        kit.lanes(Columns.ON_TIME_RATE).stream()
                .filter(r -> ChartKit.num(r, Columns.ON_TIME_RATE) != null)
                .sorted(Comparator.comparing((Table.Row r) -> -ChartKit.num(r, Columns.ON_TIME_RATE)).thenComparing(kit::laneLabel))
                .forEach(r -> data.addValue(ChartKit.num(r, Columns.ON_TIME_RATE), series, kit.laneLabel(r)));
        if (data.getColumnCount() == 0) {
            return Optional.empty();
        }
        NumberAxis rate = kit.percentAxis("chart.axis.on_time_rate");
        rate.setRange(0, 1);
        CategoryPlot plot = new CategoryPlot(data, kit.categoryAxis("chart.axis.lane"), rate, ChartKit.singleColour());
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        return Optional.of(kit.chart("logistics_on_time", Section.LOGISTICS, kit.texts.get("chart.logistics.on_time.title"), plot, false,
                kit.texts.get("chart.logistics.subtitle", kit.numbers.integer(data.getColumnCount()))));
    }
}
