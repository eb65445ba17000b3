package io.marketlens.reports.charts;

import io.marketlens.reports.data.Table;
import io.marketlens.reports.text.Section;
import io.marketlens.tables.Codes;
import io.marketlens.tables.Columns;
import io.marketlens.tables.Scopes;
import io.marketlens.tables.Season;
import io.marketlens.tables.Tables;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Charts of T/CCPITCSC 111-2022 1.1.4 淡旺季 and 数据拐点 and 1.1.3 市场预测, all for the whole market
 * (ALL platforms, marketplaces and categories): seasonal indices, turning and change points, the forecast.
 */
final class TimeSeriesCharts {

    /** Months of actual revenue drawn before the forecast. */
    static final int HISTORY_MONTHS = 24;
    private static final String[] SCOPE = {Columns.PLATFORM, Columns.MARKETPLACE, Columns.CATEGORY};

    private final ChartKit kit;

    TimeSeriesCharts(ChartKit kit) {
        this.kit = kit;
    }

    /**
     * The twelve seasonal indices as bars coloured by the table's own {@code season}, with the peak and off-season
     * thresholds as reference lines. Nothing when the whole market is flagged {@code insufficient_history} or a
     * month lacks its index.
     */
    Optional<ReportChart> seasonality() {
        Optional<Table> table = kit.table(Tables.SEASONALITY.name(), ChartKit.with(SCOPE, Columns.MONTH, Columns.SEASONAL_INDEX, Columns.SEASON, Columns.STATUS));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Table all = ChartKit.scope(table.get(), Scopes.ALL);
        if (all.stream().anyMatch(r -> r.is(Columns.STATUS, Codes.INSUFFICIENT_HISTORY))) {
            return Optional.empty();
        }
        Map<Integer, Double> index = new TreeMap<>();
        Map<Integer, String> season = new TreeMap<>();
        for (Table.Row r : all.rows()) {
            Double m = ChartKit.num(r, Columns.MONTH);
            Double v = ChartKit.num(r, Columns.SEASONAL_INDEX);
            if (m != null && v != null && m >= 1 && m <= 12 && m == Math.rint(m)) {
                index.put(m.intValue(), v);
                season.put(m.intValue(), r.str(Columns.SEASON));
            }
        }
        if (index.size() != 12) {
            return Optional.empty();
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String series = kit.texts.get("chart.axis.seasonal_index");
        index.forEach((m, v) -> data.addValue(v, series, kit.texts.get("chart.month." + m)));
        List<String> seasons = new ArrayList<>(season.values());
        ItemPaintBarRenderer bars = new ItemPaintBarRenderer((row, col) -> seasonPaint(seasons.get(col)));
        NumberAxis axis = kit.numberAxis(kit.texts.get("chart.axis.seasonal_index"), TickFormat.decimal(kit.numbers));
        double max = index.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        // the thresholds the run classified the months with (SPEC M5 defaults 1.10 and 0.90)
        double peak = kit.run.configNumber(Season.PEAK_THRESHOLD_KEY, Season.DEFAULT_PEAK);
        double off = kit.run.configNumber(Season.OFF_THRESHOLD_KEY, Season.DEFAULT_OFF);
        axis.setRange(0, Math.max(max, peak) * 1.1);
        CategoryPlot plot = new CategoryPlot(data, kit.categoryAxis("chart.axis.calendar_month"), axis, bars);
        plot.addRangeMarker(kit.reference(peak,
                kit.texts.get("chart.marker.peak_threshold", kit.numbers.decimal(peak, 2)), PlotOrientation.VERTICAL), Layer.FOREGROUND);
        plot.addRangeMarker(kit.reference(off,
                kit.texts.get("chart.marker.off_threshold", kit.numbers.decimal(off, 2)), PlotOrientation.VERTICAL), Layer.FOREGROUND);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(kit.swatch(kit.texts.get("chart.season.peak"), seasonPaint(Season.PEAK.code())));
        legend.add(kit.swatch(kit.texts.get("chart.season.normal"), seasonPaint(Season.NORMAL.code())));
        legend.add(kit.swatch(kit.texts.get("chart.season.off"), seasonPaint(Season.OFF.code())));
        plot.setFixedLegendItems(legend);
        return Optional.of(kit.chart(Tables.SEASONALITY.name(), Section.SEASONALITY, kit.texts.get("chart.seasonality.title"), plot, true,
                kit.texts.get("chart.scope.all_markets")));
    }

    /** Peak: dark brick red; off season: light blue; normal: grey — three lightness levels for grey print. */
    static Paint seasonPaint(String season) {
        if (Season.PEAK.code().equals(season)) {
            return ChartStyle.NEGATIVE;
        }
        return Season.OFF.code().equals(season) ? ChartStyle.LIGHT : ChartStyle.NEUTRAL;
    }

    /**
     * The whole market's monthly revenue with its turning points (peaks ▲, troughs ▼, drawn on the revenue line)
     * and its change points (vertical lines labelled with the change of level). Nothing without the revenue line
     * or when the run wrote neither points table; a subtitle says so when both tables hold no point for the market.
     */
    Optional<ReportChart> turningPoints() {
        Optional<Table> sizes = kit.table(Tables.MARKET_SIZE.name(), ChartKit.with(SCOPE, Columns.PERIOD, Columns.REVENUE));
        Optional<Table> turning = kit.run.table(Tables.TURNING_POINTS.name()).filter(t -> hasAll(t, Columns.PERIOD, Columns.KIND));
        Optional<Table> change = kit.run.table(Tables.CHANGE_POINTS.name()).filter(t -> hasAll(t, Columns.PERIOD));
        if (sizes.isEmpty() || (turning.isEmpty() && change.isEmpty())) {
            return Optional.empty();
        }
        NavigableMap<YearMonth, Double> revenue = ChartKit.monthly(ChartKit.scope(sizes.get(), Scopes.ALL), Columns.REVENUE);
        if (revenue.isEmpty()) {
            return Optional.empty();
        }
        XYSeries peaks = new XYSeries(kit.texts.get("chart.series.peak"), true, false);
        XYSeries troughs = new XYSeries(kit.texts.get("chart.series.trough"), true, false);
        for (Table.Row r : turning.map(t -> ChartKit.scope(t, Scopes.ALL).rows()).orElse(List.of())) {
            Optional<YearMonth> m = ChartKit.month(r.str(Columns.PERIOD));
            // on the revenue line; the table's level is of the smoothed, deseasonalised series and would float off it
            Double y = m.map(revenue::get).orElse(r.table().has(Columns.LEVEL) ? ChartKit.num(r, Columns.LEVEL) : null);
            if (m.isPresent() && y != null) {
                (r.is(Columns.KIND, Season.PEAK.code()) ? peaks : troughs).add(ChartKit.x(m.get()), y);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(ChartKit.xySeries(kit.texts.get("chart.axis.revenue"), revenue));
        data.addSeries(peaks);
        data.addSeries(troughs);
        XYLineAndShapeRenderer r = kit.lineRenderer(1);
        r.setSeriesLinesVisible(1, false);
        r.setSeriesLinesVisible(2, false);
        r.setSeriesShapesVisible(1, true);
        r.setSeriesShapesVisible(2, true);
        r.setSeriesShape(1, triangle(true));
        r.setSeriesShape(2, triangle(false));
        r.setSeriesPaint(1, ChartStyle.NEGATIVE);
        r.setSeriesPaint(2, ChartStyle.HIGHLIGHT);
        XYPlot plot = new XYPlot(data, kit.monthAxis(), kit.moneyAxis("chart.axis.revenue"), r);
        int shifts = 0;
        double middle = (ChartKit.x(revenue.firstKey()) + ChartKit.x(revenue.lastKey())) / 2;
        for (Table.Row c : change.map(t -> ChartKit.scope(t, Scopes.ALL).rows()).orElse(List.of())) {
            Optional<YearMonth> m = ChartKit.month(c.str(Columns.PERIOD));
            if (m.isPresent()) {
                double x = ChartKit.x(m.get());
                plot.addDomainMarker(changeMarker(x, change(c), x > middle), Layer.FOREGROUND);
                shifts++;
            }
        }
        String title = kit.texts.get("chart.turning_points.title");
        String scope = kit.texts.get("chart.scope.all_markets");
        return Optional.of(peaks.isEmpty() && troughs.isEmpty() && shifts == 0
                ? kit.chart(Tables.TURNING_POINTS.name(), Section.POINTS, title, plot, true, scope, kit.texts.get("chart.turning_points.none"))
                : kit.chart(Tables.TURNING_POINTS.name(), Section.POINTS, title, plot, true, scope));
    }

    /** The change of level at a change point: the table's {@code change}, else level_after ÷ level_before − 1. */
    static Double change(Table.Row c) {
        Double given = c.table().has(Columns.CHANGE) ? ChartKit.num(c, Columns.CHANGE) : null;
        if (given != null) {
            return given;
        }
        Double before = c.table().has(Columns.LEVEL_BEFORE) ? ChartKit.num(c, Columns.LEVEL_BEFORE) : null;
        Double after = c.table().has(Columns.LEVEL_AFTER) ? ChartKit.num(c, Columns.LEVEL_AFTER) : null;
        return before == null || after == null || before == 0 ? null : after / before - 1;
    }

    /** A vertical line at a change point, labelled on its left when it is in the right half (the label stays inside). */
    private ValueMarker changeMarker(double x, Double change, boolean labelLeft) {
        ValueMarker m = new ValueMarker(x, kit.style.referencePaint(), kit.style.referenceLine());
        m.setLabel(change == null ? kit.texts.get("chart.marker.change_point_plain")
                : kit.texts.get("chart.marker.change_point", kit.numbers.signedPercent(change, 1)));
        m.setLabelAnchor(labelLeft ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(labelLeft ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
        return m;
    }

    private static Shape triangle(boolean up) {
        Path2D.Double p = new Path2D.Double();
        double s = 6;
        if (up) {
            p.moveTo(0, -s);
            p.lineTo(s, s * 0.8);
            p.lineTo(-s, s * 0.8);
        } else {
            p.moveTo(0, s);
            p.lineTo(s, -s * 0.8);
            p.lineTo(-s, -s * 0.8);
        }
        p.closePath();
        return p;
    }

    /**
     * The last {@value #HISTORY_MONTHS} months of the whole market's revenue, the forecast after them, and the
     * prediction interval as a shaded band; the legend names the model and the interval level, a subtitle the
     * backtest's sMAPE beside the seasonal-naive baseline's when the run wrote it.
     */
    Optional<ReportChart> forecast() {
        Optional<Table> table = kit.table(Tables.FORECAST.name(), ChartKit.with(SCOPE, Columns.PERIOD, Columns.FORECAST, Columns.LOWER, Columns.UPPER, Columns.MODEL));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        YIntervalSeries band = new YIntervalSeries(kit.texts.get("chart.series.forecast_plain"), true, false);
        String model = null;
        Double level = null;
        for (Table.Row r : ChartKit.scope(table.get(), Scopes.ALL).rows()) {
            Optional<YearMonth> m = ChartKit.month(r.str(Columns.PERIOD));
            Double f = ChartKit.num(r, Columns.FORECAST);
            if (m.isEmpty() || f == null) {
                continue;
            }
            Double lo = ChartKit.num(r, Columns.LOWER);
            Double hi = ChartKit.num(r, Columns.UPPER);
            band.add(ChartKit.x(m.get()), f, lo == null ? f : lo, hi == null ? f : hi);
            model = model == null && !r.isEmpty(Columns.MODEL) ? r.str(Columns.MODEL) : model;
            level = level == null && r.table().has(Columns.INTERVAL_LEVEL) ? ChartKit.num(r, Columns.INTERVAL_LEVEL) : level;
        }
        if (band.isEmpty()) {
            return Optional.empty();
        }
        YIntervalSeriesCollection forecastData = new YIntervalSeriesCollection();
        forecastData.addSeries(band);
        DeviationRenderer dev = new DeviationRenderer(true, true);
        dev.setSeriesPaint(0, ChartStyle.HIGHLIGHT);
        dev.setSeriesFillPaint(0, ChartStyle.HIGHLIGHT);
        dev.setSeriesStroke(0, kit.style.line(1));
        dev.setSeriesShape(0, kit.style.dot(6));
        dev.setAlpha(0.22f);

        double firstForecast = band.getX(0).doubleValue();
        TreeMap<YearMonth, Double> history = new TreeMap<>();
        kit.table(Tables.MARKET_SIZE.name(), ChartKit.with(SCOPE, Columns.PERIOD, Columns.REVENUE)).ifPresent(t ->
                ChartKit.monthly(ChartKit.scope(t, Scopes.ALL), Columns.REVENUE).forEach((m, v) -> {
                    if (ChartKit.x(m) < firstForecast) {
                        history.put(m, v);
                    }
                }));
        while (history.size() > HISTORY_MONTHS) {
            history.pollFirstEntry();
        }
        XYSeriesCollection historyData = new XYSeriesCollection();
        historyData.addSeries(ChartKit.xySeries(kit.texts.get("chart.series.history"), history));

        XYPlot plot = new XYPlot(forecastData, kit.monthAxis(), kit.moneyAxis("chart.axis.revenue"), dev);
        plot.setDataset(1, historyData);
        plot.setRenderer(1, kit.lineRenderer(1));
        String modelName = model == null ? "" : kit.texts.has("chart.model." + model) ? kit.texts.get("chart.model." + model) : model;
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(kit.lineItem(kit.texts.get("chart.series.history"), kit.style.series(0), kit.style.line(0)));
        legend.add(kit.lineItem(model == null ? kit.texts.get("chart.series.forecast_plain")
                : kit.texts.get("chart.series.forecast", modelName), ChartStyle.HIGHLIGHT, kit.style.line(1)));
        legend.add(kit.swatch(level == null ? kit.texts.get("chart.series.interval_plain")
                : kit.texts.get("chart.series.interval", kit.numbers.percent(level, 0)), bandPaint()));
        plot.setFixedLegendItems(legend);
        List<String> subtitles = new ArrayList<>();
        subtitles.add(kit.texts.get("chart.scope.all_markets"));
        backtest().ifPresent(subtitles::add);
        return Optional.of(kit.chart(Tables.FORECAST.name(), Section.FORECAST, kit.texts.get("chart.forecast.title"), plot, true, subtitles.toArray(String[]::new)));
    }

    /** The band's colour as it shows on white: the highlight at the renderer's alpha. */
    private static Paint bandPaint() {
        Color h = ChartStyle.HIGHLIGHT;
        float a = 0.22f;
        return new Color(Math.round(255 - (255 - h.getRed()) * a), Math.round(255 - (255 - h.getGreen()) * a),
                Math.round(255 - (255 - h.getBlue()) * a));
    }

    /** "Backtest on the last 6 months: sMAPE 4.1% (seasonal naive 27.1%)" for the whole market, when written. */
    private Optional<String> backtest() {
        return kit.table(Tables.FORECAST_BACKTEST.name(), ChartKit.with(SCOPE, Columns.SMAPE, Columns.BASELINE_SMAPE, Columns.HOLDOUT))
                .flatMap(t -> ChartKit.scope(t, Scopes.ALL).stream().findFirst())
                .flatMap(r -> {
                    Double smape = ChartKit.num(r, Columns.SMAPE);
                    Double holdout = ChartKit.num(r, Columns.HOLDOUT);
                    return smape == null || holdout == null ? Optional.empty() : Optional.of(kit.texts.get("chart.forecast.backtest",
                            kit.numbers.integer(holdout), kit.numbers.percentValue(smape, 1),
                            kit.numbers.percentValue(ChartKit.num(r, Columns.BASELINE_SMAPE), 1)));
                });
    }

    private static boolean hasAll(Table t, String... columns) {
        for (String c : ChartKit.with(SCOPE, columns)) {
            if (!t.has(c)) {
                return false;
            }
        }
        return true;
    }
}
