package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Section;
import io.marketlens.tables.ClassScale;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Tables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Charts of T/CCPITCSC 111-2022 1.1.4 市场集中度 / 行业集中率 and 竞争强度: the Lorenz curves of seller revenue,
 * the sellers' HHI by category against the concentration thresholds, and the competition-intensity index.
 */
final class CompetitionCharts {

    /** The 2023 Merger Guidelines' tiers (SPEC M7 doj2023_class): moderately from 1000, highly above 1800. */
    static final double HHI_MODERATE = ClassScale.DOJ_2023.tier(Codes.MODERATELY_CONCENTRATED).lowerBound();
    static final double HHI_HIGH = ClassScale.DOJ_2023.tier(Codes.HIGHLY_CONCENTRATED).lowerBound();
    /** Categories beside the whole market on the Lorenz chart. */
    static final int LORENZ_CATEGORIES = 5;
    /** Bars of a by-category chart; more categories than this are cut, and a subtitle says how many. */
    static final int MAX_BARS = 20;
    /** Points of one Lorenz curve; a longer one is thinned evenly (the curve is convex, so chords stay close). */
    static final int MAX_CURVE_POINTS = 400;
    private static final String[] SCOPE = {Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY, Columns.PERIOD};

    private final ChartKit kit;

    CompetitionCharts(ChartKit kit) {
        this.kit = kit;
    }

    /**
     * Lorenz curves of seller revenue in the window for the whole market and the five largest categories: x = the
     * share of sellers counted from the smallest, y = their share of revenue, with the line of perfect equality.
     * From the ranked shares s_1 ≥ … ≥ s_n of {@code concentration_curve}, the smallest k sellers hold
     * 1 − C(n − k), C(j) = s_1 + … + s_j (C(0) = 0), so every curve runs from (0, 0) to (1, 1). A scope whose
     * ranks are not complete (1…n, n = its {@code entities}) is left out.
     */
    Optional<ReportChart> lorenz() {
        Optional<Table> table = kit.table(Tables.CONCENTRATION_CURVE.name(), ChartKit.with(SCOPE, Columns.ENTITY, Columns.RANK, Columns.SHARE));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Table sellers = table.get().where(r -> r.is(Columns.ENTITY, Codes.SELLER) && r.is(Columns.PERIOD, Scopes.WINDOW));
        List<String> scopes = new ArrayList<>();
        scopes.add(Scopes.ALL);
        kit.categoryRanking().stream().limit(LORENZ_CATEGORIES).forEach(scopes::add);
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
        NumberAxis x = kit.percentAxis("chart.axis.cum_sellers");
        NumberAxis y = kit.percentAxis("chart.axis.cum_revenue");
        x.setRange(0, 1);
        y.setRange(0, 1);
        XYPlot plot = new XYPlot(data, x, y, r);
        return Optional.of(kit.chart("concentration_lorenz", Section.CONCENTRATION, kit.texts.get("chart.lorenz.title"), plot, true,
                kit.texts.get("chart.scope.window_markets")));
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

    /** The sellers' HHI of each category in the window, most concentrated first, with the 1000 and 1800 lines. */
    Optional<ReportChart> hhi() {
        Optional<Table> table = kit.table(Tables.CONCENTRATION.name(), ChartKit.with(SCOPE, Columns.ENTITY, Columns.HHI));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Table rows = ChartKit.categories(table.get()).where(r -> r.is(Columns.PERIOD, Scopes.WINDOW) && r.is(Columns.ENTITY, Codes.SELLER));
        Map<String, Double> values = descending(rows, Columns.HHI);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        int total = values.size();
        DefaultCategoryDataset data = bars(kit.texts.get("chart.axis.hhi"), values);
        NumberAxis axis = kit.numberAxis(kit.texts.get("chart.axis.hhi"), TickFormat.integer(kit.numbers));
        double max = values.values().iterator().next();
        axis.setRange(0, Math.min(10_000, Math.max(max, HHI_HIGH) * 1.12));
        CategoryPlot plot = new CategoryPlot(data, kit.categoryAxis("chart.axis.category"), axis, singleColour());
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.addRangeMarker(kit.reference(HHI_MODERATE,
                kit.texts.get("chart.marker.hhi_moderate", kit.numbers.integer(HHI_MODERATE)), PlotOrientation.HORIZONTAL), Layer.FOREGROUND);
        plot.addRangeMarker(kit.reference(HHI_HIGH,
                kit.texts.get("chart.marker.hhi_high", kit.numbers.integer(HHI_HIGH)), PlotOrientation.HORIZONTAL), Layer.FOREGROUND);
        return Optional.of(kit.chart("concentration_hhi", Section.CONCENTRATION, kit.texts.get("chart.hhi.title"), plot, false,
                subtitles(data.getColumnCount(), total)));
    }

    /** The competition-intensity index (0–100) of each category in the window, most intense first. */
    Optional<ReportChart> competitionIntensity() {
        Optional<Table> table = kit.table(Tables.COMPETITION_INTENSITY.name(), ChartKit.with(SCOPE, Columns.INDEX));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> values = descending(ChartKit.categories(table.get()).where(Columns.PERIOD, Scopes.WINDOW), Columns.INDEX);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        int total = values.size();
        DefaultCategoryDataset data = bars(kit.texts.get("chart.axis.competition_index"), values);
        NumberAxis axis = kit.numberAxis(kit.texts.get("chart.axis.competition_index"), TickFormat.integer(kit.numbers));
        axis.setRange(0, 100);
        CategoryPlot plot = new CategoryPlot(data, kit.categoryAxis("chart.axis.category"), axis, singleColour());
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        return Optional.of(kit.chart(Tables.COMPETITION_INTENSITY.name(), Section.COMPETITION, kit.texts.get("chart.competition.title"), plot, false,
                subtitles(data.getColumnCount(), total)));
    }

    /** Category → value, largest first (ties by name), rows without a value left out. */
    static Map<String, Double> descending(Table rows, String column) {
        Map<String, Double> v = new LinkedHashMap<>();
        rows.stream()
                .filter(r -> ChartKit.num(r, column) != null)
                .sorted(Comparator.comparing((Table.Row r) -> -ChartKit.num(r, column)).thenComparing(r -> r.str(Columns.CATEGORY)))
                .forEach(r -> v.putIfAbsent(r.str(Columns.CATEGORY), ChartKit.num(r, column)));
        return v;
    }

    /** One series of at most {@value #MAX_BARS} bars in the map's order. */
    static DefaultCategoryDataset bars(String series, Map<String, Double> values) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        values.entrySet().stream().limit(MAX_BARS).forEach(e -> data.addValue(e.getValue(), series, e.getKey()));
        return data;
    }

    private ItemPaintBarRenderer singleColour() {
        ItemPaintBarRenderer r = new ItemPaintBarRenderer((row, col) -> ChartStyle.ACCENT);
        r.setMaximumBarWidth(0.08);
        return r;
    }

    private String[] subtitles(int shown, int total) {
        String scope = kit.texts.get("chart.scope.window_markets");
        return shown < total ? new String[]{scope, kit.texts.get("chart.bars.cut", kit.numbers.integer(shown), kit.numbers.integer(total))} : new String[]{scope};
    }
}
