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
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;

/**
 * The {@code product_selection} chart of T/CCPITCSC 111-2022 1.1.8 选品分析: each ranked category's opportunity score
 * against how robust its place is to the weights, so that a high score that a small change of weights would undo
 * stands out.
 */
final class SelectionChart {

    /** Characters of a point's label. */
    static final int MAX_LABEL = 26;
    /** Above this many points some labels may find no free place; the subtitle then says where the others are. */
    static final int CROWDED = 10;

    private SelectionChart() {}

    /**
     * Score (x) against rank stability (y) of the ranked categories over all platforms and marketplaces in the window,
     * each point labelled "#rank category" (the category's last level when that is unique) where there is room, best
     * rank first, the top pick in the
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
        List<ChartKit.Point> points = new ArrayList<>();
        double lowest = 1;
        for (Table.Row r : ranked) {
            double score = ChartKit.num(r, Columns.SCORE);
            double stability = ChartKit.num(r, Columns.RANK_STABILITY);
            String category = r.str(Columns.CATEGORY);
            String name = leaves.get(ChartKit.leaf(category)) == 1 ? ChartKit.leaf(category) : category;
            points.add(new ChartKit.Point(score, stability, ChartKit.num(r, Columns.RANK) == 1, kit.rankedLabel(r, ChartKit.shorten(name, MAX_LABEL))));
            lowest = Math.min(lowest, stability);
        }
        NumberAxis x = kit.numberAxis(kit.texts.get("chart.axis.selection_score"), TickFormat.decimal(kit.numbers));
        x.setAutoRangeIncludesZero(false);
        x.setLowerMargin(0.2);
        x.setUpperMargin(0.2);
        NumberAxis y = kit.percentAxis("chart.axis.rank_stability");
        // room for the close-call line and for labels above the points at 100 %
        y.setRange(Math.max(0, Math.min(KeyFindings.CLOSE_CALL - 0.1, Math.floor(lowest * 10) / 10 - 0.1)), 1.08);
        XYPlot plot = kit.labelledScatter(points, x, y, kit.texts.get("chart.series.top_pick"), kit.texts.get("chart.series.candidates"));
        plot.addRangeMarker(kit.reference(KeyFindings.CLOSE_CALL, 0), Layer.FOREGROUND);
        LegendItemCollection legend = plot.getFixedLegendItems();
        legend.add(kit.referenceItem(kit.texts.get("chart.marker.close_call", kit.numbers.percent(KeyFindings.CLOSE_CALL, 0)), 0));
        plot.setFixedLegendItems(legend);
        long unscored = candidates.stream().map(r -> r.str(Columns.CATEGORY)).distinct().count() - ranked.size();
        List<String> subtitles = new ArrayList<>();
        subtitles.add(kit.texts.get("chart.scope.window_markets"));
        if (unscored > 0) {
            subtitles.add(kit.texts.get("chart.selection.unscored", kit.numbers.integer(unscored)));
        }
        if (ranked.size() > CROWDED) {
            subtitles.add(kit.texts.get("chart.selection.labels"));
        }
        return Optional.of(kit.chart(Tables.PRODUCT_SELECTION.name(), Section.PRODUCT_SELECTION, kit.texts.get("chart.selection.title"), plot,
                true, subtitles.toArray(String[]::new)));
    }
}
