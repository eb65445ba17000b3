package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Section;
import io.marketlens.tables.ClassScale;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Tables;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.ui.Layer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The {@code concentration_hhi} chart of T/CCPITCSC 111-2022 1.1.4 市场集中度 / 行业集中率: the sellers' HHI by
 * category against the concentration thresholds.
 */
final class HhiChart {

    /** The 2023 Merger Guidelines' tiers (SPEC M7 doj2023_class): moderately from 1000, highly above 1800. */
    static final double HHI_MODERATE = ClassScale.DOJ_2023.tier(Codes.MODERATELY_CONCENTRATED).lowerBound();
    static final double HHI_HIGH = ClassScale.DOJ_2023.tier(Codes.HIGHLY_CONCENTRATED).lowerBound();

    private HhiChart() {}

    /** The sellers' HHI of each category in the window, most concentrated first, with the 1000 and 1800 lines. */
    static Optional<ReportChart> build(ChartKit kit) {
        Optional<Table> table = kit.table(Tables.CONCENTRATION.name(), ChartKit.with(ChartKit.PERIOD_SCOPE, Columns.ENTITY, Columns.HHI));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Table rows = ChartKit.categories(table.get()).where(r -> r.is(Columns.PERIOD, Scopes.WINDOW) && r.is(Columns.ENTITY, Codes.SELLER));
        Map<String, Double> values = ChartKit.descending(rows, Columns.HHI);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        int total = values.size();
        DefaultCategoryDataset data = ChartKit.bars(kit.texts.get("chart.axis.hhi"), values);
        NumberAxis axis = kit.numberAxis(kit.texts.get("chart.axis.hhi"), TickFormat.integer(kit.numbers));
        double max = values.values().iterator().next();
        axis.setRange(0, Math.min(10_000, Math.max(max, HHI_HIGH) * 1.12));
        CategoryPlot plot = new CategoryPlot(data, kit.categoryAxis("chart.axis.category"), axis, ChartKit.singleColour());
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.addRangeMarker(kit.reference(HHI_MODERATE, 0), Layer.FOREGROUND);
        plot.addRangeMarker(kit.reference(HHI_HIGH, 1), Layer.FOREGROUND);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(kit.referenceItem(kit.texts.get("chart.marker.hhi_moderate", kit.numbers.integer(HHI_MODERATE)), 0));
        legend.add(kit.referenceItem(kit.texts.get("chart.marker.hhi_high", kit.numbers.integer(HHI_HIGH)), 1));
        plot.setFixedLegendItems(legend);
        return Optional.of(kit.chart("concentration_hhi", Section.CONCENTRATION, kit.texts.get("chart.hhi.title"), plot, true,
                kit.barSubtitles(data.getColumnCount(), total)));
    }
}
