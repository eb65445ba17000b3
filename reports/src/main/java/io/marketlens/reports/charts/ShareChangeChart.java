package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.tables.Columns;
import io.marketlens.tables.CompetitorType;
import io.marketlens.tables.Tables;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The {@code competitor_share_change_<n>} charts of T/CCPITCSC 111-2022 1.1.5 竞对分析, per category: the competitors
 * whose revenue share moved most between the previous window and this one ({@code competitors}), in percentage
 * points, the emerging ones marked.
 */
final class ShareChangeChart {

    /** Gains, and losses, drawn per chart: the largest of each. */
    static final int TOP_MOVES = 5;

    private ShareChangeChart() {}

    /** One share-change chart for each of the (at most six) largest categories with competitors, by category. */
    static Map<String, ReportChart> byCategory(ChartKit kit) {
        return kit.perCategory(table(kit), (c, n) -> build(kit, c, n));
    }

    /**
     * The {@value #TOP_MOVES} largest gains and the {@value #TOP_MOVES} largest losses of share in the window of
     * {@code category}, as horizontal bars from the largest gain down: gains in the accent colour, losses in red,
     * emerging competitors in the highlight colour and named so in their label (for grey print).
     */
    static Optional<ReportChart> build(ChartKit kit, String category, int number) {
        Optional<Table> table = table(kit);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        List<Table.Row> moved = ChartKit.window(ChartKit.scope(table.get(), category)).stream()
                .filter(r -> ChartKit.num(r, Columns.SHARE_CHANGE) != null && ChartKit.num(r, Columns.SHARE_CHANGE) != 0)
                .sorted(Comparator.comparing((Table.Row r) -> -ChartKit.num(r, Columns.SHARE_CHANGE)).thenComparing(kit::sellerLabel))
                .toList();
        List<Table.Row> shown = new ArrayList<>(moved.stream().filter(r -> ChartKit.num(r, Columns.SHARE_CHANGE) > 0).limit(TOP_MOVES).toList());
        List<Table.Row> losses = moved.stream().filter(r -> ChartKit.num(r, Columns.SHARE_CHANGE) < 0).toList();
        shown.addAll(losses.subList(Math.max(0, losses.size() - TOP_MOVES), losses.size()));
        if (shown.isEmpty()) {
            return Optional.empty();
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String series = kit.texts.get("chart.axis.share_change");
        Set<String> labels = new LinkedHashSet<>();
        List<Paint> paints = new ArrayList<>();
        boolean anyEmerging = false;
        for (Table.Row r : shown) {
            boolean emerging = isEmerging(r);
            anyEmerging |= emerging;
            String label = emerging ? kit.texts.get("chart.share_change.emerging_label", kit.sellerLabel(r)) : kit.sellerLabel(r);
            while (!labels.add(label)) {
                label = label + " ";
            }
            double change = ChartKit.num(r, Columns.SHARE_CHANGE);
            data.addValue(change, series, label);
            paints.add(barPaint(change, emerging));
        }
        ItemPaintBarRenderer bars = new ItemPaintBarRenderer((row, col) -> paints.get(col));
        bars.setMaximumBarWidth(0.6);
        CategoryPlot plot = new CategoryPlot(data, kit.categoryAxis("chart.axis.seller"),
                kit.numberAxis(kit.texts.get("chart.axis.share_change"), TickFormat.decimal(kit.numbers)), bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(kit.swatch(kit.texts.get("chart.series.share_gain"), ChartStyle.ACCENT));
        legend.add(kit.swatch(kit.texts.get("chart.series.share_loss"), ChartStyle.NEGATIVE));
        if (anyEmerging) {
            legend.add(kit.swatch(kit.texts.get("chart.series.emerging"), ChartStyle.HIGHLIGHT));
        }
        plot.setFixedLegendItems(legend);
        return Optional.of(kit.categoryChart("competitor_share_change_" + number,
                kit.texts.get("chart.share_change.title", kit.categoryName(category)), plot, true,
                kit.texts.get("chart.share_change.subtitle")));
    }

    /** Emerging competitors in the highlight colour; other gains in the accent colour, losses in red. */
    static Paint barPaint(double change, boolean emerging) {
        return emerging ? ChartStyle.HIGHLIGHT : change >= 0 ? ChartStyle.ACCENT : ChartStyle.NEGATIVE;
    }

    private static boolean isEmerging(Table.Row r) {
        return r.is(Columns.TYPE, CompetitorType.EMERGING.code());
    }

    private static Optional<Table> table(ChartKit kit) {
        return kit.table(Tables.COMPETITORS.name(), ChartKit.with(ChartKit.PERIOD_SCOPE, Columns.SELLER_ID, Columns.SELLER_PLATFORM,
                Columns.TYPE, Columns.SHARE_CHANGE));
    }
}
