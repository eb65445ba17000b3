package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Section;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Tables;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Charts of T/CCPITCSC 111-2022 1.1.9 / 5.13 供应链与物流 from {@code logistics_lanes}: lead time and on-time rate
 * of the busiest lanes (carrier × service × destination country, all regions, whole window).
 */
final class LogisticsCharts {

    /** Lanes drawn, the busiest by shipments. */
    static final int TOP_LANES = 12;
    private static final String[] LANE = {Columns.CARRIER, Columns.SERVICE, Columns.DESTINATION_COUNTRY, Columns.DESTINATION_REGION, Columns.PERIOD, Columns.SHIPMENTS};

    private final ChartKit kit;

    LogisticsCharts(ChartKit kit) {
        this.kit = kit;
    }

    /**
     * Lead time of the busiest lanes as horizontal bars: a dark bar to the median (p50) continued by a light bar to
     * p90, so the light part is the spread of the slowest deliveries. Lanes without a p50 are left out; a lane
     * without a p90 has no light part.
     */
    Optional<ReportChart> leadTime() {
        List<Table.Row> lanes = lanes(Columns.LEAD_TIME_P50, Columns.LEAD_TIME_P90);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String p50 = kit.texts.get("chart.series.lead_time_p50");
        String p90 = kit.texts.get("chart.series.lead_time_p90");
        for (Table.Row r : lanes) {
            Double median = ChartKit.num(r, Columns.LEAD_TIME_P50);
            if (median == null) {
                continue;
            }
            Double slow = ChartKit.num(r, Columns.LEAD_TIME_P90);
            String label = laneLabel(r);
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

    /** On-time delivery rate of the busiest lanes, best first, on a 0–100 % axis. */
    Optional<ReportChart> onTime() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String series = kit.texts.get("chart.axis.on_time_rate");
        lanes(Columns.ON_TIME_RATE).stream()
                .filter(r -> ChartKit.num(r, Columns.ON_TIME_RATE) != null)
                .sorted(Comparator.comparing((Table.Row r) -> -ChartKit.num(r, Columns.ON_TIME_RATE)).thenComparing(this::laneLabel))
                .forEach(r -> data.addValue(ChartKit.num(r, Columns.ON_TIME_RATE), series, laneLabel(r)));
        if (data.getColumnCount() == 0) {
            return Optional.empty();
        }
        ItemPaintBarRenderer bars = new ItemPaintBarRenderer((row, col) -> ChartStyle.ACCENT);
        bars.setMaximumBarWidth(0.08);
        NumberAxis rate = kit.percentAxis("chart.axis.on_time_rate");
        rate.setRange(0, 1);
        CategoryPlot plot = new CategoryPlot(data, kit.categoryAxis("chart.axis.lane"), rate, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        return Optional.of(kit.chart("logistics_on_time", Section.LOGISTICS, kit.texts.get("chart.logistics.on_time.title"), plot, false,
                kit.texts.get("chart.logistics.subtitle", kit.numbers.integer(data.getColumnCount()))));
    }

    /**
     * The {@value #TOP_LANES} busiest lanes of the window (most shipments first, ties by label): rows rolled up
     * over destination regions whose carrier, service and country are all single values (the all-lanes row and any
     * other roll-up are not lanes).
     */
    private List<Table.Row> lanes(String... columns) {
        Optional<Table> table = kit.table(Tables.LOGISTICS_LANES.name(), ChartKit.with(LANE, columns));
        if (table.isEmpty()) {
            return List.of();
        }
        return table.get().where(r -> r.is(Columns.PERIOD, Scopes.WINDOW) && r.is(Columns.DESTINATION_REGION, Scopes.ALL)
                        && !r.is(Columns.CARRIER, Scopes.ALL) && !r.is(Columns.SERVICE, Scopes.ALL)
                        && !r.is(Columns.DESTINATION_COUNTRY, Scopes.ALL))
                .stream()
                .filter(r -> ChartKit.num(r, Columns.SHIPMENTS) != null)
                .sorted(Comparator.comparing((Table.Row r) -> -ChartKit.num(r, Columns.SHIPMENTS)).thenComparing(this::laneLabel))
                .limit(TOP_LANES)
                .toList();
    }

    /** "carrier service → country". */
    String laneLabel(Table.Row r) {
        return kit.texts.get("chart.lane.label", r.str(Columns.CARRIER), r.str(Columns.SERVICE), r.str(Columns.DESTINATION_COUNTRY));
    }
}
