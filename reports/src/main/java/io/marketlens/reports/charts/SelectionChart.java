package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.reports.findings.KeyFindings;
import io.marketlens.reports.text.Section;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The {@code product_selection} chart of T/CCPITCSC 111-2022 1.1.8 选品分析: each ranked category's opportunity score
 * against how robust its place is to the weights, so that a high score that a small change of weights would undo
 * stands out.
 */
final class SelectionChart {

    /** Characters of a point's label. */
    static final int MAX_LABEL = 26;

    private SelectionChart() {}

    /**
     * Score (x) against rank stability (y) of the ranked categories over all platforms and marketplaces in the window,
     * each point labelled "#rank category" (the category's last level when that is unique), the top pick in the
     * highlight colour, with the close-call line; low-volume categories (no score) are counted in the subtitle.
     */
    static Optional<ReportChart> build(ChartKit kit) {
        Optional<Table> table = kit.table(Tables.PRODUCT_SELECTION.name(),
                ChartKit.with(ChartKit.PERIOD_SCOPE, Columns.RANK, Columns.SCORE, Columns.RANK_STABILITY));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Table candidates = ChartKit.window(ChartKit.categories(table.get()));
        List<Table.Row> ranked = candidates.stream()
                .filter(r -> ChartKit.num(r, Columns.RANK) != null && ChartKit.num(r, Columns.SCORE) != null
                        && ChartKit.num(r, Columns.RANK_STABILITY) != null)
                .sorted(Comparator.comparing((Table.Row r) -> ChartKit.num(r, Columns.RANK)).thenComparing(r -> r.str(Columns.CATEGORY)))
                .toList();
        if (ranked.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> leaves = ranked.stream().map(r -> ChartKit.leaf(r.str(Columns.CATEGORY)))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        XYSeries top = new XYSeries(kit.texts.get("chart.series.top_pick"), false, true);
        XYSeries others = new XYSeries(kit.texts.get("chart.series.candidates"), false, true);
        List<PointLabels.Label> labels = new ArrayList<>();
        double lowest = 1;
        for (Table.Row r : ranked) {
            double score = ChartKit.num(r, Columns.SCORE);
            double stability = ChartKit.num(r, Columns.RANK_STABILITY);
            (ChartKit.num(r, Columns.RANK) == 1 ? top : others).add(score, stability);
            String category = r.str(Columns.CATEGORY);
            String name = leaves.get(ChartKit.leaf(category)) == 1 ? ChartKit.leaf(category) : category;
            labels.add(new PointLabels.Label(score, stability, kit.texts.get("chart.selection.label",
                    kit.numbers.integer(ChartKit.num(r, Columns.RANK)), ChartKit.shorten(name, MAX_LABEL))));
            lowest = Math.min(lowest, stability);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(top);
        data.addSeries(others);
        XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
        points.setSeriesPaint(0, ChartStyle.HIGHLIGHT);
        points.setSeriesPaint(1, ChartStyle.ACCENT);
        points.setSeriesShape(0, kit.style.dot(11));
        points.setSeriesShape(1, kit.style.dot(8));
        NumberAxis x = kit.numberAxis(kit.texts.get("chart.axis.selection_score"), TickFormat.decimal(kit.numbers));
        x.setAutoRangeIncludesZero(false);
        x.setLowerMargin(0.2);
        x.setUpperMargin(0.2);
        NumberAxis y = kit.percentAxis("chart.axis.rank_stability");
        // room for the close-call line and for labels above the points at 100 %
        y.setRange(Math.max(0, Math.min(KeyFindings.CLOSE_CALL - 0.1, Math.floor(lowest * 10) / 10 - 0.1)), 1.08);
        XYPlot plot = new XYPlot(data, x, y, points);
        plot.addRangeMarker(kit.reference(KeyFindings.CLOSE_CALL,
                kit.texts.get("chart.marker.close_call", kit.numbers.percent(KeyFindings.CLOSE_CALL, 0)), PlotOrientation.VERTICAL),
                Layer.FOREGROUND);
        plot.addAnnotation(new PointLabels(labels, kit.style.smallFont(), java.awt.Color.DARK_GRAY, kit.style.referencePaint()));
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(kit.swatch(top.getKey().toString(), ChartStyle.HIGHLIGHT));
        if (others.getItemCount() > 0) {
            legend.add(kit.swatch(others.getKey().toString(), ChartStyle.ACCENT));
        }
        plot.setFixedLegendItems(legend);
        long unscored = candidates.stream().map(r -> r.str(Columns.CATEGORY)).distinct().count() - ranked.size();
        List<String> subtitles = new ArrayList<>();
        subtitles.add(kit.texts.get("chart.scope.window_markets"));
        if (unscored > 0) {
            subtitles.add(kit.texts.get("chart.selection.unscored", kit.numbers.integer(unscored)));
        }
        return Optional.of(kit.chart(Tables.PRODUCT_SELECTION.name(), Section.PRODUCT_SELECTION, kit.texts.get("chart.selection.title"), plot,
                true, subtitles.toArray(String[]::new)));
    }
}
