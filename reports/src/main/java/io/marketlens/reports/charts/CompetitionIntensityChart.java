package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Section;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Tables;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The {@code competition_intensity} chart of T/CCPITCSC 111-2022 1.1.4 竞争强度: the competition-intensity index
 * by category.
 */
final class CompetitionIntensityChart {

    private CompetitionIntensityChart() {}

    /** The competition-intensity index (0–100) of each category in the window, most intense first. */
    static Optional<ReportChart> build(ChartKit kit) {
        Optional<Table> table = kit.table(Tables.COMPETITION_INTENSITY.name(), ChartKit.with(ChartKit.PERIOD_SCOPE, Columns.INDEX));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> values = ChartKit.descending(ChartKit.categories(table.get()).where(Columns.PERIOD, Scopes.WINDOW), Columns.INDEX);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        int total = values.size();
        DefaultCategoryDataset data = ChartKit.bars(kit.texts.get("chart.axis.competition_index"), values);
        NumberAxis axis = kit.numberAxis(kit.texts.get("chart.axis.competition_index"), TickFormat.integer(kit.numbers));
        axis.setRange(0, 100);
        CategoryPlot plot = new CategoryPlot(data, kit.categoryAxis("chart.axis.category"), axis, ChartKit.singleColour());
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        return Optional.of(kit.chart(Tables.COMPETITION_INTENSITY.name(), Section.COMPETITION, kit.texts.get("chart.competition.title"), plot, false,
                kit.barSubtitles(data.getColumnCount(), total)));
    }
}
