package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The {@code hot_terms} and {@code hot_terms_<n>} charts of T/CCPITCSC 111-2022 1.1.4 热搜属性及流行趋势: the top
 * terms by the revenue of the listings that carry them.
 */
final class HotTermsChart {

    /** Terms per hot-terms chart. */
    static final int TOP_TERMS = 10;

    private HotTermsChart() {}

    /** The top terms of the whole market (ALL platforms, marketplaces and categories), when the run has them. */
    static Optional<ReportChart> wholeMarket(ChartKit kit) {
        return build(kit, Scopes.ALL, Tables.HOT_TERMS.name());
    }

    /** One hot-terms chart for each of the (at most six) largest categories: {@code hot_terms_<number>}. */
    static List<ReportChart> all(ChartKit kit) {
        return new ArrayList<>(byCategory(kit).values());
    }

    /** {@link #all(ChartKit)} by category, largest first. */
    static Map<String, ReportChart> byCategory(ChartKit kit) {
        return kit.perCategory(table(kit), (c, n) -> build(kit, c, "hot_terms_" + n));
    }

    /** The {@value #TOP_TERMS} terms of {@code category} with the highest weight in the window, as horizontal bars. */
    static Optional<ReportChart> build(ChartKit kit, String category, String id) {
        Optional<Table> table = table(kit);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String series = kit.moneyLabel("chart.axis.term_weight");
        ChartKit.window(ChartKit.scope(table.get(), category)).stream()
                .filter(r -> ChartKit.num(r, Columns.WEIGHT) != null && !r.isEmpty(Columns.TERM))
                .sorted(Comparator.comparing((Table.Row r) -> -ChartKit.num(r, Columns.WEIGHT)).thenComparing(r -> r.str(Columns.TERM)))
                .limit(TOP_TERMS)
                .forEach(r -> data.addValue(ChartKit.num(r, Columns.WEIGHT), series, r.str(Columns.TERM)));
        if (data.getColumnCount() == 0) {
            return Optional.empty();
        }
        CategoryPlot plot = new CategoryPlot(data, kit.categoryAxis("chart.axis.term"), kit.moneyAxis("chart.axis.term_weight"), ChartKit.singleColour());
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        String title = kit.texts.get("chart.hot_terms.title", kit.categoryName(category));
        return Optional.of(kit.categoryChart(id, title, plot, false, kit.texts.get("chart.scope.window_markets")));
    }

    private static Optional<Table> table(ChartKit kit) {
        return kit.table(Tables.HOT_TERMS.name(), ChartKit.with(ChartKit.SCOPE, Columns.TERM, Columns.WEIGHT));
    }
}
