package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Section;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The {@code concentration_lorenz} chart of T/CCPITCSC 111-2022 1.1.4 市场集中度 / 行业集中率: the Lorenz curves
 * of seller revenue.
 */
final class LorenzChart {

    /** Points of one Lorenz curve; a longer one is thinned evenly (the curve is convex, so chords stay close). */
    static final int MAX_CURVE_POINTS = 400;

    private LorenzChart() {}

    /**
     * Lorenz curves of seller revenue in the window for the whole market and the (at most {@value ChartKit#MAX_CATEGORIES})
     * largest categories, as in every per-category chart of the report, a subtitle saying so when there are more: x = the
     * share of sellers counted from the smallest, y = their share of revenue, with the line of perfect equality.
     * From the ranked shares s_1 ≥ … ≥ s_n of {@code concentration_curve}, the smallest k sellers hold
     * 1 − C(n − k), C(j) = s_1 + … + s_j (C(0) = 0), so every curve runs from (0, 0) to (1, 1). A scope whose
     * ranks are not complete (1…n, n = its {@code entities}) is left out.
     */
    static Optional<ReportChart> build(ChartKit kit) {
        Optional<Table> table = kit.table(Tables.CONCENTRATION_CURVE.name(), ChartKit.with(ChartKit.PERIOD_SCOPE, Columns.ENTITY, Columns.RANK, Columns.SHARE));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Table sellers = table.get().where(r -> r.is(Columns.ENTITY, Codes.SELLER) && r.is(Columns.PERIOD, Scopes.WINDOW));
        List<String> scopes = new ArrayList<>();
        scopes.add(Scopes.ALL);
        kit.categoryRanking().stream().limit(ChartKit.MAX_CATEGORIES).forEach(scopes::add);
        XYSeriesCollection data = new XYSeriesCollection();
        for (String c : scopes) {
            lorenzCurve(kit.categoryName(c), ChartKit.scope(sellers, c)).ifPresent(s -> {
                if (data.getSeriesIndex(s.getKey()) < 0) {
                    data.addSeries(s);
                }
            });
        }
        if (data.getSeriesCount() == 0) {
            return Optional.empty();
        }
        int curves = data.getSeriesCount();
        XYSeries equality = new XYSeries(kit.texts.get("chart.series.equality"), false, false);
        equality.add(0, 0);
        equality.add(1, 1);
        data.addSeries(equality);
        XYLineAndShapeRenderer r = kit.lineRenderer(curves);
        r.setSeriesPaint(curves, kit.style.referencePaint());
        r.setSeriesStroke(curves, kit.style.referenceLine());
        r.setSeriesShapesVisible(curves, false);
        NumberAxis x = kit.percentAxis("chart.axis.cum_sellers");
        NumberAxis y = kit.percentAxis("chart.axis.cum_revenue");
        x.setRange(0, 1);
        y.setRange(0, 1);
        XYPlot plot = new XYPlot(data, x, y, r);
        return Optional.of(kit.chart("concentration_lorenz", Section.CONCENTRATION, kit.texts.get("chart.lorenz.title"), plot, true,
                kit.categoriesSubtitles(kit.texts.get("chart.scope.window_markets"))));
    }

    static Optional<XYSeries> lorenzCurve(String key, Table scope) {
        Map<Long, Double> byRank = new java.util.TreeMap<>();
        Long entities = null;
        for (Table.Row row : scope.rows()) {
            Double rank = ChartKit.num(row, Columns.RANK);
            Double share = ChartKit.num(row, Columns.SHARE);
            if (rank == null || share == null) {
                return Optional.empty();
            }
            byRank.put(Math.round(rank), share);
            Double e = row.table().has(Columns.ENTITIES) ? ChartKit.num(row, Columns.ENTITIES) : null;
            entities = e == null ? entities : Long.valueOf(Math.round(e));
        }
        int n = byRank.size();
        if (n == 0 || !byRank.keySet().equals(ranks(n)) || (entities != null && entities != n)) {
            return Optional.empty();
        }
        double[] top = new double[n + 1];     // top[j] = C(j), the share of the j largest
        int j = 0;
        for (double s : byRank.values()) {
            j++;
            top[j] = top[j - 1] + s;
        }
        XYSeries s = new XYSeries(key, false, false);
        s.add(0.0, 0.0);
        int step = Math.max(1, (int) Math.ceil(n / (double) MAX_CURVE_POINTS));
        for (int k = 1; k <= n; k++) {
            if (k % step == 0 || k == n) {
                s.add(k / (double) n, k == n ? 1.0 : 1 - top[n - k]);
            }
        }
        return Optional.of(s);
    }

    private static java.util.Set<Long> ranks(int n) {
        java.util.Set<Long> out = new java.util.TreeSet<>();
        for (long i = 1; i <= n; i++) {
            out.add(i);
        }
        return out;
    }
}
