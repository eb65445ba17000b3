package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Tables;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.ui.Layer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The {@code competitor_benchmark_<n>} charts of T/CCPITCSC 111-2022 1.1.5 竞对分析, per category: the own store beside
 * its leading direct competitors ({@code competitor_benchmark}), revenue share and average selling price side by side,
 * the own store's bars highlighted. Without a known own store the table lists the leading sellers, and so does the
 * chart.
 */
final class CompetitorBenchmarkChart {

    private CompetitorBenchmarkChart() {}

    /** One benchmark chart for each of the (at most six) largest categories with benchmark rows, by category. */
    static Map<String, ReportChart> byCategory(ChartKit kit) {
        return kit.perCategory(table(kit), (c, n) -> build(kit, c, n));
    }

    /**
     * The window's benchmark rows of {@code category} in the order of their revenue rank, as two panels of horizontal
     * bars sharing the sellers: revenue share and ASP, with a dashed line at the own store's ASP when it has one
     * seller there. {@code number} names the file: {@code competitor_benchmark_<number>}.
     */
    static Optional<ReportChart> build(ChartKit kit, String category, int number) {
        Optional<Table> table = table(kit);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        List<Table.Row> rows = ChartKit.window(ChartKit.scope(table.get(), category))
                .sorted(Comparator.comparing((Table.Row r) -> rank(r)).thenComparing(r -> -value(r, Columns.REVENUE)));
        DefaultCategoryDataset share = new DefaultCategoryDataset();
        DefaultCategoryDataset asp = new DefaultCategoryDataset();
        String shareKey = kit.texts.get("chart.axis.revenue_share");
        String aspKey = kit.moneyLabel("chart.axis.asp");
        Set<String> labels = new LinkedHashSet<>();
        Set<Integer> own = new TreeSet<>();
        List<Double> ownAsp = new ArrayList<>();
        for (Table.Row r : rows) {
            Double s = ChartKit.num(r, Columns.SHARE);
            Double a = ChartKit.num(r, Columns.ASP);
            if (s == null && a == null) {
                continue;
            }
            boolean isOwn = r.bool(Columns.IS_OWN);
            String label = isOwn ? kit.texts.get("chart.benchmark.own", kit.sellerLabel(r)) : kit.sellerLabel(r);
            while (!labels.add(label)) {
                label = label + " ";   // two sellers printing alike stay two bars
            }
            share.addValue(s, shareKey, label);
            asp.addValue(a, aspKey, label);
            if (isOwn) {
                own.add(share.getColumnIndex(label));
                ownAsp.add(a);
            }
        }
        if (share.getColumnCount() == 0) {
            return Optional.empty();
        }
        NumberAxis aspAxis = kit.moneyAxis("chart.axis.asp");
        CategoryPlot aspPanel = new CategoryPlot(asp, null, aspAxis, bars(own));
        boolean ownAspLine = ownAsp.size() == 1 && ownAsp.get(0) != null;
        if (ownAspLine) {
            aspPanel.addRangeMarker(kit.reference(ownAsp.get(0), 0), Layer.FOREGROUND);
        }
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(kit.categoryAxis("chart.axis.seller"));
        plot.setGap(16);
        plot.add(new CategoryPlot(share, null, kit.percentAxis("chart.axis.revenue_share"), bars(own)), 1);
        plot.add(aspPanel, 1);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        LegendItemCollection legend = new LegendItemCollection();
        if (!own.isEmpty()) {
            legend.add(kit.swatch(kit.texts.get("chart.series.own_store"), ChartStyle.HIGHLIGHT));
            legend.add(kit.swatch(kit.texts.get("chart.series.direct_competitors"), ChartStyle.ACCENT));
        } else {
            legend.add(kit.swatch(kit.texts.get("chart.series.leading_sellers"), ChartStyle.ACCENT));
        }
        if (ownAspLine) {
            legend.add(kit.referenceItem(kit.texts.get("chart.marker.own_asp"), 0));
        }
        plot.setFixedLegendItems(legend);
        String title = kit.texts.get(own.isEmpty() ? "chart.benchmark.title_sellers" : "chart.benchmark.title", kit.categoryName(category));
        return Optional.of(kit.categoryChart("competitor_benchmark_" + number, title, plot, true,
                kit.texts.get("chart.scope.window_markets")));
    }

    /** Bars in the accent colour, the own store's ({@code own} columns) in the highlight colour. */
    static ItemPaintBarRenderer bars(Set<Integer> own) {
        ItemPaintBarRenderer r = new ItemPaintBarRenderer((row, col) -> barPaint(own.contains(col)));
        r.setMaximumBarWidth(0.6);
        return r;
    }

    static Paint barPaint(boolean own) {
        return own ? ChartStyle.HIGHLIGHT : ChartStyle.ACCENT;
    }

    private static double rank(Table.Row r) {
        Double rank = ChartKit.num(r, Columns.RANK);
        return rank == null ? Double.MAX_VALUE : rank;
    }

    private static double value(Table.Row r, String column) {
        Double v = r.table().has(column) ? ChartKit.num(r, column) : null;
        return v == null ? 0 : v;
    }

    private static Optional<Table> table(ChartKit kit) {
        return kit.table(Tables.COMPETITOR_BENCHMARK.name(), ChartKit.with(ChartKit.PERIOD_SCOPE, Columns.SELLER_ID, Columns.SELLER_PLATFORM,
                Columns.IS_OWN, Columns.SHARE, Columns.ASP));
    }
}
